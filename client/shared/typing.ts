// When a client says what its person is typing. A customer's draft is shown to staff as it grows:
// at most one frame per TYPING_SEND_INTERVAL_MS (below the server's per-socket rate,
// objects/chat/typing.ts), the latest draft always sent last. Staff's text goes to nobody, so
// their client says only that they started or stopped, and again every TYPING_KEEPALIVE_MS while
// they type (the others' "typing" would lapse after TYPING_SHOWN_MS). "Stopped" (an empty draft)
// goes at once. Pure: the caller owns the clock and the timer.

/** The most often a customer's client sends their draft while they type (twice a second). */
export const TYPING_SEND_INTERVAL_MS = 500;
/** How often staff's client says again that they are still typing. */
export const TYPING_KEEPALIVE_MS = 3_000;
/** A "typing" signal or draft preview not renewed for this long is taken as stopped. */
export const TYPING_SHOWN_MS = 6_000;

export interface TypingSent {
  /** The draft last sent ('' = stopped, or nothing sent yet), and when (0 = never). */
  draft: string;
  at: number;
}

export const NOTHING_SENT: TypingSent = { draft: '', at: 0 };

/** A customer's client shares the draft; staff's only whether they are typing. */
export type TypingShare = 'draft' | 'state';

/**
 * What to do with the draft as it stands now: send it now, send it after `waitMs` (the latest
 * draft then), or nothing (the other side already knows).
 */
export function typingDecision(last: TypingSent, draft: string, now: number, share: TypingShare = 'draft'): { send: 'now' } | { send: 'later'; waitMs: number } | { send: 'no' } {
  const since = now - last.at;
  if (share === 'state') {
    const typing = draft !== '';
    if (typing !== (last.draft !== '')) return { send: 'now' };
    return typing && since >= TYPING_KEEPALIVE_MS ? { send: 'now' } : { send: 'no' };
  }
  if (draft === last.draft) return { send: 'no' };
  if (draft === '') return { send: 'now' };
  return since >= TYPING_SEND_INTERVAL_MS ? { send: 'now' } : { send: 'later', waitMs: TYPING_SEND_INTERVAL_MS - since };
}
