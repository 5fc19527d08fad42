// A chat object's refusal becomes an HTTP status here, and only here, from one table: the same
// refusal gets the same status from every route (a socket gets it as an `error` frame instead).
import type { ErrorCode } from '../../objects/protocol.ts';
import { ApiError } from './errors.ts';

/** Every refusal a chat object can give, and its status. */
const REFUSAL_STATUS = {
  not_allowed: 403,
  not_active: 409,
  not_assigned: 409,
  already_taken: 409,
  already_yours: 409,
  chat_ended: 409,
  agent_at_capacity: 409,
  already_open: 409,
  not_open: 409,
  not_ended: 409,
  no_change: 409,
  already_rated: 409,
  no_such_comment: 404,
  no_such_time_log: 404,
  duplicate: 409,
  invalid_frame: 400,
  text_too_long: 400,
  invalid_text: 400,
  bad_json: 400,
  unknown_type: 400,
  rate_limited: 429,
} as const satisfies Record<ErrorCode, 400 | 403 | 404 | 409 | 429>;

export function refusal(outcome: { code: ErrorCode; message: string }): ApiError {
  return new ApiError(REFUSAL_STATUS[outcome.code], outcome.code, outcome.message);
}

/** What a route answers for a chat command: the chat as it now is, or the refusal thrown. */
export function orRefuse<T extends { ok: true }>(result: T | { ok: false; code: ErrorCode; message: string }): T {
  if (!result.ok) throw refusal(result);
  return result;
}
