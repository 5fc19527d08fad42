// The chats' search feed (objects/chat/indexer.ts SearchFeed) through the search writers
// (writer.ts): a chat's batch of documents goes to its writer in chunks of at most
// MAX_FEED_MESSAGE_BYTES, at most MAX_CHUNKS_PER_WRITE to an RPC (the writer packs the documents
// of many chats into statements of at most that much bound JSON, well inside D1's limits), and the
// send resolves once the writer has written it to D1.
import type { SearchDoc, SearchFeed } from '../../objects/chat/indexer.ts';
import { countFrom } from '../../objects/lobby/pieces.ts';

/** What one chunk may carry as JSON, and what one of the writer's statements binds at most. */
export const MAX_FEED_MESSAGE_BYTES = 100_000;
/**
 * The most chunks one RPC to the writer carries (about 2 MB): a long backlog (up to
 * SEARCH_FEED_MAX_PENDING events of up to 4,000 characters) goes as several, far inside an RPC's
 * 32 MiB and one D1 batch's time.
 */
export const MAX_CHUNKS_PER_WRITE = 20;

/** What a writer answers a chat's batch: written (or already there), or the chat has no row in D1. */
export type WriteOutcome = 'written' | 'no-chat';

/** The most writers a deployment may have (`SEARCH_WRITERS`). */
export const MAX_WRITERS = 64;

/** The writer count from the environment; anything not a whole number in range is 1. */
export const writerCount = (raw: string | undefined): number => countFrom(raw, MAX_WRITERS);

const encoder = new TextEncoder();
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Items in runs of at most `maxBytes` each as JSON (with a byte for each comma), in order; an item
 * larger than that is a run of its own. Each item is measured: a whole write's rows are never
 * turned into one string (a writer's write may carry a hundred chats' backlogs).
 */
export function jsonRuns<T>(items: readonly T[], maxBytes: number): T[][] {
  const runs: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const json = JSON.stringify(item);
    const size = (NON_ASCII.test(json) ? encoder.encode(json).length : json.length) + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      runs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** The documents in runs of at most MAX_FEED_MESSAGE_BYTES (as JSON), in order. */
export function feedChunks(docs: readonly SearchDoc[]): SearchDoc[][] {
  // A batch short enough even at 3 bytes a character (the most UTF-8 takes for one UTF-16 unit)
  // goes whole, unmeasured: what a chat sends every few hundred milliseconds usually is.
  if (JSON.stringify(docs).length * 3 <= MAX_FEED_MESSAGE_BYTES) return docs.length > 0 ? [[...docs]] : [];
  return jsonRuns(docs, MAX_FEED_MESSAGE_BYTES);
}

/** What the feed needs of a chat's writer (structural, so the pure tests need no Workers types). */
export interface FeedWriter {
  write(chatId: string, chunks: SearchDoc[][]): Promise<WriteOutcome>;
}

/**
 * A batch whose chat has no row in D1 is sent this many times (SEARCH_FEED_RETRY_MS apart, about
 * 20 s) and then dropped: by then its row is gone for good (the chat was deleted, or its D1 was
 * reset under it), as the queue's consumer did before the writer.
 */
export const MISSING_CHAT_ATTEMPTS = 5;

/**
 * The feed of a chat whose writer `writerOf` picks (one feed per chat object). A send whose chat
 * has no row in D1 yet fails, so the chat's indexer sends it again later (objects/chat/indexer.ts),
 * until the MISSING_CHAT_ATTEMPTS-th, which drops it.
 */
export function searchFeed(writerOf: (chatId: string) => FeedWriter): SearchFeed {
  let missing = 0;
  return {
    async send(chatId, docs) {
      const chunks = feedChunks(docs);
      for (let from = 0; from < chunks.length; from += MAX_CHUNKS_PER_WRITE) {
        if ((await writerOf(chatId).write(chatId, chunks.slice(from, from + MAX_CHUNKS_PER_WRITE))) === 'written') {
          missing = 0;
          continue;
        }
        missing += 1;
        if (missing < MISSING_CHAT_ATTEMPTS) throw new Error(`search feed: chat ${chatId} has no row in D1 yet; sent again later`);
        console.error(`search feed: chat ${chatId} still has no row in D1 after ${missing} sends: ${docs.length} document(s) dropped`);
        missing = 0;
        return;
      }
    },
  };
}
