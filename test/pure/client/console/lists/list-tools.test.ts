// The list's small rules: paging labels and bounds, checked rows that survive live updates (they
// are ids, not rows), which live rows can change the nav's counts, and the throttle that
// refreshes counts and pages at most once a second.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatListRow } from '../../../../../objects/protocol.ts';
import { affectsCounts } from '../../../../../client/console/lists/counts.ts';
import { clampOffset, hasNext, hasPrevious, nextOffset, pageLabel, previousOffset } from '../../../../../client/console/lists/paging.ts';
import { checkedRows, headerState, selectAll, toggle, toggleAll } from '../../../../../client/console/lists/selection.ts';
import { throttle, type Timers } from '../../../../../client/console/ui/throttle.ts';

describe('paging', () => {
  it('labels the rows shown out of the total', () => {
    assert.equal(pageLabel(0, 50, 120), '1–50 of 120');
    assert.equal(pageLabel(100, 20, 120), '101–120 of 120');
    assert.equal(pageLabel(0, 0, 0), '0 of 0');
    // A live row joined before the total was fetched again: never "1–51 of 50".
    assert.equal(pageLabel(0, 51, 50), '1–51 of 51');
  });

  it('moves between pages of 50 within the total', () => {
    assert.equal(hasPrevious(0), false);
    assert.equal(hasNext(0, 50), false);
    assert.equal(hasNext(0, 51), true);
    assert.equal(nextOffset(0, 120), 50);
    assert.equal(nextOffset(100, 120), 100);
    assert.equal(previousOffset(50), 0);
    assert.equal(previousOffset(0), 0);
  });

  it('falls back to the last page that has rows when rows went away', () => {
    assert.equal(clampOffset(100, 100), 50);
    assert.equal(clampOffset(100, 0), 0);
    assert.equal(clampOffset(50, 51), 50);
  });
});

describe('checked rows', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const listed = rows.map((r) => r.id);

  it('toggle one at a time; the header shows none, some or all', () => {
    let checked: ReadonlySet<string> = new Set();
    assert.equal(headerState(checked, listed), 'none');
    checked = toggle(checked, 'b', true);
    assert.equal(headerState(checked, listed), 'some');
    assert.equal(toggle(checked, 'b', true), checked);
    checked = selectAll(checked, listed);
    assert.equal(headerState(checked, listed), 'all');
    assert.deepEqual(checkedRows(toggle(checked, 'a', false), rows), [{ id: 'b' }, { id: 'c' }]);
  });

  it('the header checkbox checks all, or unchecks all once all are checked', () => {
    const all = toggleAll(new Set(['a']), listed);
    assert.deepEqual([...all].sort(), listed);
    assert.deepEqual([...toggleAll(all, listed)], []);
  });

  it('survive a live update: a new copy of a row is still checked', () => {
    const checked = toggle(new Set(), 'b', true);
    const updated = [{ id: 'a' }, { id: 'b', messageCount: 9 }];
    assert.deepEqual(checkedRows(checked, updated), [{ id: 'b', messageCount: 9 }]);
  });
});

describe('affectsCounts', () => {
  const row = (patch: Partial<ChatListRow> = {}): ChatListRow => ({
    id: 'c1', status: 'active', groupId: 'sales', groupName: 'Sales', visitorName: 'Vera', visitorEmail: 'v@example.test',
    agentId: 'alice', agentName: 'Alice', startedAt: 1, takenAt: 2, endedAt: null, lastAgentMessageAt: null,
    messageCount: 1, idleSince: 2, idleLevel: 'normal', followUpAt: null, version: 3, ...patch,
  });

  it('counts again for a new chat or a new status, group or agent, not for counters', () => {
    assert.equal(affectsCounts(undefined, row()), true);
    assert.equal(affectsCounts(row(), row({ messageCount: 5, idleLevel: 'warning' })), false);
    assert.equal(affectsCounts(row(), row({ status: 'ended' })), true);
    assert.equal(affectsCounts(row(), row({ groupId: 'support' })), true);
    assert.equal(affectsCounts(row(), row({ agentId: 'bob' })), true);
  });
});

describe('throttle', () => {
  function fakeTimers() {
    let t = 0;
    const queue: { at: number; run: () => void; handle: number }[] = [];
    let handles = 0;
    const timers: Timers = {
      now: () => t,
      setTimeout(run, ms) {
        queue.push({ at: t + ms, run, handle: ++handles });
        return handles;
      },
      clearTimeout(handle) {
        const i = queue.findIndex((q) => q.handle === handle);
        if (i >= 0) queue.splice(i, 1);
      },
    };
    const advance = (ms: number) => {
      t += ms;
      for (const q of queue.filter((q) => q.at <= t)) {
        queue.splice(queue.indexOf(q), 1);
        q.run();
      }
    };
    return { timers, advance };
  }

  it('runs the first request at once and collapses the rest of the interval into one run', () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const refresh = throttle(() => (runs += 1), 1000, timers);
    refresh.request();
    assert.equal(runs, 1);
    for (let i = 0; i < 5; i++) {
      advance(100);
      refresh.request();
    }
    assert.equal(runs, 1);
    advance(500);
    assert.equal(runs, 2);
    advance(5000);
    assert.equal(runs, 2);
    refresh.request();
    assert.equal(runs, 3);
  });

  it('drops a waiting run when cancelled', () => {
    const { timers, advance } = fakeTimers();
    let runs = 0;
    const refresh = throttle(() => (runs += 1), 1000, timers);
    refresh.request();
    refresh.request();
    refresh.cancel();
    advance(2000);
    assert.equal(runs, 1);
  });
});
