// How long a client waits before reconnecting a dropped socket: exponential backoff with jitter,
// so a server restart is not met by every open tab reconnecting in the same millisecond.
// A pure function of the failure count (and a random source), tested without timers.

/** The first retry waits about this long. */
export const RECONNECT_BASE_MS = 500;
/** No retry waits longer than this, however many attempts have failed. */
export const RECONNECT_MAX_MS = 10_000;

/**
 * The delay before the next attempt after `failures` consecutive failures (0 = first retry).
 * "Equal jitter": half the exponential step is fixed, the other half random.
 */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const step = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, failures));
  return Math.round(step / 2 + (random() * step) / 2);
}
