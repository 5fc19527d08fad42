// A token bucket per socket for what it may store: bursts pass, a sustained flood is refused with
// `rate_limited` and the socket stays open. Pure (the clock is a parameter), tested under Node
// and Deno; the room keeps one bucket per socket in memory (a flood keeps the object awake, and
// an object that wakes again starts every socket with a full bucket).

/** Messages a socket may send at once, after a quiet spell. */
export const SEND_BURST = 20;
/** Messages per second a socket may keep sending. */
export const SEND_RATE_PER_SECOND = 5;

export interface Bucket {
  tokens: number;
  /** When `tokens` was last computed (ms). */
  at: number;
}

export function fullBucket(now: number): Bucket {
  return { tokens: SEND_BURST, at: now };
}

/** Takes one token if there is one; the bucket refills at SEND_RATE_PER_SECOND up to SEND_BURST. */
export function takeToken(bucket: Bucket, now: number): { ok: boolean; bucket: Bucket } {
  const refilled = Math.min(SEND_BURST, bucket.tokens + (Math.max(0, now - bucket.at) * SEND_RATE_PER_SECOND) / 1000);
  if (refilled < 1) return { ok: false, bucket: { tokens: refilled, at: now } };
  return { ok: true, bucket: { tokens: refilled - 1, at: now } };
}
