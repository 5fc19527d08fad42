// What a chat feeds the search index (worker/search/): its messages, files' names and coaching
// lines, in batches, never one write per message on the hot path. A message makes the feed due
// SEARCH_FEED_DELAY_MS later (the messages that follow before then go with it); the chat's alarm
// then sends everything after the last sequence number sent, as one or a few queue messages, and
// the SEARCH queue's consumer writes many chats' batches to D1 at once. What was sent is remembered
// in the object's own SQLite, so a restart resends nothing and misses nothing; a failed send is
// tried again SEARCH_FEED_RETRY_MS later. A fresh instance checks once whether anything is unsent
// (also how chats from before search existed are indexed when they next wake).
import type { ChatEvent } from '../protocol.ts';

/** How long after a message its batch leaves for the index (the bound is 2 s to searchable). */
export const SEARCH_FEED_DELAY_MS = 300;
/** After a failed send, when the feed tries again. */
export const SEARCH_FEED_RETRY_MS = 5_000;
/** The most events read for one send (more are sent by the next alarm, at once). */
export const SEARCH_FEED_MAX_EVENTS = 200;

/** The event kinds whose text is searched: what the customer and staff wrote, and files' names. */
export const SEARCHED_KINDS = ['message', 'coaching', 'file'] as const satisfies readonly ChatEvent['kind'][];

/** One searchable piece of a chat, as the index stores it. */
export interface SearchDoc {
  /** `m:<seq>`: the console opens the chat at this event. */
  part: string;
  /** Staff-only text (coaching) goes to the staff index, never the customer-visible one. */
  staff: boolean;
  at: number;
  author: string;
  body: string;
}

/** Where a chat's documents go (worker/search/feed.ts: the SEARCH queue). */
export interface SearchFeed {
  send(chatId: string, docs: readonly SearchDoc[]): Promise<void>;
}

/** The last sequence number sent to the index, kept in the object's storage. */
export interface FeedMemory {
  load(): number;
  save(seq: number): void;
}

/** The marks a snippet puts around matched words (search-query.ts HIT_START, HIT_END): nobody's text may fake them. */
const SNIPPET_MARKS = /[\u0002\u0003]/g;

/**
 * A searched event as a document, or null for any other event. Whether it is staff-only is its
 * audience's say, so no event meant for staff can reach the customer-visible index.
 */
export function searchDoc(seq: number, event: ChatEvent): SearchDoc | null {
  const text = event.kind === 'message' || event.kind === 'coaching' ? event.text : event.kind === 'file' ? event.file.filename : null;
  if (text === null || !('from' in event)) return null;
  return { part: `m:${seq}`, staff: event.audience !== 'all', at: event.at, author: event.from.name, body: text.replace(SNIPPET_MARKS, ' ') };
}

export class Indexer {
  readonly #memory: FeedMemory;
  #sentSeq: number | null = null;
  /** When the feed must send; a fresh instance looks once, at once, in case it was cut off. */
  #dueAt: number | null;
  #fresh = true;

  constructor(memory: FeedMemory, now: number) {
    this.#memory = memory;
    this.#dueAt = now;
  }

  get dueAt(): number | null {
    return this.#dueAt;
  }

  /** A searched event was stored: true when this made the feed due sooner (the alarm must be set). */
  changed(now: number): boolean {
    if (this.#fresh) {
      // The first since waking: the look for unsent events (due at once) may not be on the alarm yet.
      this.#fresh = false;
      return true;
    }
    if (this.#dueAt !== null) return false;
    this.#dueAt = now + SEARCH_FEED_DELAY_MS;
    return true;
  }

  /**
   * The alarm: sends what is unsent if the feed is due. `read` gives the searched events after a
   * sequence number, in order, at most SEARCH_FEED_MAX_EVENTS.
   */
  async flush(chatId: string, read: (after: number, limit: number) => { seq: number; event: ChatEvent }[], feed: SearchFeed, now: number): Promise<void> {
    if (this.#dueAt === null || this.#dueAt > now) return;
    this.#dueAt = null;
    this.#fresh = false;
    this.#sentSeq ??= this.#memory.load();
    const events = read(this.#sentSeq, SEARCH_FEED_MAX_EVENTS);
    if (events.length === 0) return;
    const docs = events.flatMap(({ seq, event }) => searchDoc(seq, event) ?? []);
    try {
      if (docs.length > 0) await feed.send(chatId, docs);
    } catch (err) {
      console.error('search feed: not sent; trying again', err);
      this.#dueAt = Math.min(this.#dueAt ?? Infinity, now + SEARCH_FEED_RETRY_MS);
      return;
    }
    this.#sentSeq = events.at(-1)!.seq;
    this.#memory.save(this.#sentSeq);
    // A full read may have left more: the next alarm sends them at once.
    if (events.length === SEARCH_FEED_MAX_EVENTS) this.#dueAt = now;
  }
}
