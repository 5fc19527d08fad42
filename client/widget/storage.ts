// The visitor's chat survives a reload: its id, token and what has been seen so far are kept in
// localStorage under one key, so the widget reconnects with `after=<lastSeq>` instead of starting
// over. Storage may be unavailable (private mode, blocked third-party storage); then nothing is kept.
import type { ChatEvent } from '../../objects/protocol.ts';
import type { Outgoing } from '../shared/conversation.ts';

export const STORAGE_KEY = 'switchboard.chat';

export interface StoredChat {
  chatId: string;
  token: string;
  lastSeq: number;
  events: ChatEvent[];
  /** Messages written but not yet confirmed; resent with the same ids after a reload. */
  outbox: Outgoing[];
  /** The address the chat was started with: where "Email me the transcript" sends by default. */
  email: string | null;
  /** The post-chat survey was answered (or the server said so): don't ask again. */
  rated: boolean;
  /** The last sequence number the visitor had in front of them (replies after it are unread). */
  seenSeq: number;
}

export function loadChat(): StoredChat | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  if (!('chatId' in data) || typeof data.chatId !== 'string') return null;
  if (!('token' in data) || typeof data.token !== 'string') return null;
  const lastSeq = 'lastSeq' in data && typeof data.lastSeq === 'number' ? data.lastSeq : 0;
  // Entries were written by saveChat below; keep only those that still look like events.
  const events: ChatEvent[] =
    'events' in data && Array.isArray(data.events) ? data.events.filter((e) => typeof e?.seq === 'number') : [];
  const outbox: Outgoing[] =
    'outbox' in data && Array.isArray(data.outbox) ? data.outbox.filter((m) => typeof m?.id === 'string') : [];
  const email = 'email' in data && typeof data.email === 'string' ? data.email : null;
  const rated = 'rated' in data && data.rated === true;
  // Stored before unread counts existed: count nothing from before this load as unread.
  const seenSeq = 'seenSeq' in data && typeof data.seenSeq === 'number' ? data.seenSeq : lastSeq;
  // Without its events, a high lastSeq would hide the history: replay from the start instead.
  return { chatId: data.chatId, token: data.token, lastSeq: events.length > 0 ? lastSeq : 0, events, outbox, email, rated, seenSeq };
}

export function saveChat(chat: StoredChat): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(chat));
  } catch {
    // Full or blocked: the chat still works, it just won't survive a reload.
  }
}

export function clearChat(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
