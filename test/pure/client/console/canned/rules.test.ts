// The reply box's `#shortcut` trigger and the picker's lists: which token the cursor is in,
// which replies it matches and in what order, the search, and folders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byFolder, matchShortcuts, replaceRange, searchReplies, shortcutToken, tokenStillThere } from '../../../../../client/console/canned/rules.ts';
import type { CannedReply } from '../../../../../worker/canned/wire.ts';

const at = (n: number) => ({ start: n, end: n });

function reply(title: string, shortcut: string | null, folder = '', body = 'Text', mayUse = true): CannedReply {
  return { id: title, scope: 'shared', groupId: null, groupName: null, ownerId: null, folder, title, shortcut, body, files: [], mayUse, mayChange: false, updatedAt: 0 };
}

describe('the shortcut token', () => {
  it('is a # starting a word with shortcut letters up to the cursor', () => {
    const text = 'Thanks! #ref and more';
    assert.deepEqual(shortcutToken(text, at(12)), { start: 8, end: 12, query: 'ref' });
    assert.deepEqual(shortcutToken('#Hi', at(3)), { start: 0, end: 3, query: 'hi' });
    // The cursor inside the token: the whole token is replaced, the query is what is before the cursor.
    assert.deepEqual(shortcutToken('see #refund now', at(8)), { start: 4, end: 11, query: 'ref' });
  });
  it('is not there for a bare #, a # inside a word, a selection, or after a space', () => {
    assert.equal(shortcutToken('#', at(1)), null);
    assert.equal(shortcutToken('order#12', at(8)), null);
    assert.equal(shortcutToken('#ref', { start: 1, end: 4 }), null);
    assert.equal(shortcutToken('#ref more', at(9)), null);
    assert.equal(shortcutToken('no hash', at(7)), null);
  });
  it('is found again after a fill only where it still is', () => {
    assert.deepEqual(tokenStillThere('Hi #ref', { start: 3, end: 7, text: '#ref' }), { start: 3, end: 7 });
    assert.equal(tokenStillThere('Hi #refu', { start: 3, end: 7, text: '#refx' }), null);
  });
  it('is replaced keeping the cursor where the person typed on meanwhile', () => {
    // The cursor right after the token: after the reply.
    assert.deepEqual(replaceRange('Hi #ref!', { start: 3, end: 7 }, 'Thanks.', at(7)), { text: 'Hi Thanks.!', selection: at(10) });
    // Words typed after the token while the reply was filled stay after it, the cursor after them.
    assert.deepEqual(replaceRange('Hi #ref and', { start: 3, end: 7 }, 'Thanks.', at(11)), { text: 'Hi Thanks. and', selection: at(14) });
    // A cursor before the token stays; one inside it goes after the reply.
    assert.deepEqual(replaceRange('Hi #ref', { start: 3, end: 7 }, 'X', at(1)).selection, at(1));
    assert.deepEqual(replaceRange('Hi #ref', { start: 3, end: 7 }, 'X', at(5)).selection, at(4));
  });
});

describe('matching shortcuts', () => {
  const replies = [reply('Refund', 'refund'), reply('Ref', 'ref'), reply('Pre-refund', 'prerefund'), reply('None', null), reply('Not mine', 'refx', '', 'x', false)];
  it('puts those that start with the query first, shortest first, then those containing it; never one without a shortcut or not usable', () => {
    assert.deepEqual(matchShortcuts(replies, 'ref').map((r) => r.title), ['Ref', 'Refund', 'Pre-refund']);
    assert.deepEqual(matchShortcuts(replies, 'REFU').map((r) => r.title), ['Refund', 'Pre-refund']);
    assert.deepEqual(matchShortcuts(replies, 'zzz'), []);
    assert.equal(matchShortcuts(replies, 'ref', 1).length, 1);
  });
});

describe('the picker', () => {
  const replies = [reply('Welcome', 'hi', 'Greetings'), reply('Refund policy', 'refund', 'Billing', 'Refunds take 5 days'), reply('Loose', null, ''), reply('alpha', null, 'billing')];
  it('searches every word in titles, shortcuts, folders and text', () => {
    assert.deepEqual(searchReplies(replies, 'refund 5 days').map((r) => r.title), ['Refund policy']);
    assert.deepEqual(searchReplies(replies, '#hi').map((r) => r.title), ['Welcome']);
    assert.equal(searchReplies(replies, '').length, 4);
  });
  it('groups by folder, the top level first, then alphabetically', () => {
    assert.deepEqual(
      byFolder(replies).map((f) => [f.name, f.replies.map((r) => r.title)]),
      [['', ['Loose']], ['Billing', ['Refund policy']], ['billing', ['alpha']], ['Greetings', ['Welcome']]],
    );
  });
});
