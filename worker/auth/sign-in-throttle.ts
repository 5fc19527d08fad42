// Repeated failed sign-ins for one email are slowed down, then locked for a while. The rule is a
// pure function of the stored failure record and the clock; D1 keeps the record.

/** Failures allowed before each further attempt has to wait. */
export const SLOW_AFTER_FAILURES = 3;
/** The first wait; it doubles with each further failure. */
export const FIRST_DELAY_MS = 1000;
/** Failures after which the email is locked. */
export const LOCK_AFTER_FAILURES = 10;
/** How long a lock lasts. */
export const LOCK_MS = 15 * 60 * 1000;

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export type Gate = { open: true } | { open: false; code: 'locked' | 'slow_down'; retryAfterMs: number };

/** May a sign-in be tried now? */
export function gate(record: FailureRecord | undefined, now: number): Gate {
  if (!record) return { open: true };
  if (record.lockedUntil > now) return { open: false, code: 'locked', retryAfterMs: record.lockedUntil - now };
  if (record.failures < SLOW_AFTER_FAILURES || record.lockedUntil > 0) return { open: true };
  const wait = FIRST_DELAY_MS * 2 ** (record.failures - SLOW_AFTER_FAILURES);
  const readyAt = record.lastFailureAt + wait;
  return readyAt > now ? { open: false, code: 'slow_down', retryAfterMs: readyAt - now } : { open: true };
}

/** The record after one more failure. A lock that has run out starts the count afresh. */
export function afterFailure(record: FailureRecord | undefined, now: number): FailureRecord {
  const expired = record !== undefined && record.lockedUntil > 0 && record.lockedUntil <= now;
  const failures = (record && !expired ? record.failures : 0) + 1;
  return { failures, lastFailureAt: now, lockedUntil: failures >= LOCK_AFTER_FAILURES ? now + LOCK_MS : 0 };
}
