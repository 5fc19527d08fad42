// Request bodies are validated at the boundary with zod; a bad body is `400 invalid_body` with
// the fields named, and nothing is changed.
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { ApiError } from './errors.ts';

export async function readBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  // JSON only as application/json: a form or a text/plain body is what another site's page can
  // send without a preflight, so accepting it would open the door to cross-site requests.
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with content-type: application/json.');
  }
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_body', 'The body must be JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))].join(', ');
    throw new ApiError(400, 'invalid_body', `Invalid or missing: ${fields}.`);
  }
  return parsed.data;
}
