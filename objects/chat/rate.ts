// A token bucket per socket for what it may store: bursts pass, a sustained flood is refused with
// `rate_limited` and the socket stays open. Pure (the clock is a parameter), tested under Node
// and Deno; the room keeps one bucket per socket in memory (a flood keeps the object awake, and
// an object that wakes again starts every socket with a full bucket).

/** Messages a socket may send at once, after a quiet spell. */
export const SEND_BURST = 20;
/** Messages per second a socket may keep sending. */
export const SEND_RATE_PER_SECOND = 5;

export interface BucketPolicy {
  burst: number;
  perSecond: number;
}

/**
 * The policy from the deployment's variables (SOCKET_SEND_BURST, SOCKET_SEND_PER_SECOND), or the
 * defaults above where they are absent or not positive numbers. The benchmark raises them: it
 * measures capacity, not one person's typing.
 */
export function bucketPolicy(vars: { SOCKET_SEND_BURST?: string; SOCKET_SEND_PER_SECOND?: string }): BucketPolicy {
  const positive = (raw: string | undefined, fallback: number) => {
    const n = Number(raw);
    return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { burst: positive(vars.SOCKET_SEND_BURST, SEND_BURST), perSecond: positive(vars.SOCKET_SEND_PER_SECOND, SEND_RATE_PER_SECOND) };
}

export const DEFAULT_POLICY: BucketPolicy = { burst: SEND_BURST, perSecond: SEND_RATE_PER_SECOND };

export interface Bucket {
  tokens: number;
  /** When `tokens` was last computed (ms). */
  at: number;
}

export function fullBucket(now: number, policy: BucketPolicy = DEFAULT_POLICY): Bucket {
  return { tokens: policy.burst, at: now };
}

/** Takes one token if there is one; the bucket refills at `perSecond` up to `burst`. */
export function takeToken(bucket: Bucket, now: number, policy: BucketPolicy = DEFAULT_POLICY): { ok: boolean; bucket: Bucket } {
  const refilled = Math.min(policy.burst, bucket.tokens + (Math.max(0, now - bucket.at) * policy.perSecond) / 1000);
  if (refilled < 1) return { ok: false, bucket: { tokens: refilled, at: now } };
  return { ok: true, bucket: { tokens: refilled - 1, at: now } };
}
