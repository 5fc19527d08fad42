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

/**
 * A connection must stay open this long to count as a success. One the server closes sooner, after
 * its handshake (a chat or console closing a socket its agent's hub could not take on, 3001), is a
 * failure like a handshake that failed: otherwise every such close would be retried at the first
 * step, twice a second, for as long as the server kept closing.
 */
export const STABLE_CONNECTION_MS = 5_000;

/**
 * The failure count the next delay is reckoned from (`reconnectDelay`), after a loss that followed
 * `attempts` failed or short-lived connections and a connection open `openForMs` (null: its
 * handshake never completed): back to the first step only after one that held.
 */
export function retryLevel(attempts: number, openForMs: number | null): number {
  return openForMs !== null && openForMs >= STABLE_CONNECTION_MS ? 0 : attempts;
}
