// When a chat's counters reach the consoles and D1: the consoles within the live interval, D1 at
// most once per stored interval however many messages, state changes at once. A fake clock and a
// store that records, without a runtime.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIVE_COUNTERS_INTERVAL_MS, Projector, type Remembered, type RowSource, STORED_COUNTERS_INTERVAL_MS, STORED_COUNTERS_JITTER_MS } from '../../../../objects/chat/projector.ts';
import type { ChatStore } from '../../../../objects/chat/store.ts';
import type { ChatListRow } from '../../../../objects/protocol.ts';
import { chatRow } from '../../fixtures/chat-row.ts';

/**
 * A store that records the rows written (and fails while `failing()` says so); `kinds` says how
 * each was written: whole, or its counters alone.
 */
function recordingStore(writes: ChatListRow[], failing: () => boolean = () => false, kinds: ('whole' | 'counters')[] = []): ChatStore {
  return {
    agentLoad: async () => ({ active: 0, maxChats: 1 }),
    writeRow: async (row) => {
      if (failing()) throw new Error('D1 is down');
      writes.push(row);
      kinds.push('whole');
    },
    writeCounters: async (row) => {
      if (failing()) throw new Error('D1 is down');
      writes.push(row);
      kinds.push('counters');
      return true;
    },
    deleteChat: async () => undefined,
    thresholdSettings: async () => ({}),
    colleaguesMayTake: async () => false,
    replaceRecord: async () => undefined,
  };
}

