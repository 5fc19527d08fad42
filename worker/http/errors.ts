// One error shape for every HTTP failure: `{ error: { code, message } }` with a stable code.
// Routes throw ApiError; app.onError turns it (and anything unexpected) into that shape and
// never sends a stack trace.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpErrorCode } from './error-codes.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: HttpErrorCode,
    message: string,
    /** The input field at fault, where there is one (a form can show the message beside it). */
    readonly field?: string,
    /** More for a program to read beside the message (e.g. `unknown`: the variables a canned reply may not use). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function errorResponse(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const field = err.field === undefined ? {} : { field: err.field };
    return c.json({ error: { ...err.details, code: err.code, message: err.message, ...field } }, err.status);
  }
  console.error('unexpected error', err);
  return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
}

export function notFound(c: Context): Response {
  return c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404);
}
