// The rows the console holds, changed by fetched pages and live lobby rows: a late (older) row
// never wins, a row moves between views as its chat changes (and the view's total with it), a
// page keeps the order it was asked for, and leaving a group forgets it.
// Written with node:test so the same file runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatListRow } from '../../../../../objects/protocol.ts';
import {
  applyFetched,
  applyLive,
  changesMembership,
  EMPTY_LISTS,
  type FetchedPage,
  forgetChat,
  isLoaded,
  keepGroups,
  type Lists,
  rowsIn,
  totalOf,
} from '../../../../../client/console/lists/lists.ts';
import type { Sort } from '../../../../../client/console/lists/sorting.ts';
import { type ChatView, defaultSort, GLOBAL, groupView, MY_ACTIVE, MY_COMPLETED, QUEUED, type ViewContext } from '../../../../../client/console/lists/views.ts';

import { chatRow } from '../../../fixtures/chat-row.ts';

const ctx: ViewContext = { meId: 'me', groupIds: new Set(['sales', 'support']) };

function row(id: string, patch: Partial<ChatListRow> = {}): ChatListRow {
  return chatRow({ id, visitorName: `Visitor ${id}`, visitorEmail: `${id}@example.test`, ...patch });
}
const taken = (id: string, agentId: string, version: number) =>
  row(id, { status: 'active', agentId, agentName: agentId, takenAt: 2000, version });
const ended = (id: string, agentId: string | null, version: number) =>
  row(id, { status: 'ended', agentId, agentName: agentId, takenAt: agentId ? 2000 : null, endedAt: 3000, version });

const ids = (lists: Lists, view = QUEUED) => rowsIn(lists, view).map((r) => r.id);

/** A first page of `view` as the server answers it, in the view's default order unless `sort` says. */
function page(view: ChatView, chats: ChatListRow[], total = chats.length, sort: Sort = defaultSort(view)): FetchedPage {
  return { page: { sort, offset: 0 }, chats, total, fetchedAt: 10_000 };
}

/** Lists with these views fetched (empty). */
function watching(...views: ChatView[]): Lists {
  return views.reduce((lists, view) => applyFetched(lists, view, page(view, []), ctx), EMPTY_LISTS);
}

describe('live rows', () => {
  it('move a chat from the queue to My Active when I take it, then to My Completed when it ends', () => {
    let lists = watching(QUEUED, MY_ACTIVE, MY_COMPLETED);
    lists = applyLive(lists, row('c1'), ctx);
    assert.deepEqual([ids(lists, QUEUED), ids(lists, MY_ACTIVE), ids(lists, MY_COMPLETED)], [['c1'], [], []]);
    lists = applyLive(lists, taken('c1', 'me', 3), ctx);
    assert.deepEqual([ids(lists, QUEUED), ids(lists, MY_ACTIVE), ids(lists, MY_COMPLETED)], [[], ['c1'], []]);
    lists = applyLive(lists, ended('c1', 'me', 4), ctx);
    assert.deepEqual([ids(lists, QUEUED), ids(lists, MY_ACTIVE), ids(lists, MY_COMPLETED)], [[], [], ['c1']]);
  });

  it('ignore a row older than the one held, even once no view lists the chat', () => {
    let lists = watching(QUEUED);
    lists = applyLive(lists, row('c1', { version: 2 }), ctx);
    lists = applyLive(lists, taken('c1', 'bob', 3), ctx);
    assert.deepEqual(ids(lists), []);
    const late = applyLive(lists, row('c1', { version: 2 }), ctx);
    assert.equal(late, lists);
    assert.deepEqual(ids(late), []);
  });

  it('accept the same version again (a re-sent row), updating what every view shows', () => {
    let lists = watching(QUEUED, GLOBAL);
    lists = applyLive(lists, row('c1', { messageCount: 1 }), ctx);
    lists = applyLive(lists, row('c1', { messageCount: 2 }), ctx);
    assert.equal(rowsIn(lists, GLOBAL)[0]?.messageCount, 2);
    assert.equal(rowsIn(lists, QUEUED)[0]?.messageCount, 2);
  });

  it('never take a chat out of My Completed, even one handed to someone else', () => {
    let lists = applyFetched(EMPTY_LISTS, MY_COMPLETED, page(MY_COMPLETED, [ended('c1', 'bob', 9)]), ctx);
    lists = applyLive(lists, ended('c1', 'bob', 10), ctx);
    assert.deepEqual(ids(lists, MY_COMPLETED), ['c1']);
  });

  it('leave views nobody fetched alone: a view is listed only once asked for', () => {
    const lists = applyLive(watching(QUEUED), row('c1'), ctx);
    assert.equal(isLoaded(lists, GLOBAL), false);
    assert.deepEqual(rowsIn(lists, GLOBAL), []);
  });
});