/** `shown`: whether the pieces answer that a console shows the chat. */
function rig(shown = () => true) {
  let now = 1_000_000;
  let count = 1;
  const writes: ChatListRow[] = [];
  const kinds: ('whole' | 'counters')[] = [];
  const published: { row: ChatListRow; groups: readonly string[]; change: 'state' | 'counters' }[] = [];
  const projector = new Projector(recordingStore(writes, () => false, kinds), async (row, groups, change) => {
    published.push({ row, groups, change });
    return shown();
  }, () => now, null, () => 0);
  const source: RowSource = () => ({ row: chatRow({ messageCount: count }), info: { fields: {}, language: null } });
  return {
    projector,
    source,
    writes,
    kinds,
    published,
    /** A message: the count grows, the projector hears of it. */
    message() {
      count += 1;
      projector.countersChanged(now);
    },
    /** The clock moves on to the projector's next due time, and the alarm runs. */
    async alarm() {
      const due = projector.dueAt;
      assert.ok(due !== null, 'a projection is due');
      now = Math.max(now, due);
      await projector.wake(source, now);
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('the projector', () => {
  it('writes and publishes a state change at once, also to a group the chat left', async () => {
    const r = rig();
    await r.projector.project(r.source, ['old-group']);
    assert.equal(r.writes.length, 1);
    assert.deepEqual(r.published[0]?.groups, ['sales', 'old-group']);
    assert.equal(r.published[0]?.change, 'state');
    assert.equal(r.projector.dueAt, null);
  });

  it('publishes counters within the live interval but writes them to D1 at most once per stored interval', async () => {
    const r = rig();
    await r.projector.project(r.source); // the chat opened: written
    const messagesPerSecond = 50;
    const seconds = STORED_COUNTERS_INTERVAL_MS / 1000 - 1;
    for (let s = 0; s < seconds; s++) {
      for (let i = 0; i < messagesPerSecond; i++) r.message();
      await r.alarm();
      r.advance(1000 - LIVE_COUNTERS_INTERVAL_MS);
    }
    // Every second's messages reached the consoles, each within the live interval…
    assert.equal(r.published.length, 1 + seconds);
    assert.equal(r.published.at(-1)?.row.messageCount, 1 + seconds * messagesPerSecond);
    // (as counters: only the consoles showing the chat hear them)
    assert.deepEqual(new Set(r.published.slice(1).map((p) => p.change)), new Set(['counters']));
    // …and D1 saw two writes for 1,450 messages: the opening, and the first second's counters
    // (the first counters since the last were written with their live publish).
    assert.equal(r.writes.length, 2);
    assert.equal(r.writes[1]?.messageCount, 1 + messagesPerSecond);
    // Once the stored interval has passed since those counters, the next alarm writes the counters.
    r.message();
    r.advance(STORED_COUNTERS_INTERVAL_MS);
    await r.alarm();
    assert.equal(r.writes.length, 3);
    assert.equal(r.writes[2]?.messageCount, r.published.at(-1)?.row.messageCount);
  });

  it('writes the first counters after a quiet spell with the live publish, not a stored interval later', async () => {
    const r = rig();
    await r.projector.project(r.source);
    r.advance(STORED_COUNTERS_INTERVAL_MS * 2);
    r.message();
    assert.equal(r.projector.dueAt, 1_000_000 + STORED_COUNTERS_INTERVAL_MS * 2 + LIVE_COUNTERS_INTERVAL_MS);
    await r.alarm();
    assert.equal(r.writes.length, 2);
    assert.equal(r.published.length, 2);
  });

  it('remembers its last writes across a restart, so waking is not a state change and costs no D1 write', async () => {
    let saved: Remembered = { storedAt: 0, countersAt: 0, level: null, watched: true };
    const memory = { load: () => saved, save: (r: Remembered) => void (saved = r) };
    const writes: ChatListRow[] = [];
    const store = recordingStore(writes);
    const source: RowSource = () => ({ row: chatRow({ idleLevel: 'normal' }), info: { fields: {}, language: null } });
    let now = 100_000;
    const first = new Projector(store, async () => true, () => now, memory, () => 0);
    await first.project(source);
    first.countersChanged(now); // a message: the first counters since, written with their live publish
    now += LIVE_COUNTERS_INTERVAL_MS;
    await first.wake(source, now);
    assert.deepEqual(saved, { storedAt: now, countersAt: now, level: 'normal', watched: true });
    // The object hibernates and wakes: a new instance reads what the old one remembered.
    now += 2_000;
    const woken = new Projector(store, async () => true, () => now, memory, () => 0);
    assert.equal(woken.publishedLevel, 'normal');
    woken.countersChanged(now);
    assert.equal(woken.dueAt, now + LIVE_COUNTERS_INTERVAL_MS);
    await woken.wake(source, now + LIVE_COUNTERS_INTERVAL_MS);
    assert.equal(writes.length, 2, 'the counters wait for the stored interval, as before the restart');
  });

  it('remembers across a restart that no console shows the chat: a woken chat publishes nothing until one does', async () => {
    let saved: Remembered = { storedAt: 0, countersAt: 0, level: null, watched: true };
    const saves: Remembered[] = [];
    const memory = { load: () => saved, save: (r: Remembered) => void saves.push((saved = r)) };
    let shown = false;
    const published: ('state' | 'counters')[] = [];
    const publish = async (_row: ChatListRow, _groups: readonly string[], change: 'state' | 'counters') => {
      published.push(change);
      return shown;
    };
    const source: RowSource = () => ({ row: chatRow({ idleLevel: 'normal' }), info: { fields: {}, language: null } });
    let now = 100_000;
    const first = new Projector(recordingStore([]), publish, () => now, memory, () => 0);
    await first.project(source); // nobody shows it: the answer is remembered
    assert.equal(saved.watched, false);
    first.countersChanged(now); // a message: its counters reach D1 (and the piece, which tells nobody)
    now += LIVE_COUNTERS_INTERVAL_MS;
    await first.wake(source, now);
    assert.deepEqual(published, ['state', 'counters']);
    // Woken (a message after the object was evicted): nothing goes to the pieces, D1 waits its interval.
    now += 20_000;
    const woken = new Projector(recordingStore([]), publish, () => now, memory, () => 0);
    assert.equal(woken.watched, false);
    woken.countersChanged(now);
    assert.equal(woken.dueAt, now - 20_000 + STORED_COUNTERS_INTERVAL_MS);
    await woken.wake(source, now + LIVE_COUNTERS_INTERVAL_MS);
    assert.deepEqual(published, ['state', 'counters'], 'the woken chat did not publish its counters to ask again');
    const savesBefore = saves.length;
    // A console starts showing it: it hears at once, and that is remembered for the next wake.
    shown = true;
    await woken.watch(source);
    assert.deepEqual(published, ['state', 'counters', 'counters']);
    assert.equal(saved.watched, true);
    assert.equal(saves.length, savesBefore + 1, 'written once, when it changed');
    const again = new Projector(recordingStore([]), publish, () => now, memory, () => 0);
    again.countersChanged(now);
    assert.equal(again.dueAt, now + LIVE_COUNTERS_INTERVAL_MS, 'a shown chat publishes its counters live after a wake');
  });

  it('lets an alarm that fires while a state change is publishing judge the idle level after it, so every console hears the change once', async () => {
    // A take is publishing (its row turns the level green) when the alarm fires (a search batch
    // was due): the alarm sees a level that differs from the one last published, but the take's
    // projection already carries it.
    let level: ChatListRow['idleLevel'] = 'none';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const published: { level: ChatListRow['idleLevel']; change: 'state' | 'counters' }[] = [];
    const projector = new Projector(recordingStore([]), async (row, _groups, change) => {
      if (published.length === 1) await gate;
      published.push({ level: row.idleLevel, change });
      return true;
    }, () => 5_000, null, () => 0);
    const source: RowSource = () => ({ row: chatRow({ idleLevel: level }), info: { fields: {}, language: null } });
    await projector.project(source); // the chat opened (grey)
    level = 'normal'; // taken
    const take = projector.project(source);
    const alarm = projector.wake(source, 5_000);
    release();
    await Promise.all([take, alarm]);
    assert.deepEqual(published, [
      { level: 'none', change: 'state' },
      { level: 'normal', change: 'state' },
    ]);
    // A level crossed with nothing publishing it is a state change of the alarm's own.
    level = 'warning';
    await projector.wake(source, 5_000);
    assert.deepEqual(published.at(-1), { level: 'warning', change: 'state' });
    // A follow-up coming due is one even at the same level.
    await projector.wake(source, 5_000, true);
    assert.deepEqual(published.at(-1), { level: 'warning', change: 'state' });
    assert.equal(published.length, 4);
  });

  it('keeps a failed write due, so the alarm tries it again', async () => {
    const r = rig();
    let fail = true;
    const store = recordingStore([], () => fail);
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const projector = new Projector(store, async () => true, () => 5_000, null, () => 0);
      await projector.project(r.source);
      assert.equal(errors.length, 1);
      assert.equal(projector.dueAt, 5_000 + LIVE_COUNTERS_INTERVAL_MS);
      fail = false;
      await projector.wake(r.source, 5_000 + LIVE_COUNTERS_INTERVAL_MS);
      assert.equal(projector.dueAt, null);
      assert.equal(projector.storedAt, 5_000);
    } finally {
      console.error = originalError;
    }
  });

  it('publishes no counters while no console shows the chat, only D1 at its interval; a console that starts showing it hears at once and live from then', async () => {
    let shown = false;
    const r = rig(() => shown);
    await r.projector.project(r.source); // the chat opened: written, published, nobody shows it
    assert.equal(r.projector.watched, false);
    // The first message's counters reach D1 a live interval later; the piece that hears them tells nobody.
    r.message();
    const countersAt = 1_000_000 + LIVE_COUNTERS_INTERVAL_MS;
    assert.equal(r.projector.dueAt, countersAt);
    await r.alarm();
    assert.deepEqual({ writes: r.writes.length, published: r.published.length }, { writes: 2, published: 2 });
    for (let s = 0; s < 10; s++) {
      for (let i = 0; i < 20; i++) r.message();
      // No live publish is due: the next wake is the stored interval's D1 write.
      assert.equal(r.projector.dueAt, countersAt + STORED_COUNTERS_INTERVAL_MS);
      r.advance(1000);
    }
    assert.equal(r.published.length, 2);
    // A console starts showing it: its lobby piece says so, and the count goes out at once…
    shown = true;
    await r.projector.watch(r.source);
    assert.equal(r.published.length, 3);
    assert.deepEqual({ change: r.published[2]?.change, count: r.published[2]?.row.messageCount }, { change: 'counters', count: 202 });
    // …and each new count within the live interval.
    r.message();
    assert.equal(r.projector.dueAt, countersAt + 10_000 + LIVE_COUNTERS_INTERVAL_MS);
    await r.alarm();
    assert.equal(r.published.at(-1)?.row.messageCount, 203);
    // The console turns the page: the next publish answers that nobody shows it, and the live publishes stop.
    shown = false;
    r.message();
    await r.alarm();
    r.message();
    assert.equal(r.projector.watched, false);
    assert.equal(r.projector.dueAt, countersAt + STORED_COUNTERS_INTERVAL_MS);
    // The D1 write still comes at its interval, with the count as it is then.
    r.advance(STORED_COUNTERS_INTERVAL_MS);
    await r.alarm();
    assert.equal(r.writes.at(-1)?.messageCount, 205);
  });

  it('writes the whole row for a state change and the first write of an instance, the counters alone otherwise', async () => {
    const r = rig();
    r.message();
    r.advance(STORED_COUNTERS_INTERVAL_MS);
    await r.alarm(); // the first write since this instance started: whole (an earlier one may have failed)
    r.message();
    r.advance(STORED_COUNTERS_INTERVAL_MS);
    await r.alarm();
    await r.projector.project(r.source); // a state change
    assert.deepEqual(r.kinds, ['whole', 'counters', 'whole']);
  });

  it('writes the whole row after a failed write, and when there was no row for the counters', async () => {
    let fail = false;
    let rowExists = true;
    const kinds: string[] = [];
    const store: ChatStore = {
      ...recordingStore([], () => fail),
      writeRow: async () => {
        if (fail) throw new Error('D1 is down');
        kinds.push('whole');
      },
      writeCounters: async () => {
        if (fail) throw new Error('D1 is down');
        kinds.push(rowExists ? 'counters' : 'counters (no row)');
        return rowExists;
      },
    };
    const originalError = console.error;
    console.error = () => undefined;
    try {
      let now = 0;
      const source: RowSource = () => ({ row: chatRow(), info: { fields: {}, language: null } });
      const projector = new Projector(store, async () => true, () => now, null, () => 0);
      await projector.project(source);
      fail = true;
      projector.countersChanged(now);
      now += STORED_COUNTERS_INTERVAL_MS;
      await projector.wake(source, now); // fails: D1 may or may not have the row as it was
      fail = false;
      now = projector.dueAt!;
      await projector.wake(source, now); // so the retry writes it whole
      projector.countersChanged(now);
      now += STORED_COUNTERS_INTERVAL_MS;
      rowExists = false;
      await projector.wake(source, now); // the counters found no row: it is written whole
      assert.deepEqual(kinds, ['whole', 'whole', 'counters (no row)', 'whole']);
    } finally {
      console.error = originalError;
    }
  });

  it('spreads the stored writes of chats that began together over the jitter', async () => {
    const dueOf = async (random: number) => {
      // Nobody shows the chat, so the only projection due is its stored write.
      let now = 100_000;
      const source: RowSource = () => ({ row: chatRow(), info: { fields: {}, language: null } });
      const projector = new Projector(recordingStore([]), async () => false, () => now, null, () => random);
      await projector.project(source);
      projector.countersChanged(now); // the first counters: with the live publish
      now += LIVE_COUNTERS_INTERVAL_MS;
      await projector.wake(source, now);
      const countersAt = now;
      now += 1_000;
      projector.countersChanged(now); // the next: a stored interval, and its random part, after them
      return projector.dueAt! - countersAt;
    };
    assert.equal(await dueOf(0), STORED_COUNTERS_INTERVAL_MS);
    assert.equal(await dueOf(0.5), STORED_COUNTERS_INTERVAL_MS + STORED_COUNTERS_JITTER_MS / 2);
    assert.equal(await dueOf(1), STORED_COUNTERS_INTERVAL_MS + STORED_COUNTERS_JITTER_MS);
  });
});
