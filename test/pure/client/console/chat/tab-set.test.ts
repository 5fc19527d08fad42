// The chat view's tabs come from its data alone: each shows only when it holds something (with
// its count), Conversation and History always; the pinned notes (sticky comments, the latest
// transfer's note) are picked from the comments. Runs under Node and Deno.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatTabs, latestTransferNote, stickyComments } from '../../../../../client/console/chat/tabs/tab-set.ts';
import { currentComments } from '../../../../../objects/rules/comments.ts';
import type { ChatEvent, Person } from '../../../../../objects/protocol.ts';

const vera: Person = { role: 'visitor', id: 'c1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const bob: Person = { role: 'agent', id: 'bob', name: 'Bob' };
let seq = 0;
const ev = (e: Record<string, unknown>) => ({ audience: 'staff', at: 1, ...e, seq: ++seq }) as unknown as ChatEvent;
const message = () => ev({ kind: 'message', audience: 'all', clientId: `m${seq}`, from: vera, text: 'hi' });
const file = () => ev({ kind: 'file', audience: 'all', from: vera, file: { id: `f${seq}`, filename: 'a.png', contentType: 'image/png', size: 10, uploadedBy: 'visitor' } });
const comment = (kind: string, text = kind) => ev({ kind: 'comment', commentId: `k${seq}`, commentKind: kind, by: alice, text, dueAt: null, forTarget: null });

describe('chat tabs', () => {
  it('are Conversation and History alone for a bare chat', () => {
    const tabs = chatTabs({ events: [message()], comments: [], fields: {}, timeLogs: 0, relatedItems: 0 });
    assert.deepEqual(tabs.map((t) => t.label), ['Conversation', 'History']);
  });

  it('appear in the seed’s order with their counts as items are associated', () => {
    const events = [message(), file(), file(), comment('general'), ev({ kind: 'survey', rating: 4, comment: '' })];
    const tabs = chatTabs({ events, comments: currentComments(events), fields: { order: '1234', empty: '' }, timeLogs: 2, relatedItems: 1 });
    assert.deepEqual(tabs.map((t) => t.label), [
      'Conversation',
      'Comments (1)',
      'Attachments (2)',
      'Time Logs (2)',
      'Related Items (1)',
      'Custom Fields (1)',
      'History',
      'Survey (1)',
    ]);
  });

  it('lose a tab when its last item goes (a deleted comment)', () => {
    const added = comment('general');
    const deleted = ev({ kind: 'comment-deleted', commentId: added.kind === 'comment' ? added.commentId : '', by: alice });
    const events = [message(), added, deleted];
    assert.deepEqual(chatTabs({ events, comments: currentComments(events), fields: {}, timeLogs: 0, relatedItems: 0 }).map((t) => t.id), ['conversation', 'history']);
  });
});

describe('pinned notes', () => {
  it('are the sticky comments, and the Transfer comment of the latest transfer only', () => {
    const first = ev({ kind: 'transferred', audience: 'all', by: alice, fromGroupName: 'Sales', fromAgent: alice, to: { kind: 'agent', agent: bob } });
    const oldNote = comment('transfer', 'old note');
    const sticky = comment('sticky', 'VIP');
    const events = [message(), first, oldNote, sticky];
    assert.equal(latestTransferNote(events, currentComments(events))?.text, 'old note');
    assert.deepEqual(stickyComments(currentComments(events)).map((c) => c.text), ['VIP']);
    const again = ev({ kind: 'transferred', audience: 'all', by: bob, fromGroupName: 'Sales', fromAgent: bob, to: { kind: 'agent', agent: alice } });
    const later = [...events, again];
    assert.equal(latestTransferNote(later, currentComments(later)), null);
  });
});