describe('fetched pages', () => {
  it('replace what the view listed', () => {
    let lists = applyFetched(EMPTY_LISTS, QUEUED, page(QUEUED, [row('a'), row('b')]), ctx);
    lists = applyFetched(lists, QUEUED, page(QUEUED, [row('b'), row('c')]), ctx);
    assert.deepEqual(ids(lists).sort(), ['b', 'c']);
  });

  it('lose to a newer copy that arrived live while the request was in flight', () => {
    let lists = watching(QUEUED);
    lists = applyLive(lists, taken('c1', 'bob', 5), ctx);
    // The page was read before Bob took the chat.
    lists = applyFetched(lists, QUEUED, page(QUEUED, [row('c1', { version: 2 })]), ctx);
    assert.deepEqual(ids(lists), []);
    assert.equal(lists.rows.get('c1')?.agentId, 'bob');
  });

  it('gain the live rows that arrived during the request and that the page was too early to hold', () => {
    const during = [row('new', { version: 1 })];
    const lists = applyFetched(watching(QUEUED), QUEUED, page(QUEUED, [row('old')]), ctx, during);
    assert.deepEqual(ids(lists).sort(), ['new', 'old']);
  });

  it('keep the server\'s sort order per view', () => {
    const rows = [row('late', { startedAt: 20 }), row('early', { startedAt: 10 })];
    const lists = applyFetched(applyFetched(EMPTY_LISTS, QUEUED, page(QUEUED, rows), ctx), GLOBAL, page(GLOBAL, rows), ctx);
    assert.deepEqual(ids(lists, QUEUED), ['early', 'late']);
    assert.deepEqual(ids(lists, GLOBAL), ['late', 'early']);
  });
});

describe('sorted pages and totals', () => {
  it('show a page in the order it was asked for, and place a live row where the server would', () => {
    const byUser: Sort = { key: 'user', dir: 'asc' };
    const fetched = [row('b', { visitorName: 'Bea' }), row('d', { visitorName: 'dan' })];
    let lists = applyFetched(EMPTY_LISTS, GLOBAL, page(GLOBAL, fetched, 2, byUser), ctx);
    lists = applyLive(lists, row('c', { visitorName: 'Cy' }), ctx);
    lists = applyLive(lists, row('a', { visitorName: 'al' }), ctx);
    assert.deepEqual(ids(lists, GLOBAL), ['a', 'b', 'c', 'd']);
  });

  it('count a live row that joins or leaves the view in its total, and only then', () => {
    let lists = applyFetched(EMPTY_LISTS, QUEUED, page(QUEUED, [row('a')], 60), ctx);
    const joined = applyLive(lists, row('b'), ctx);
    assert.equal(totalOf(joined, QUEUED), 61);
    assert.equal(changesMembership(lists, joined, QUEUED), true);
    const updated = applyLive(joined, row('b', { messageCount: 3 }), ctx);
    assert.equal(totalOf(updated, QUEUED), 61);
    assert.equal(changesMembership(joined, updated, QUEUED), false);
    lists = applyLive(updated, taken('a', 'me', 3), ctx);
    assert.equal(totalOf(lists, QUEUED), 60);
  });

  it('take a deleted chat out of the total too', () => {
    const lists = forgetChat(applyFetched(EMPTY_LISTS, GLOBAL, page(GLOBAL, [row('a'), row('b')], 7), ctx), 'a');
    assert.equal(totalOf(lists, GLOBAL), 6);
  });
});

describe('keepGroups', () => {
  it('forgets the views and rows of a group I left, and keeps the rest', () => {
    const sales = groupView('sales', 'active');
    let lists = applyFetched(EMPTY_LISTS, GLOBAL, page(GLOBAL, [row('s1'), row('p1', { groupId: 'support', groupName: 'Support' })]), ctx);
    lists = applyFetched(lists, sales, page(sales, [row('s1')]), ctx);
    lists = keepGroups(lists, new Set(['support']));
    assert.equal(isLoaded(lists, sales), false);
    assert.deepEqual(ids(lists, GLOBAL), ['p1']);
    assert.equal(lists.rows.has('s1'), false);
  });
});

describe('forgetChat', () => {
  it('takes a deleted chat out of every view', () => {
    let lists = applyFetched(EMPTY_LISTS, GLOBAL, page(GLOBAL, [row('a'), row('b')]), ctx);
    lists = applyFetched(lists, QUEUED, page(QUEUED, [row('a'), row('b')]), ctx);
    lists = forgetChat(lists, 'a');
    assert.deepEqual([ids(lists, GLOBAL), ids(lists, QUEUED)], [['b'], ['b']]);
    assert.equal(forgetChat(lists, 'never-seen'), lists);
  });
});
