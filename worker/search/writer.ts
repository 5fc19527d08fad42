// The search index's writer: an object between the chats and D1, so that many chats' batches
// become one D1 write. A chat's feed (feed.ts) hands its batch over by RPC and waits; the answer
// comes once the batch is written (or its chat has no row in D1, and the feed sends it again later).
// Nothing is kept here that the chat does not also keep, so a writer reset mid-write loses nothing:
// its callers see an error and resend, and documents already indexed are ignored. Why not a Queue:
// docs/scale.md, "2026-12-07, close".
import { DurableObject } from 'cloudflare:workers';
import type { SearchDoc } from '../../objects/chat/indexer.ts';
import { shardOf } from '../../objects/lobby/pieces.ts';
import { jsonRuns, MAX_FEED_MESSAGE_BYTES, writerCount, type WriteOutcome } from './feed.ts';

/**
 * How long the writer gathers batches before it writes them (a message is searchable within 2 s:
 * docs/search.md). The shortest at which a writer at its design load (500 batches a second,
 * docs/scale.md) still fills its writes (MAX_CHATS_PER_WRITE), so D1 takes no more writes than at
 * 400 ms. Shorter writes matter locally, where D1 runs on the chats' one thread and a write holds
 * every chat up for its length: the bench's slowest messages are mostly those that arrive during
 * one. A write costs about 2 ms plus 14 µs a document here (its documents packed into a few
 * statements: insertRows), so at 200 ms the bench's open loop writes some 200 documents about four
 * times a second, each about half as long as at 400 ms. At 100 ms the writes were shorter still,
 * but the short closed-loop rounds then paid for their index writes within the round (docs/scale.md,
 * "2026-12-07, after the writer").
 */
export const WRITE_DELAY_MS = 200;
/**
 * The most chats' batches one D1 write takes (each MAX_CHUNKS_PER_WRITE chunks at most; their
 * documents packed into a few statements, see insertRows); more are written at once after it.
 * At a writer's design figure of 500 batches a second this is five writes a second (docs/scale.md).
 */
export const MAX_CHATS_PER_WRITE = 100;

/** The writer that takes this chat's batches: always the same one (chats spread by id over `SEARCH_WRITERS`). */
export function searchWriter(env: Pick<Env, 'SEARCH_WRITER' | 'SEARCH_WRITERS'>, chatId: string): DurableObjectStub<SearchWriter> {
  return env.SEARCH_WRITER.get(env.SEARCH_WRITER.idFromName(`search-writer:${shardOf(chatId, writerCount(env.SEARCH_WRITERS))}`));
}

/** A search document as the chats send it (also what the old queue's messages carry: drain.ts). */
export function isDoc(d: unknown): d is SearchDoc {
  if (typeof d !== 'object' || d === null) return false;
  const doc = d as Record<string, unknown>;
  return typeof doc['part'] === 'string' && typeof doc['staff'] === 'boolean' && Number.isSafeInteger(doc['at']) && typeof doc['author'] === 'string' && typeof doc['body'] === 'string';
}

/** One chat's batch, waiting for the next write. */
interface Waiting {
  chatId: string;
  /** When it was handed over: the write is due WRITE_DELAY_MS after the oldest waiting. */
  since: number;
  chunks: readonly (readonly SearchDoc[])[];
  answer: (outcome: WriteOutcome) => void;
  fail: (err: unknown) => void;
}

/** One document as a write binds it: its chat's id beside it, so one statement carries many chats'. */
interface Row {
  chat: string;
  part: string;
  at: number;
  author: string;
  body: string;
}

/**
 * These rows of one index, in statements of at most MAX_FEED_MESSAGE_BYTES of JSON each (one for
 * what a write usually carries), read by json_each: D1 costs about 150 µs a statement here beside
 * some 14 µs a document (docs/scale.md, "2026-12-07, after the writer"), so a write of many chats
 * is a few statements, not one per chat. A row whose chat has no row in D1 joins nothing and is
 * not written.
 */
