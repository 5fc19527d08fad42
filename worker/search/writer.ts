// The search index's writer: an object between the chats and D1. Each chat's feed
// (objects/chat/indexer.ts, feed.ts) hands its batch to one writer by RPC and waits for the answer;
// the writer gathers what many chats hand it for WRITE_DELAY_MS and writes it all in one D1 batch:
// which of those chats still have a row, and at most two inserts a chat and chunk (an insert joins
// its chat's row, so a chat without one gets nothing, and a chat deleted while its batch waited is
// not brought back). Then it answers each chat: written, or no row (the feed tries again later, as
// after any failed send). A write D1 refuses is tried again chat by chat, so only a batch D1 will not
// take fails (its feed sends it again).
//
// Nothing is kept here that a chat does not also keep: a writer evicted or restarted in the middle
// of a write loses nothing (its callers see an error and resend), and documents already indexed
// are ignored. It replaced the SEARCH queue (docs/scale.md, "2026-12-07, close"): on the local stack
// one RPC per chat's batch costs a fraction of a queue send's CPU, and 50 busy chats make about two
// and a half D1 writes a second here against seven consumer batches, each with its own dispatch.
import { DurableObject } from 'cloudflare:workers';
import type { SearchDoc } from '../../objects/chat/indexer.ts';
import { shardOf } from '../../objects/lobby/pieces.ts';
import { idSlices } from '../db/limits.ts';
import { writerCount, type WriteOutcome } from './feed.ts';

/**
 * How long the writer gathers batches before it writes them (a message is searchable within 2 s:
 * docs/search.md). At 100 ms the bench's open loop had ten smaller writes a second and a far worse
 * tail; 400 ms (about 400 documents a write there) had the lowest CPU per message of 100, 200, 400.
 */
export const WRITE_DELAY_MS = 400;
/** The most chats' batches one D1 write takes; more are written at once after it. */
export const MAX_CHATS_PER_WRITE = 100;

/** The writer that takes this chat's batches: always the same one, so a chat's batches are written in order. */
export function searchWriter(env: Pick<Env, 'SEARCH_WRITER' | 'SEARCH_WRITERS'>, chatId: string): DurableObjectStub<SearchWriter> {
  return env.SEARCH_WRITER.get(env.SEARCH_WRITER.idFromName(`search-writer:${shardOf(chatId, writerCount(env.SEARCH_WRITERS))}`));
}

function isDoc(d: unknown): d is SearchDoc {
  if (typeof d !== 'object' || d === null) return false;
  const doc = d as Record<string, unknown>;
  return typeof doc['part'] === 'string' && typeof doc['staff'] === 'boolean' && typeof doc['at'] === 'number' && typeof doc['author'] === 'string' && typeof doc['body'] === 'string';
}

/** One chat's batch, waiting for the next write. */
interface Waiting {
  chatId: string;
  chunks: readonly (readonly SearchDoc[])[];
  answer: (outcome: WriteOutcome) => void;
  fail: (err: unknown) => void;
}

/**
 * A chat's documents of one index, in one statement: the chunk's JSON is read by json_each, so a
 * chunk costs one statement per index, however many messages it carries.
 */
function insertDocs(db: D1Database, chatId: string, docs: readonly SearchDoc[], staff: boolean): D1PreparedStatement | null {
  const mine = docs.filter((d) => d.staff === staff);
  if (mine.length === 0) return null;
  const table = staff ? 'search_staff_docs' : 'search_docs';
  return db
    .prepare(
      `INSERT OR IGNORE INTO ${table} (kind, ref, part, group_id, at, author, body)
       SELECT 'chat', c.id, d.value ->> 'part', c.group_id, d.value ->> 'at', d.value ->> 'author', d.value ->> 'body'
         FROM chats c, json_each(?1) d WHERE c.id = ?2`,
    )
    .bind(JSON.stringify(mine), chatId);
}

/**
 * Writes these chats' batches in one D1 batch (one round trip, one transaction), and says which of
 * the chats have a row: the look-up runs in the same transaction as the inserts. Throws when D1
 * does not take it (nothing of it is written then).
 */
export async function writeChatDocs(db: D1Database, batches: readonly { chatId: string; chunks: readonly (readonly SearchDoc[])[] }[]): Promise<Set<string>> {
  const lookups = idSlices([...new Set(batches.map((b) => b.chatId))]).map((slice) =>
    db.prepare(`SELECT id FROM chats WHERE id IN (${slice.map(() => '?').join(', ')})`).bind(...slice),
  );
  const inserts = batches.flatMap((b) => b.chunks.flatMap((docs) => [false, true].flatMap((staff) => insertDocs(db, b.chatId, docs, staff) ?? [])));
  const results = await db.batch<{ id: string }>([...lookups, ...inserts]);
  return new Set(results.slice(0, lookups.length).flatMap((r) => r.results.map((row) => row.id)));
}

export class SearchWriter extends DurableObject<Env> {
  #waiting: Waiting[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing = false;

  /**
   * Takes one chat's batch (in chunks, each one statement per index) and answers once it is
   * written. A batch that is not one (a bug in a caller) is refused at once and changes nothing.
   */
  write(chatId: string, chunks: readonly (readonly SearchDoc[])[]): Promise<WriteOutcome> {
    if (typeof chatId !== 'string' || chatId === '' || !Array.isArray(chunks) || !chunks.every((c) => Array.isArray(c) && c.every(isDoc))) {
      throw new TypeError('search writer: a batch must be a chat id and chunks of documents (bad_search_batch)');
    }
    return new Promise<WriteOutcome>((answer, fail) => {
      this.#waiting.push({ chatId, chunks, answer, fail });
      this.#arm();
    });
  }

  /** Sets the write's timer: WRITE_DELAY_MS after the first batch waiting, at once when a write's worth waits. */
  #arm(): void {
    if (this.#writing || this.#waiting.length === 0) return;
    const full = this.#waiting.length >= MAX_CHATS_PER_WRITE;
    if (this.#timer !== null) {
      if (!full) return;
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => void this.#write(), full ? 0 : WRITE_DELAY_MS);
  }

  /** Writes what waits (one write at a time: the next gathers while this one runs), then answers each chat. */
  async #write(): Promise<void> {
    this.#timer = null;
    this.#writing = true;
    const batches = this.#waiting.splice(0, MAX_CHATS_PER_WRITE);
    try {
      await this.#writeAndAnswer(batches);
    } catch (err) {
      if (batches.length === 1) {
        console.error(`search writer: chat ${batches[0]!.chatId}'s batch not written; its feed sends it again`, err);
        batches[0]!.fail(err);
      } else {
        // One chat's batch D1 will not take must not keep failing the others it is written with
        // (every feed resends, and they would meet again): each is written on its own.
        for (const b of batches) {
          await this.#writeAndAnswer([b]).catch((one: unknown) => {
            console.error(`search writer: chat ${b.chatId}'s batch not written; its feed sends it again`, one);
            b.fail(one);
          });
        }
      }
    } finally {
      this.#writing = false;
      this.#arm();
    }
  }

  async #writeAndAnswer(batches: readonly Waiting[]): Promise<void> {
    const present = await writeChatDocs(this.env.DB, batches);
    for (const b of batches) b.answer(present.has(b.chatId) ? 'written' : 'no-chat');
  }
}
