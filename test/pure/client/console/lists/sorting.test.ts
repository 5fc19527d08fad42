// Sorting the chat list: a header click sorts by its column and flips on a second click, aria-sort
// names only the sorted column, and the client's order is the server's (worker/db/chats.ts): each
// column's value, NOCASE text, NULL first, ties by idle time in the same direction, then by id.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatListRow } from '../../../../../objects/protocol.ts';
import { ariaSort, compareRows, nextSort, type Sort, sortValue } from '../../../../../client/console/lists/sorting.ts';

const NOW = 100_000;

function row(id: string, patch: Partial<ChatListRow> = {}): ChatListRow {
  return {
    id,
    status: 'active',
    groupId: 'sales',
    groupName: 'Sales',
    visitorName: `Visitor ${id}`,
    visitorEmail: `${id}@example.test`,
    agentId: 'a',
    agentName: 'Alice',
    startedAt: 1_000,
    takenAt: 2_000,
    endedAt: null,
    lastAgentMessageAt: null,
    messageCount: 1,
    idleSince: 2_000,
    idleLevel: 'normal',
    followUpAt: null,
    version: 1,
    ...patch,
  };
}

const order = (sort: Sort, rows: ChatListRow[]) => [...rows].sort(compareRows(sort, NOW)).map((r) => r.id);

describe('header clicks', () => {
  it('sort a new column ascending, and flip the same column', () => {
    const byStarted: Sort = { key: 'started', dir: 'desc' };
    const byUser = nextSort(byStarted, 'user');
    assert.deepEqual(byUser, { key: 'user', dir: 'asc' });
    assert.deepEqual(nextSort(byUser, 'user'), { key: 'user', dir: 'desc' });
    assert.deepEqual(nextSort(nextSort(byUser, 'user'), 'user'), { key: 'user', dir: 'asc' });
  });

  it('say the direction in aria-sort on the sorted column only', () => {
    const sort: Sort = { key: 'idle', dir: 'desc' };
    assert.equal(ariaSort(sort, 'idle'), 'descending');
    assert.equal(ariaSort({ key: 'idle', dir: 'asc' }, 'idle'), 'ascending');
    assert.equal(ariaSort(sort, 'user'), undefined);
  });
});

describe('compareRows', () => {
  it('orders users without regard to ASCII case, both ways', () => {
    const rows = [row('z', { visitorName: 'Zed' }), row('a', { visitorName: 'amy' }), row('m', { visitorName: 'Mia' })];
    assert.deepEqual(order({ key: 'user', dir: 'asc' }, rows), ['a', 'm', 'z']);
    assert.deepEqual(order({ key: 'user', dir: 'desc' }, rows), ['z', 'm', 'a']);
  });

  it('breaks a tie by idle time in the same direction, then by id', () => {
    const rows = [
      row('long', { visitorName: 'Sam', idleSince: 1_000 }),
      row('short', { visitorName: 'Sam', idleSince: 50_000 }),
      row('b-twin', { visitorName: 'Sam', idleSince: 20_000 }),
      row('a-twin', { visitorName: 'Sam', idleSince: 20_000 }),
    ];
    assert.deepEqual(order({ key: 'user', dir: 'asc' }, rows), ['short', 'a-twin', 'b-twin', 'long']);
    assert.deepEqual(order({ key: 'user', dir: 'desc' }, rows), ['long', 'a-twin', 'b-twin', 'short']);
  });

  it('measures queue time and idle at `now` while open, and at the end once ended', () => {
    const waiting = row('waiting', { status: 'queued', takenAt: null, startedAt: 90_000, idleSince: 90_000, agentName: null });
    const ended = row('ended', { status: 'ended', startedAt: 0, takenAt: 5_000, endedAt: 6_000, idleSince: 5_000 });
    assert.equal(sortValue(waiting, 'queueTime', NOW), 10_000);
    assert.equal(sortValue(ended, 'queueTime', NOW), 5_000);
    assert.equal(sortValue(waiting, 'idle', NOW), 10_000);
    assert.equal(sortValue(ended, 'idle', NOW), 1_000);
    assert.deepEqual(order({ key: 'idle', dir: 'asc' }, [waiting, ended]), ['ended', 'waiting']);
  });

  it('ranks status by state, then by idle level', () => {
    const rows = [
      row('ended', { status: 'ended', idleLevel: 'closed', endedAt: 9_000 }),
      row('hot', { idleLevel: 'high' }),
      row('calm', { idleLevel: 'normal' }),
      row('queued', { status: 'queued', idleLevel: 'warning', takenAt: null, agentName: null }),
    ];
    assert.deepEqual(order({ key: 'status', dir: 'asc' }, rows), ['queued', 'calm', 'hot', 'ended']);
  });

  it('puts chats without an agent first when ascending, as SQLite puts NULL first', () => {
    const rows = [row('bob', { agentName: 'bob' }), row('none', { agentName: null }), row('al', { agentName: 'Al' })];
    assert.deepEqual(order({ key: 'agent', dir: 'asc' }, rows), ['none', 'al', 'bob']);
    assert.deepEqual(order({ key: 'agent', dir: 'desc' }, rows), ['bob', 'al', 'none']);
  });

  it('sorts messages as numbers, not text', () => {
    const rows = [row('ten', { messageCount: 10 }), row('nine', { messageCount: 9 })];
    assert.deepEqual(order({ key: 'messages', dir: 'asc' }, rows), ['nine', 'ten']);
  });
});
