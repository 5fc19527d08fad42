// A chat's search feed: a burst of messages leaves as one batch SEARCH_FEED_DELAY_MS after its
// first, never a send per message; what was sent is remembered, a failure is tried again, a fresh
// instance looks once for anything unsent; coaching goes to the staff index. A fake log and feed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Indexer, SEARCH_FEED_BACKSTOP_MS, SEARCH_FEED_DELAY_MS, SEARCH_FEED_JITTER_MS, SEARCH_FEED_MAX_EVENTS, SEARCH_FEED_REMEMBER_MS, SEARCH_FEED_RETRY_MS, searchDoc, type SearchDoc } from '../../../../objects/chat/indexer.ts';
import type { ChatEvent } from '../../../../objects/protocol.ts';
import { feedChunks, MAX_FEED_MESSAGE_BYTES } from '../../../../worker/search/feed.ts';

const person = { id: 'v1', name: 'Vera', role: 'visitor' as const };
const message = (seq: number, text: string): { seq: number; event: ChatEvent } => ({
  seq,
  event: { seq, at: 1000 + seq, kind: 'message', audience: 'all', clientId: `c${seq}`, from: person, text } as ChatEvent,
});

function rig(stored = 0, gate: Promise<void> = Promise.resolve()) {
  const log: { seq: number; event: ChatEvent }[] = [];
  const sent: SearchDoc[][] = [];
  let saved = stored;
  let saves = 0;
  let failing = false;
  const indexer = new Indexer({ load: () => saved, save: (seq) => ((saved = seq), saves++) }, 0, () => 0.5);
  const feed = {
    send: async (_chatId: string, docs: readonly SearchDoc[]) => {
      await gate;
      if (failing) throw new Error('queue down');
      sent.push([...docs]);
    },
  };
  let reads = 0;
  let unreadable = false;
  const read = (after: number, limit: number) => {
    if (unreadable) throw new Error('storage unreadable');
    reads++;
    return log.filter((e) => e.seq > after).slice(0, limit);
  };
  return {
    indexer,
    log,
    reads: () => reads,
    /** This instance stores an event: into the log, and handed to the indexer (as the room does). */
    store: (m: { seq: number; event: ChatEvent }, now: number) => {
      log.push(m);
      return indexer.noted(m.event, now);
    },
    sent,
    saved: () => saved,
    saves: () => saves,
    fail: (f: boolean) => (failing = f),
    unreadable: (u: boolean) => (unreadable = u),
    flush: (now: number) => indexer.flush('chat-1', read, feed, now),
  };
}