function insertRows(db: D1Database, rows: readonly Row[], staff: boolean): D1PreparedStatement[] {
  const table = staff ? 'search_staff_docs' : 'search_docs';
  return jsonRuns(rows, MAX_FEED_MESSAGE_BYTES).map((run) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO ${table} (kind, ref, part, group_id, at, author, body)
         SELECT 'chat', c.id, d.value ->> 'part', c.group_id, d.value ->> 'at', d.value ->> 'author', d.value ->> 'body'
           FROM json_each(?1) d CROSS JOIN chats c ON c.id = d.value ->> 'chat'`,
      )
      .bind(JSON.stringify(run)),
  );
}

/**
 * Writes these chats' batches in one D1 batch (one round trip, one transaction), and says which of
 * the chats have a row: the look-up runs in the same transaction as the inserts. Throws when D1
 * does not take it (nothing of it is written then).
 */
export async function writeChatDocs(db: D1Database, batches: readonly { chatId: string; chunks: readonly (readonly SearchDoc[])[] }[]): Promise<Set<string>> {
  const chatIds = [...new Set(batches.map((b) => b.chatId))];
  const lookup = db.prepare(`SELECT id FROM chats WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(chatIds));
  const rows: [Row[], Row[]] = [[], []];
  for (const b of batches) {
    for (const doc of b.chunks.flat()) rows[doc.staff ? 1 : 0].push({ chat: b.chatId, part: doc.part, at: doc.at, author: doc.author, body: doc.body });
  }
  const [found] = await db.batch<{ id: string }>([lookup, ...insertRows(db, rows[0], false), ...insertRows(db, rows[1], true)]);
  return new Set(found!.results.map((row) => row.id));
}

export class SearchWriter extends DurableObject<Env> {
  #waiting: Waiting[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing = false;
  /** Chats whose batch D1 refused when written alone (see #write). */
  readonly #alone = new Set<string>();

  /**
   * Takes one chat's batch (the chunks its feed sends: their documents are packed with other
   * chats' in the write) and answers once it is written. A batch that is not one (a bug in a
   * caller) is refused at once and changes nothing.
   */
  write(chatId: string, chunks: readonly (readonly SearchDoc[])[]): Promise<WriteOutcome> {
    if (typeof chatId !== 'string' || chatId === '' || !Array.isArray(chunks) || !chunks.every((c) => Array.isArray(c) && c.every(isDoc))) {
      throw new TypeError('search writer: a batch must be a chat id and chunks of documents (bad_search_batch)');
    }
    return new Promise<WriteOutcome>((answer, fail) => {
      this.#waiting.push({ chatId, since: Date.now(), chunks, answer, fail });
      this.#arm();
    });
  }

  /** Sets the write's timer: WRITE_DELAY_MS after the oldest batch waiting, at once when a write's worth waits. */
  #arm(): void {
    if (this.#writing || this.#waiting.length === 0) return;
    const full = this.#waiting.length >= MAX_CHATS_PER_WRITE;
    if (this.#timer !== null) {
      if (!full) return;
      clearTimeout(this.#timer);
    }
    const due = full ? 0 : Math.max(0, this.#waiting[0]!.since + WRITE_DELAY_MS - Date.now());
    this.#timer = setTimeout(() => void this.#write(), due);
  }

  /** Writes what waits (one write at a time: the next gathers while this one runs), then answers each chat. */
  async #write(): Promise<void> {
    this.#timer = null;
    this.#writing = true;
    const taken = this.#waiting.splice(0, MAX_CHATS_PER_WRITE);
    // A chat whose batch D1 refused on its own is written alone until D1 takes it: a batch D1
    // never takes fails only its own chat's resends, not every write it would join.
    const together = taken.filter((b) => !this.#alone.has(b.chatId));
    const apart = taken.filter((b) => this.#alone.has(b.chatId));
    try {
      if (together.length > 0) {
        await this.#writeAndAnswer(together).catch(async () => {
          // Which batch D1 refused is not said: each is written on its own.
          for (const b of together) await this.#writeAlone(b);
        });
      }
      for (const b of apart) await this.#writeAlone(b);
    } finally {
      this.#writing = false;
      this.#arm();
    }
  }

  async #writeAlone(b: Waiting): Promise<void> {
    try {
      await this.#writeAndAnswer([b]);
      this.#alone.delete(b.chatId);
    } catch (err) {
      console.error(`search writer: chat ${b.chatId}'s batch not written; its feed sends it again, written alone`, err);
      this.#alone.add(b.chatId);
      b.fail(err);
    }
  }

  async #writeAndAnswer(batches: readonly Waiting[]): Promise<void> {
    const present = await writeChatDocs(this.env.DB, batches);
    for (const b of batches) b.answer(present.has(b.chatId) ? 'written' : 'no-chat');
  }
}
