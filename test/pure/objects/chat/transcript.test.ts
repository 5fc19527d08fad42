// A chat as plain text: the customer's copy is built from the visitor's view of the log, so it
// holds what they saw and nothing staff-only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcriptText } from '../../../../objects/chat/transcript.ts';
import type { ChatEvent, ChatSnapshot, Person } from '../../../../objects/protocol.ts';
import { visibleTo } from '../../../../objects/protocol.ts';

const vera: Person = { role: 'visitor', id: 'c1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'a', name: 'Alice' };
const mona: Person = { role: 'agent', id: 'm', name: 'Mona' };
const at = Date.UTC(2026, 10, 23, 9, 30);
const chat: ChatSnapshot = {
  id: 'c1',
  status: 'ended',
  groupId: 'g',
  groupName: 'Support',
  visitor: vera,
  agent: alice,
  startedAt: at,
  takenAt: at,
  endedAt: at + 60_000,
  joined: [],
  followUpAt: null,
  fields: {},
};
const log: ChatEvent[] = [
  { seq: 1, at, kind: 'queued', audience: 'all', groupId: 'g', groupName: 'Support', visitor: vera },
  { seq: 2, at, kind: 'message', audience: 'all', clientId: 'q', from: vera, text: 'My parcel is late.' },
  { seq: 3, at, kind: 'taken', audience: 'all', agent: alice, fromAgent: null },
  { seq: 4, at, kind: 'coaching', audience: 'staff', clientId: 'k', from: mona, text: 'Offer free shipping.' },
  { seq: 5, at, kind: 'message', audience: 'all', clientId: 'a1', from: alice, text: 'Sorry! It ships today.' },
  { seq: 6, at: at + 60_000, kind: 'ended', audience: 'all', by: alice },
  { seq: 7, at: at + 60_000, kind: 'survey', audience: 'staff', rating: 5, comment: 'Great' },
];

describe('transcriptText', () => {
  it('gives the customer what they saw, with a header, and nothing staff-only', () => {
    const text = transcriptText(chat, log.filter((e) => visibleTo('visitor', e.audience)));
    assert.match(text, /^Chat with Vera\nGroup: Support\nStarted: 2026-11-23 09:30 UTC\nAgent: Alice\nEnded: 2026-11-23 09:31 UTC\n/);
    assert.match(text, /\[2026-11-23 09:30 UTC\] Vera: My parcel is late\./);
    assert.match(text, /Alice: Sorry! It ships today\./);
    assert.match(text, /Alice ended the chat\./);
    assert.doesNotMatch(text, /free shipping|coaching|survey|Great/);
  });

  it('marks staff-only lines in the staff copy', () => {
    const text = transcriptText(chat, log);
    assert.match(text, /\[coaching\] Mona: Offer free shipping\./);
    assert.match(text, /\[survey\] Rated 5\/5: Great/);
  });

  it('names the custom fields a staff snapshot carries in the header, by their labels', () => {
    const comment: ChatEvent = { seq: 8, at, kind: 'comment', audience: 'staff', commentId: 'c', commentKind: 'resolution', by: alice, text: 'Shipped by express', dueAt: null, forTarget: null };
    const text = transcriptText({ ...chat, fields: { order: '1234', tier: 'gold' } }, [...log, comment], { order: 'Order number' });
    assert.match(text, /Ended: 2026-11-23 09:31 UTC\nOrder number: 1234\ntier: gold\n/);
    assert.match(text, /\[resolution comment\] Alice: Shipped by express/);
    // A customer's snapshot carries no fields, so their copy's header has none.
    assert.doesNotMatch(transcriptText(chat, []), /Order number|tier/);
  });
});
