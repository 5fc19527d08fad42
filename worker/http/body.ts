// Request bodies and query strings are validated at the boundary with zod; a bad one is
// `400 invalid_body` or `400 invalid_query` with the fields named, and nothing is changed.
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

/**
 * The query string, checked with a zod schema: a bad one is `400 invalid_query` with the
 * parameters named and `hint` (what is allowed), and nothing is changed.
 */
export function readQuery<T>(c: Context, schema: z.ZodMiniType<T>, options: { hint?: string; defaults?: Record<string, string> } = {}): T {
  const { hint = '', defaults = {} } = options;
  const parsed = schema.safeParse({ ...defaults, ...c.req.query() });
  if (!parsed.success) {
    const params = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'query'))].join(', ');
    throw new ApiError(400, 'invalid_query', `Invalid or missing: ${params}.${hint ? ` ${hint}` : ''}`);
  }
  return parsed.data;
}
