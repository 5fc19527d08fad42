// When a client says what its person is typing: at most one typing frame per TYPING_SEND_INTERVAL_MS
// (below the server's per-socket rate, objects/chat/typing.ts), the latest draft always sent last,
// and "stopped" (an empty draft) at once. And how long a "typing" signal stays shown without news.
// Pure: the caller owns the clock and the timer.

/** The most often a client sends a typing frame while its person types. */
export const TYPING_SEND_INTERVAL_MS = 300;
/** A "typing" signal or draft preview not renewed for this long is taken as stopped. */
export const TYPING_SHOWN_MS = 6_000;

export interface TypingSent {
  /** The draft last sent ('' = stopped, or nothing sent yet), and when (0 = never). */
  draft: string;
  at: number;
}

export const NOTHING_SENT: TypingSent = { draft: '', at: 0 };

/**
 * What to do with the draft as it stands now: send it now, send it after `waitMs` (the latest
 * draft then), or nothing (the other side already knows).
 */
export function typingDecision(last: TypingSent, draft: string, now: number): { send: 'now' } | { send: 'later'; waitMs: number } | { send: 'no' } {
  if (draft === last.draft) return { send: 'no' };
  if (draft === '') return { send: 'now' };
  const since = now - last.at;
  return since >= TYPING_SEND_INTERVAL_MS ? { send: 'now' } : { send: 'later', waitMs: TYPING_SEND_INTERVAL_MS - since };
}
