// The console's view rules without a browser: which live lobby row belongs in which view (each
// matching the server's query in worker/db/chats.ts), and how a view is asked of the server.
// Written with node:test so the same file runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ChatView,
  defaultSort,
  GLOBAL,
  groupView,
  liveMembership,
  MY_ACTIVE,
  MY_COMPLETED,
  QUEUED,
  sameView,
  type ViewContext,
  viewKey,
  viewQuery,
  viewTitle,
} from '../../../../../client/console/lists/views.ts';

import { chatRow } from '../../../fixtures/chat-row.ts';

const ctx: ViewContext = { meId: 'me', groupIds: new Set(['sales', 'support']) };

const row = chatRow;

const queued = row();
const mineActive = row({ status: 'active', agentId: 'me', agentName: 'Me', takenAt: 2000, version: 3 });
const othersActive = row({ status: 'active', agentId: 'bob', agentName: 'Bob', takenAt: 2000, version: 3 });
const mineEnded = row({ status: 'ended', agentId: 'me', agentName: 'Me', takenAt: 2000, endedAt: 3000, version: 4 });
const othersEnded = row({ status: 'ended', agentId: 'bob', agentName: 'Bob', takenAt: 2000, endedAt: 3000, version: 4 });
const elsewhere = row({ groupId: 'billing', groupName: 'Billing' });

/** The verdict of each row for one view, in the order of ROWS. */
const ROWS = { queued, mineActive, othersActive, mineEnded, othersEnded, elsewhere };
const verdicts = (view: ChatView) =>
  Object.fromEntries(Object.entries(ROWS).map(([name, r]) => [name, liveMembership(r, view, ctx)]));

describe('liveMembership', () => {
  it('My Active: active chats assigned to me', () => {
    assert.deepEqual(verdicts(MY_ACTIVE), {
      queued: 'out', mineActive: 'in', othersActive: 'out', mineEnded: 'out', othersEnded: 'out', elsewhere: 'out',
    });
  });

  it('My Completed: adds an ended chat of mine and otherwise never removes one', () => {
    assert.deepEqual(verdicts(MY_COMPLETED), {
      queued: 'unchanged', mineActive: 'unchanged', othersActive: 'unchanged',
      mineEnded: 'in', othersEnded: 'unchanged', elsewhere: 'out',
    });
  });

  it('Queue: queued chats of my groups', () => {
    assert.deepEqual(verdicts(QUEUED), {
      queued: 'in', mineActive: 'out', othersActive: 'out', mineEnded: 'out', othersEnded: 'out', elsewhere: 'out',
    });
  });

  it('a group\'s Active view: queued or active chats of that group; Inactive: ended ones', () => {
    assert.deepEqual(verdicts(groupView('sales', 'active')), {
      queued: 'in', mineActive: 'in', othersActive: 'in', mineEnded: 'out', othersEnded: 'out', elsewhere: 'out',
    });
    assert.deepEqual(verdicts(groupView('sales', 'inactive')), {
      queued: 'out', mineActive: 'out', othersActive: 'out', mineEnded: 'in', othersEnded: 'in', elsewhere: 'out',
    });
    assert.equal(liveMembership(queued, groupView('support', 'active'), ctx), 'out');
  });

  it('Global Live Chats: every chat of my groups, and nothing else', () => {
    assert.deepEqual(verdicts(GLOBAL), {
      queued: 'in', mineActive: 'in', othersActive: 'in', mineEnded: 'in', othersEnded: 'in', elsewhere: 'out',
    });
  });

  it('drops a row of a group I have left from every view, My Completed too', () => {
    const left: ViewContext = { meId: 'me', groupIds: new Set(['support']) };
    for (const view of [MY_ACTIVE, MY_COMPLETED, QUEUED, GLOBAL, groupView('sales', 'inactive')]) {
      assert.equal(liveMembership(mineEnded, view, left), 'out', viewKey(view));
    }
  });
});

describe('asking the server', () => {
  const first = (view: ChatView) => ({ sort: defaultSort(view), offset: 0 });

  it('names each view as GET /api/chats does, with its default order and a page of 50', () => {
    assert.equal(viewQuery(MY_COMPLETED, first(MY_COMPLETED)), 'view=my-completed&sort=started&dir=desc&limit=50&offset=0');
    assert.equal(viewQuery(QUEUED, first(QUEUED)), 'view=queued&sort=started&dir=asc&limit=50&offset=0');
    assert.equal(viewQuery(GLOBAL, first(GLOBAL)), 'view=global&sort=started&dir=desc&limit=50&offset=0');
    const group = groupView('a b&c', 'inactive');
    assert.equal(viewQuery(group, first(group)), 'view=group&group=a%20b%26c&state=inactive&sort=started&dir=desc&limit=50&offset=0');
  });

  it('asks for the clicked column, direction and page', () => {
    assert.equal(
      viewQuery(GLOBAL, { sort: { key: 'queueTime', dir: 'asc' }, offset: 100 }),
      'view=global&sort=queueTime&dir=asc&limit=50&offset=100',
    );
  });

  it('tells views apart by kind, group and state', () => {
    assert.ok(sameView(groupView('sales', 'active'), { view: 'group', groupId: 'sales', state: 'active' }));
    assert.ok(!sameView(groupView('sales', 'active'), groupView('sales', 'inactive')));
    assert.ok(!sameView(groupView('sales', 'active'), groupView('support', 'active')));
    assert.ok(!sameView(MY_ACTIVE, QUEUED));
  });

  it('titles a group view with the group name', () => {
    const names = (id: string) => (id === 'sales' ? 'Sales' : undefined);
    assert.equal(viewTitle(groupView('sales', 'active'), names), 'Sales — Active');
    assert.equal(viewTitle(groupView('gone', 'inactive'), names), 'Group — Inactive');
    assert.equal(viewTitle(GLOBAL, names), 'Global Live Chats');
  });
});

describe('defaultSort', () => {
  it('lists the queue and my active chats longest waiting first, the rest newest first', () => {
    assert.deepEqual(defaultSort(QUEUED), { key: 'started', dir: 'asc' });
    assert.deepEqual(defaultSort(MY_ACTIVE), { key: 'started', dir: 'asc' });
    assert.deepEqual(defaultSort(MY_COMPLETED), { key: 'started', dir: 'desc' });
    assert.deepEqual(defaultSort(GLOBAL), { key: 'started', dir: 'desc' });
    assert.deepEqual(defaultSort(groupView('sales', 'active')), { key: 'started', dir: 'desc' });
  });
});
