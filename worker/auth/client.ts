// Who is on the other end of a request, as far as limits per client go, and the one way a route
// applies such a limit.
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import type { HttpErrorCode } from '../http/error-codes.ts';
import { ApiError } from '../http/errors.ts';

/**
 * The client's address as Cloudflare's edge gives it (CF-Connecting-IP, which a client cannot
 * set: the edge overwrites it). Null where there is no edge in front, as in the integration tests;
 * `wrangler dev` sets it to the local address. Limits keyed on it are then not applied.
 */
export function clientAddress(request: Request): string | null {
  return request.headers.get('CF-Connecting-IP');
}

/**
 * Counts one `kind` of request against the client address's budget (Workers rate limiting, a
 * fixed window per minute) and refuses it with 429 once the budget is spent.
 */
export async function limitPerAddress(
  c: Context<AppEnv>,
  limiter: RateLimit,
  kind: string,
  refusal: { code: HttpErrorCode; message: string },
): Promise<void> {
  const address = clientAddress(c.req.raw);
  if (address === null) return;
  if ((await limiter.limit({ key: `${kind}:${address}` })).success) return;
  c.header('Retry-After', '60');
  throw new ApiError(429, refusal.code, refusal.message);
}
