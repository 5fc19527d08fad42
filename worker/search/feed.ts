// The chats' search feed (objects/chat/indexer.ts SearchFeed) on the SEARCH queue: a chat's batch
// of documents goes as one queue message, or several when it is large (a queue message holds at
// most 128 KB), and the queue's consumer (consume.ts) writes many chats' batches to D1 at once.
import type { SearchDoc, SearchFeed } from '../../objects/chat/indexer.ts';

/** What one queue message may carry, below the queue's 128 KB limit with room for the envelope. */
export const MAX_FEED_MESSAGE_BYTES = 100_000;

/** One chat's documents, as a queue message's body. */
export interface SearchFeedMessage {
  chatId: string;
  docs: SearchDoc[];
}

const encoder = new TextEncoder();
const NON_ASCII = /[^\x00-\x7f]/;

/** The documents in runs of at most MAX_FEED_MESSAGE_BYTES (as JSON), in order. */
export function feedChunks(docs: readonly SearchDoc[]): SearchDoc[][] {
  // A batch short enough even at 3 bytes a character (the most UTF-8 takes for one UTF-16 unit)
  // goes whole, unmeasured: what a chat sends every few hundred milliseconds usually is.
  if (JSON.stringify(docs).length * 3 <= MAX_FEED_MESSAGE_BYTES) return docs.length > 0 ? [[...docs]] : [];
  const chunks: SearchDoc[][] = [];
  let current: SearchDoc[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const json = JSON.stringify(doc);
    const size = (NON_ASCII.test(json) ? encoder.encode(json).length : json.length) + 1;
    if (current.length > 0 && bytes + size > MAX_FEED_MESSAGE_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** What the feed needs of a Queue binding (structural, so the pure tests need no Workers types). */
export interface FeedQueue {
  send(body: SearchFeedMessage): Promise<unknown>;
}

export function searchFeed(queue: FeedQueue): SearchFeed {
  return {
    async send(chatId, docs) {
      for (const chunk of feedChunks(docs)) await queue.send({ chatId, docs: chunk });
    },
  };
}
