// Who hears that someone is typing, and how often a socket may say so. Typing frames are never
// stored and never part of the log: they are passed on at once or dropped. Pure (no clock, no
// I/O), tested under Node and Deno; the room applies it.
//
// The rule: a customer's draft is shown to staff as it stands (the "sneak peek" LiveChat's agents
// have), from the moment they are queued; staff's text is never passed on to anyone. The customer
// hears only that an agent who may write to them is typing (the assigned agent, or one who
// joined), never that a coach or a monitor is; colleagues hear that any of them is.
import type { Person } from '../protocol.ts';
import type { BucketPolicy } from './rate.ts';
import { mayWriteToCustomer, type ChatState } from './logic.ts';

/** Typing frames a socket may send at once, and per second after that; more are dropped unsaid. */
export const TYPING_BURST = 4;
export const TYPING_PER_SECOND = 4;
export const TYPING_POLICY: BucketPolicy = { burst: TYPING_BURST, perSecond: TYPING_PER_SECOND };

export interface TypingAudience {
  /** Staff receive the draft's text (`draft` frame): only a customer's. */
  draftToStaff: boolean;
  /** The customer hears that this person is typing (`typing` frame, no text). */
  signalToVisitor: boolean;
  /** Staff hear that this colleague is typing (`typing` frame, no text). */
  signalToStaff: boolean;
}

const NOBODY: TypingAudience = { draftToStaff: false, signalToVisitor: false, signalToStaff: false };

/** Who hears `from` typing in a chat in `state`. Nobody, once it has ended (or before it opens). */
export function typingAudience(state: ChatState, from: Person): TypingAudience {
  if (state.status !== 'queued' && state.status !== 'active') return NOBODY;
  if (from.role === 'visitor') return { draftToStaff: true, signalToVisitor: false, signalToStaff: false };
  return { draftToStaff: false, signalToVisitor: mayWriteToCustomer(state, from), signalToStaff: true };
}
