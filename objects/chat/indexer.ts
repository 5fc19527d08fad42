// What a chat feeds the search index (worker/search/): its messages, files' names and coaching
// lines, in batches, never one write per message on the hot path. A message makes the feed due
// SEARCH_FEED_DELAY_MS later (the messages that follow before then go with it); the chat's timer
// then sends everything after the last sequence number sent to its search writer
// (worker/search/writer.ts), which writes many chats' batches to D1 at once. A timer, not the alarm:
// setting an alarm is a storage write, and a busy chat's feed falls due more than once a second (the
// alarm cost the N=50 closed loop 14% of the baseline's CPU per message). The alarm is the
// backstop (`backstopAt`) for an object that stops before its timer fires. What was sent is
// remembered in the object's own SQLite, in the commit of a later message stored (at most every
// SEARCH_FEED_REMEMBER_MS) and by the timer a delay after a busy spell's last send, so a restart
// resends at most those few seconds (the index ignores a repeat) and misses nothing; a failed send is
// tried again SEARCH_FEED_RETRY_MS later. A fresh instance checks once whether
// anything is unsent (also how chats from before search existed are indexed when they next wake).
import type { ChatEvent } from '../protocol.ts';

/** How long after a message its batch leaves for the index (the bound is 2 s to searchable). */
export const SEARCH_FEED_DELAY_MS = 600;
/**
 * Each batch's delay is SEARCH_FEED_DELAY_MS give or take up to this, at random: chats that became
 * busy together (a rush, or a restart) would otherwise keep sending in the same instant, every
 * cycle, and their writes would arrive all at once (stalls of 20-40 ms every 600 ms under the
 * bench's 1,000 messages a second over 50 chats; docs/scale.md).
 */
export const SEARCH_FEED_JITTER_MS = 150;
/**
 * If the object stops before its timer fires (evicted, restarted), its alarm sends the feed at
 * most about this long after the timer was due (see `backstopAt`).
 */
export const SEARCH_FEED_BACKSTOP_MS = 30_000;
/** The most unsent events kept in memory; past it (the index away for minutes) sends read the log again. */
export const SEARCH_FEED_MAX_PENDING = 5_000;
/** After a failed send, when the feed tries again. */
export const SEARCH_FEED_RETRY_MS = 5_000;
/**
 * How often, at most, a busy chat remembers what it sent with a message's commit. Each time is a
 * page of its own in that commit: every send's (0.6–0.8 s) was about one write-ahead-log page in
 * 14 of a chat at the open loop's pace (docs/scale.md, 2026-12-08). The end of a spell is
 * remembered by the timer whatever this says. A restart mid-spell sends up to this much again,
 * which the index ignores only because a document is unique by its chat and part (the writer's
 * INSERT OR IGNORE on `search_docs_part`): a change there must keep repeats out.
 */
export const SEARCH_FEED_REMEMBER_MS = 5_000;
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