describe('the search feed', () => {
  it('sends a burst as one batch after the delay, and remembers what it sent', async () => {
    const r = rig();
    await r.flush(0); // a fresh instance looks once: nothing unsent
    assert.equal(r.sent.length, 0);
    assert.equal(r.indexer.dueAt, null);
    for (let seq = 1; seq <= 20; seq++) {
      // Only the first of the burst sets the timer.
      assert.equal(r.store(message(seq, `hello ${seq}`), 5000 + seq), seq === 1, `message ${seq}`);
    }
    assert.equal(r.indexer.dueAt, 5001 + SEARCH_FEED_DELAY_MS);
    await r.flush(5001 + SEARCH_FEED_DELAY_MS - 1);
    assert.equal(r.sent.length, 0);
    await r.flush(5001 + SEARCH_FEED_DELAY_MS);
    assert.equal(r.sent.length, 1);
    assert.deepEqual(r.sent[0]!.map((d) => d.part), Array.from({ length: 20 }, (_, i) => `m:${i + 1}`));
    // No message came after the send to carry it into storage: the timer stores it a delay later.
    assert.equal(r.indexer.dueAt, 5001 + 2 * SEARCH_FEED_DELAY_MS);
    await r.flush(5001 + 2 * SEARCH_FEED_DELAY_MS);
    assert.equal(r.saved(), 20);
    assert.equal(r.indexer.dueAt, null);
    assert.equal(r.sent.length, 1);
    // A fresh instance starts after what was sent.
    const again = rig(20);
    again.log.push(...r.log, message(21, 'later'));
    await again.flush(0);
    assert.deepEqual(again.sent.map((b) => b.map((d) => d.part)), [['m:21']]);
  });

  it('a fresh instance’s first message sets the alarm even though a look is pending', () => {
    const r = rig();
    assert.equal(r.indexer.changed(1), true);
    assert.equal(r.indexer.changed(2), false);
  });

  it('has a fresh instance’s look for unsent events on the alarm at once, until a message arms the timer', () => {
    const r = rig();
    // Woken by a socket or a list, with nothing said yet: the alarm is the only thing that will look.
    assert.equal(r.indexer.backstopAt, 0);
    r.store(message(1, 'hello'), 10);
    assert.ok(r.indexer.backstopAt! >= SEARCH_FEED_BACKSTOP_MS, 'then the timer looks, and the alarm is its backstop');
  });

  it('tries a failed send again later and loses nothing', async () => {
    const r = rig();
    await r.flush(0);
    r.store(message(1, 'one'), 100);
    r.fail(true);
    await r.flush(100 + SEARCH_FEED_DELAY_MS);
    assert.equal(r.indexer.dueAt, 100 + SEARCH_FEED_DELAY_MS + SEARCH_FEED_RETRY_MS);
    assert.equal(r.saved(), 0);
    r.fail(false);
    r.store(message(2, 'two'), 200 + SEARCH_FEED_DELAY_MS);
    await r.flush(100 + SEARCH_FEED_DELAY_MS + SEARCH_FEED_RETRY_MS);
    assert.deepEqual(r.sent.map((b) => b.map((d) => d.part)), [['m:1', 'm:2']]);
  });

  it('is due again later when the log cannot be read, and then sends what it could not read', async () => {
    const r = rig();
    r.log.push(message(1, 'one'));
    r.unreadable(true);
    // A fresh instance's look reads the log: it fails, and nothing but this keeps it due.
    await assert.rejects(r.flush(0), /storage unreadable/);
    assert.equal(r.indexer.dueAt, SEARCH_FEED_RETRY_MS);
    r.unreadable(false);
    await r.flush(SEARCH_FEED_RETRY_MS);
    assert.deepEqual(r.sent.map((b) => b.map((d) => d.part)), [['m:1']]);
  });

  it('sends a long backlog in reads of SEARCH_FEED_MAX_EVENTS, the next due at once', async () => {
    const r = rig();
    for (let seq = 1; seq <= SEARCH_FEED_MAX_EVENTS + 5; seq++) r.log.push(message(seq, 'x'));
    await r.flush(0);
    assert.equal(r.sent[0]!.length, SEARCH_FEED_MAX_EVENTS);
    assert.equal(r.indexer.dueAt, 0);
    await r.flush(0);
    assert.equal(r.sent[1]!.length, 5);
  });

  it('has its alarm as a backstop well after the timer, moved once a step however often the feed falls due', async () => {
    const r = rig();
    await r.flush(0);
    assert.equal(r.indexer.backstopAt, null, 'nothing due, no alarm');
    const phase = SEARCH_FEED_BACKSTOP_MS / 2; // the rig's random() is 0.5
    const backstops = new Set<number | null>();
    // A busy chat: a message every 10 ms for a minute, a send each time the feed falls due.
    for (let now = 1000, seq = 1; now < 61_000; now += 10, seq++) {
      r.store(message(seq, 'busy'), now);
      const due = r.indexer.dueAt!;
      const backstop: number = r.indexer.backstopAt!;
      assert.ok(backstop >= due + SEARCH_FEED_BACKSTOP_MS && backstop < due + 2 * SEARCH_FEED_BACKSTOP_MS, `${backstop} for ${due}`);
      assert.equal((backstop - phase) % SEARCH_FEED_BACKSTOP_MS, 0);
      backstops.add(backstop);
      if (due <= now) await r.flush(now);
    }
    assert.ok(r.sent.length >= 60_000 / (SEARCH_FEED_DELAY_MS + 10) - 2, `sent ${r.sent.length} batches`);
    assert.ok(backstops.size <= 3, `the alarm moved ${backstops.size} times in a minute`);
    assert.equal(r.reads(), 1, 'only the fresh look read the log: every send after it was of what the chat handed over');
  });

  it('remembers what it sent with a later message stored, or on its own a delay after the last send: a fresh instance sends nothing again', async () => {
    const r = rig();
    await r.flush(0);
    const send = async (seq: number, at: number) => {
      r.store(message(seq, `m${seq}`), at);
      await r.flush(at + SEARCH_FEED_DELAY_MS);
    };
    await send(1, 1000);
    assert.equal(r.saved(), 0, 'no write of its own after the send');
    // The next message stored carries it (the room stores both in one turn: one commit).
    r.store(message(2, 'm2'), 1700);
    assert.equal(r.saved(), 1);
    await r.flush(r.indexer.dueAt!);
    await send(3, 2500);
    assert.equal(r.saved(), 1, 'a message within SEARCH_FEED_REMEMBER_MS of the last that carried it carries nothing');
    // Nothing more comes: the timer, due a delay after the last send, stores it without sending.
    const due = r.indexer.dueAt!;
    assert.equal(due, 2500 + 2 * SEARCH_FEED_DELAY_MS);
    await r.flush(due);
    assert.equal(r.saved(), 3);
    assert.equal(r.indexer.dueAt, null, 'then nothing is due');
    assert.deepEqual(r.sent.map((b) => b.map((d) => d.part)), [['m:1'], ['m:2'], ['m:3']]);
    // The object stops here: a fresh instance finds nothing unsent and sends nothing.
    const again = rig(r.saved());
    again.log.push(...r.log);
    await again.flush(0);
    assert.equal(again.sent.length, 0);
    // What comes after is sent from there.
    again.store(message(4, 'm4'), 3000);
    await again.flush(3000 + SEARCH_FEED_DELAY_MS);
    assert.deepEqual(again.sent.map((b) => b.map((d) => d.part)), [['m:4']]);
  });

  it('carries what it sent in a busy chat\'s commits at most every SEARCH_FEED_REMEMBER_MS, and the end of the spell always', async () => {
    const r = rig();
    await r.flush(0);
    const spell = 20_000;
    const savedAt: number[] = [];
    for (let at = 1000, seq = 1; at < 1000 + spell; at += 50, seq++) {
      const before = r.saves();
      r.store(message(seq, `m${seq}`), at);
      if (r.saves() > before) savedAt.push(at);
      if (r.indexer.dueAt !== null && r.indexer.dueAt <= at) await r.flush(at);
    }
    const last = r.log.at(-1)!.seq;
    assert.ok(savedAt.length >= 3, `remembered during the spell: ${savedAt.join(', ')}`);
    for (let i = 1; i < savedAt.length; i++) assert.ok(savedAt[i]! - savedAt[i - 1]! >= SEARCH_FEED_REMEMBER_MS, `remembered at ${savedAt.join(', ')}`);
    assert.ok(r.saved() < last);
    // The spell ends: its last send, then the timer a delay later stores where it ended.
    while (r.indexer.dueAt !== null) await r.flush(r.indexer.dueAt);
    assert.equal(r.saved(), last);
    assert.equal(r.sent.flat().length, last, 'every message sent once');
    // A fresh instance sends nothing again.
    const again = rig(r.saved());
    again.log.push(...r.log);
    await again.flush(0);
    assert.equal(again.sent.length, 0);
  });

  it('remembers at once what a fresh instance sent from the log: the next instance sends none of it again', async () => {
    // The alarm sends what a fresh instance finds unsent (no timer follows it, and no message may
    // come: an ended chat's backlog); the object may then be evicted before anything else runs.
    for (const backlog of [3, SEARCH_FEED_MAX_EVENTS + 50]) {
      const r = rig();
      for (let seq = 1; seq <= backlog; seq++) r.log.push(message(seq, `old ${seq}`));
      await r.flush(0);
      if (backlog > SEARCH_FEED_MAX_EVENTS) await r.flush(0);
      assert.equal(r.saved(), backlog, `${backlog} events: remembered with the sends`);
      const again = rig(r.saved());
      again.log.push(...r.log);
      await again.flush(0);
      assert.equal(again.sent.length, 0, `${backlog} events: nothing sent again`);
    }
  });

  it('spreads the sends of chats that became busy together over the jitter, each within its bound', async () => {
    // Fifty chats whose first messages came in the same instant: their batches do not leave together.
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const due = Array.from({ length: 50 }, () => {
      const indexer = new Indexer({ load: () => 0, save: () => undefined }, 0, random);
      indexer.changed(0); // the fresh look, already made
      void indexer.flush('c', () => [], { send: async () => undefined }, 0);
      return indexer;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const at = due.map((indexer) => (indexer.changed(1_000), indexer.dueAt!));
    for (const t of at) {
      assert.ok(t >= 1_000 + SEARCH_FEED_DELAY_MS - SEARCH_FEED_JITTER_MS && t <= 1_000 + SEARCH_FEED_DELAY_MS + SEARCH_FEED_JITTER_MS, `due at ${t}`);
    }
    const sorted = [...at].sort((a, b) => a - b);
    assert.ok(sorted.at(-1)! - sorted[0]! > SEARCH_FEED_JITTER_MS, 'spread over most of the window');
    assert.ok(new Set(at).size > 40, 'hardly two in the same millisecond');
  });

  it('runs a send that falls due while another is under way after it, never the same events twice', async () => {
    let open!: () => void;
    const r = rig(0, new Promise<void>((resolve) => (open = resolve)));
    r.log.push(message(1, 'one'));
    const first = r.flush(0); // the fresh look finds message 1 and waits on its writer
    await new Promise((resolve) => setImmediate(resolve));
    r.store(message(2, 'two'), 10);
    const second = r.flush(10 + SEARCH_FEED_DELAY_MS); // the alarm, while the timer's send waits
    open();
    await Promise.all([first, second]);
    assert.deepEqual(r.sent.map((b) => b.map((d) => d.part)), [['m:1'], ['m:2']]);
  });

  it('indexes messages and files as shown, coaching as staff-only, and nothing else', () => {
    const at = 5;
    const coach = { seq: 2, at, kind: 'coaching', audience: 'staff', clientId: 'c', from: { id: 'a', name: 'Ada', role: 'agent' }, text: 'be kind' } as ChatEvent;
    const file = { seq: 3, at, kind: 'file', audience: 'all', from: person, file: { id: 'f', filename: 'receipt.pdf', contentType: 'application/pdf', size: 3, uploadedBy: 'visitor' } } as ChatEvent;
    const ended = { seq: 4, at, kind: 'ended', audience: 'all', by: person } as ChatEvent;
    assert.deepEqual(searchDoc(2, coach), { part: 'm:2', staff: true, at, author: 'Ada', body: 'be kind' });
    assert.deepEqual(searchDoc(3, file), { part: 'm:3', staff: false, at, author: 'Vera', body: 'receipt.pdf' });
    assert.equal(searchDoc(4, ended), null);
  });

  it('splits a batch into chunks under the size limit, in order', () => {
    const doc = (i: number): SearchDoc => ({ part: `m:${i}`, staff: false, at: i, author: 'V', body: 'é'.repeat(10_000) });
    const chunks = feedChunks(Array.from({ length: 12 }, (_, i) => doc(i)));
    assert.ok(chunks.length > 1);
    for (const chunk of chunks) assert.ok(new TextEncoder().encode(JSON.stringify(chunk)).length <= MAX_FEED_MESSAGE_BYTES + 1000);
    assert.deepEqual(chunks.flat().map((d) => d.at), Array.from({ length: 12 }, (_, i) => i));
    // Plain text is measured by its length, a small batch not at all: each still fits, in order.
    const plain = feedChunks(Array.from({ length: 30 }, (_, i) => ({ ...doc(i), body: 'a'.repeat(10_000) })));
    assert.ok(plain.length > 1);
    for (const chunk of plain) assert.ok(new TextEncoder().encode(JSON.stringify(chunk)).length <= MAX_FEED_MESSAGE_BYTES + 1000);
    assert.deepEqual(plain.flat().map((d) => d.at), Array.from({ length: 30 }, (_, i) => i));
    assert.deepEqual(feedChunks([doc(1), doc(2)].map((d) => ({ ...d, body: 'short' }))).length, 1);
    assert.deepEqual(feedChunks([]), []);
  });
});
