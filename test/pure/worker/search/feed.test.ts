// The chats' search feed over the search writers (worker/search/feed.ts): a batch goes to the
// chat's writer in chunks, and a send the writer could not write for want of the chat's row fails,
// so the chat's indexer sends it again later (a send that resolved would be remembered as done and
// its messages never indexed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SearchDoc } from '../../../../objects/chat/indexer.ts';
import { MAX_CHUNKS_PER_WRITE, MAX_FEED_MESSAGE_BYTES, MISSING_CHAT_ATTEMPTS, searchFeed, writerCount, type FeedWriter, type WriteOutcome } from '../../../../worker/search/feed.ts';

const doc = (i: number): SearchDoc => ({ part: `m:${i}`, staff: false, at: i, author: 'Vera', body: `message ${i}` });

function writer(outcome: WriteOutcome): FeedWriter & { calls: { chatId: string; chunks: SearchDoc[][] }[] } {
  const calls: { chatId: string; chunks: SearchDoc[][] }[] = [];
  return {
    calls,
    write(chatId, chunks) {
      calls.push({ chatId, chunks });
      return Promise.resolve(outcome);
    },
  };
}

describe('the search feed over the writers', () => {
  it('hands a chat’s batch to the writer picked for that chat, and resolves once it is written', async () => {
    const w = writer('written');
    const picked: string[] = [];
    await searchFeed((chatId) => (picked.push(chatId), w)).send('chat-1', [doc(1), doc(2)]);
    assert.deepEqual(picked, ['chat-1']);
    assert.deepEqual(w.calls, [{ chatId: 'chat-1', chunks: [[doc(1), doc(2)]] }]);
  });

  it('fails the send when the chat has no row yet, so the chat sends it again, and drops it at the last attempt', async () => {
    const feed = searchFeed(() => writer('no-chat'));
    for (let i = 1; i < MISSING_CHAT_ATTEMPTS; i++) await assert.rejects(feed.send('chat-2', [doc(1)]), /no row in D1 yet/);
    await feed.send('chat-2', [doc(1)]);
    // The count starts again: the next batch is tried as many times.
    await assert.rejects(feed.send('chat-2', [doc(2)]), /no row in D1 yet/);
  });

  it('hands a long backlog over in several writes of at most MAX_CHUNKS_PER_WRITE chunks, in order', async () => {
    const w = writer('written');
    // Each document alone fills most of a chunk: one chunk per document.
    const big = Array.from({ length: MAX_CHUNKS_PER_WRITE * 2 + 3 }, (_, i) => ({ ...doc(i), body: 'a'.repeat(MAX_FEED_MESSAGE_BYTES / 2) }));
    await searchFeed(() => w).send('chat-4', big);
    assert.deepEqual(w.calls.map((c) => c.chunks.length), [MAX_CHUNKS_PER_WRITE, MAX_CHUNKS_PER_WRITE, 3]);
    assert.deepEqual(w.calls.flatMap((c) => c.chunks.flat().map((d) => d.at)), big.map((d) => d.at));
  });

  it('asks no writer for an empty batch', async () => {
    const w = writer('written');
    await searchFeed(() => w).send('chat-3', []);
    assert.deepEqual(w.calls, []);
  });

  it('reads the writer count from the environment, 1 for anything out of range', () => {
    assert.equal(writerCount(undefined), 1);
    assert.equal(writerCount('8'), 8);
    for (const bad of ['0', '-2', '1.5', 'many', '65']) assert.equal(writerCount(bad), 1, bad);
  });
});