/** Where a chat's documents go (worker/search/feed.ts: its search writer). A send resolves once they are written. */
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
  /** The sent seq as stored (null until read): behind #sentSeq until a later message's commit or the timer. */
  #savedSeq: number | null = null;
  /** When a message's commit last carried the sent seq (see SEARCH_FEED_REMEMBER_MS). */
  #rememberedAt = -Infinity;
  /** When the feed must send; a fresh instance looks once, at once, in case it was cut off. */
  #dueAt: number | null;
  #fresh = true;
  /** Where this instance's backstop steps start (see `backstopAt`). */
  readonly #phase: number;
  /** The searched events this instance stored that were not sent yet, oldest first. */
  #pending: { seq: number; event: ChatEvent }[] = [];
  /** Whether #pending holds every searched event not sent yet (false until a read of the log finds the rest). */
  #complete = false;
  /** Sends run one after another (the timer's and the alarm's), so none reads what another is sending. */
  #running: Promise<void> = Promise.resolve();

  readonly #random: () => number;

  constructor(memory: FeedMemory, now: number, random: () => number = Math.random) {
    this.#memory = memory;
    this.#random = random;
    this.#dueAt = now;
    this.#phase = Math.floor(random() * SEARCH_FEED_BACKSTOP_MS);
  }

  /** When the feed must send (the object's timer). */
  get dueAt(): number | null {
    return this.#dueAt;
  }

  /**
   * When the alarm sends the feed if the timer has not (the object stopped first): at least
   * SEARCH_FEED_BACKSTOP_MS after it fell due, on a step of that length, so that a busy chat's
   * feed, due again after every send, moves its alarm once a step and not with every send. Each
   * instance's steps start at a random phase: chats do not all wake on the same second.
   */
  get backstopAt(): number | null {
    if (this.#dueAt === null) return null;
    // A fresh instance's look for what is unsent has no timer until a message comes: the alarm
    // takes it, at once (an object woken by a socket or a list must not wait a step for it).
    if (this.#fresh) return this.#dueAt;
    const step = SEARCH_FEED_BACKSTOP_MS;
    return Math.ceil((this.#dueAt + step - this.#phase) / step) * step + this.#phase;
  }

  /**
   * A searched event was stored (`event.seq` its sequence number): kept for the next send, which
   * then needs no read of the log. True when this made the feed due sooner (the timer must be set).
   */
  noted(event: ChatEvent, now: number): boolean {
    // The last send is remembered with this event (the room stores it in this turn, one commit),
    // at most every SEARCH_FEED_REMEMBER_MS.
    if (now - this.#rememberedAt >= SEARCH_FEED_REMEMBER_MS && this.#remember()) this.#rememberedAt = now;
    if (this.#pending.length >= SEARCH_FEED_MAX_PENDING) {
      // The index has been away a long while: the log keeps these; the next sends read it.
      this.#pending = [];
      this.#complete = false;
    }
    this.#pending.push({ seq: event.seq, event });
    return this.changed(now);
  }

  /** A searched event was stored but not handed over (`noted`): true when this made the feed due sooner. */
  changed(now: number): boolean {
    if (this.#fresh) {
      // The first since waking: the look for unsent events (due at once) may not be on the alarm yet.
      this.#fresh = false;
      return true;
    }
    if (this.#dueAt !== null) return false;
    this.#dueAt = this.#later(now);
    return true;
  }

  /** SEARCH_FEED_DELAY_MS after `now`, give or take up to SEARCH_FEED_JITTER_MS. */
  #later(now: number): number {
    return now + SEARCH_FEED_DELAY_MS + Math.round((this.#random() * 2 - 1) * SEARCH_FEED_JITTER_MS);
  }

  /** Stores the sent seq if it moved since it was last stored; true if it did. */
  #remember(): boolean {
    if (this.#sentSeq === null || this.#sentSeq === this.#savedSeq) return false;
    this.#memory.save(this.#sentSeq);
    this.#savedSeq = this.#sentSeq;
    return true;
  }

  /**
   * The timer (or the alarm): sends what is unsent if the feed is due. `read` gives the searched
   * events after a sequence number, in order, at most SEARCH_FEED_MAX_EVENTS: a fresh instance
   * reads the log until it has sent everything from before its start, then sends what it was
   * handed (`noted`).
   */
  flush(chatId: string, read: (after: number, limit: number) => { seq: number; event: ChatEvent }[], feed: SearchFeed, now: number): Promise<void> {
    // After any send under way (its failure is its caller's to hear, not this one's).
    const run = this.#running.catch(() => undefined).then(() => this.#flushOnce(chatId, read, feed, now));
    this.#running = run;
    return run;
  }

  async #flushOnce(chatId: string, read: (after: number, limit: number) => { seq: number; event: ChatEvent }[], feed: SearchFeed, now: number): Promise<void> {
    if (this.#dueAt === null || this.#dueAt > now) return;
    this.#dueAt = null;
    this.#fresh = false;
    // What this instance was handed since everything before was sent (no read), or the log's.
    const fromMemory = this.#complete;
    let events: { seq: number; event: ChatEvent }[];
    try {
      if (this.#sentSeq === null) this.#sentSeq = this.#savedSeq = this.#memory.load();
      events = fromMemory ? this.#pending.splice(0) : read(this.#sentSeq, SEARCH_FEED_MAX_EVENTS);
    } catch (err) {
      // Storage could not be read: due again later (nothing else would make it due but a message).
      this.#dueAt = now + SEARCH_FEED_RETRY_MS;
      throw err;
    }
    if (events.length === 0) {
      // Nothing unsent in the log: whatever comes next is handed over. No message came since the
      // last send to carry its seq into storage: it is stored now, on its own.
      this.#complete = true;
      this.#remember();
      return;
    }
    const docs = events.flatMap(({ seq, event }) => searchDoc(seq, event) ?? []);
    try {
      if (docs.length > 0) await feed.send(chatId, docs);
    } catch (err) {
      console.error('search feed: not sent; trying again', err);
      if (fromMemory) this.#pending.unshift(...events);
      this.#dueAt = Math.min(this.#dueAt ?? Infinity, now + SEARCH_FEED_RETRY_MS);
      return;
    }
    this.#sentSeq = events.at(-1)!.seq;
    if (!fromMemory) {
      // What the read covered is sent; whatever was stored since is in #pending (every event this
      // instance stored is handed over, and each came after the read). A read that found fewer
      // than it could leaves nothing older unsent: from now on, sends need no read.
      const sent = this.#sentSeq;
      this.#pending = this.#pending.filter((e) => e.seq > sent);
      if (events.length < SEARCH_FEED_MAX_EVENTS) this.#complete = true;
    }
    // Remembered so that an object evicted when its chat goes quiet wakes with nothing to send
    // again (remembering only every few seconds, with nothing at the end, left the last seconds of
    // every busy spell to be read, sent and ignored by the index at each wake: most of what waking
    // cost, bench/profile.ts wake). What the chat handed over (the hot path) is remembered not in a
    // write of its own but in a later message's commit (`noted`, at most every
    // SEARCH_FEED_REMEMBER_MS), and always by the timer a delay after the spell's last send, which
    // finds nothing to send. What was read from the log is remembered at once: that is a fresh instance's
    // look, sent by the alarm with no timer after it and maybe no message to come (an ended chat's
    // backlog), or a long backlog, whose every read would otherwise be sent again after a restart.
    if (!fromMemory) this.#remember();
    // A full read may have left more: the next send is due at once.
    this.#dueAt = events.length === SEARCH_FEED_MAX_EVENTS ? now : (this.#dueAt ?? (fromMemory ? this.#later(now) : null));
  }
}
