// The reply box's `#shortcut` trigger as a model, over a real draft: it opens only while the box
// has focus and something matches, the arrow keys move (and wrap), Escape closes until the token
// changes, and keys pass through to the box while it is closed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signal } from '@preact/signals';
import { createChatCanned } from '../../../../../client/console/canned/chat-canned.ts';
import type { CannedLibrary } from '../../../../../client/console/canned/library.ts';
import { createShortcutTrigger } from '../../../../../client/console/canned/trigger.ts';
import { createDraft } from '../../../../../client/shared/draft.ts';
import type { CannedReply } from '../../../../../worker/canned/wire.ts';

function reply(title: string, shortcut: string): CannedReply {
  return { id: title, scope: 'shared', groupId: null, groupName: null, ownerId: null, folder: '', title, shortcut, body: title, files: [], mayUse: true, mayChange: false, updatedAt: 0 };
}

/** A library already read: the trigger only reads its list. */
function libraryOf(replies: CannedReply[]): CannedLibrary {
  return { replies: signal(replies), loaded: signal(true), problem: signal(null), ensure: () => undefined, refresh: async () => undefined };
}

function setup() {
  const draft = createDraft();
  const trigger = createShortcutTrigger(createChatCanned('chat-1', draft), libraryOf([reply('Refund', 'refund'), reply('Ref', 'ref'), reply('Hello', 'hi')]));
  const type = (text: string) => draft.typed(text, { start: text.length, end: text.length });
  return { draft, trigger, type };
}

describe('the shortcut trigger', () => {
  it('opens while the box has focus and a #token matches, and lets keys through while closed', () => {
    const { trigger, type } = setup();
    type('Hi #re');
    assert.equal(trigger.open.value, false, 'not without focus');
    trigger.focused(true);
    assert.equal(trigger.open.value, true);
    assert.deepEqual(trigger.matches.value.map((r) => r.title), ['Ref', 'Refund']);
    type('Hi #zz');
    assert.equal(trigger.open.value, false, 'nothing matches');
    assert.equal(trigger.key('Enter'), false, 'Enter sends as usual');
    assert.equal(trigger.key('ArrowDown'), false);
  });

  it('moves with the arrow keys, wrapping, and starts again at the top when the query changes', () => {
    const { trigger, type } = setup();
    trigger.focused(true);
    type('#re');
    assert.equal(trigger.active.value, 0);
    assert.equal(trigger.key('ArrowDown'), true);
    assert.equal(trigger.active.value, 1);
    trigger.key('ArrowDown');
    assert.equal(trigger.active.value, 0, 'wraps to the top');
    trigger.key('ArrowUp');
    assert.equal(trigger.active.value, 1, 'wraps to the bottom');
    type('#ref');
    assert.equal(trigger.active.value, 0);
  });

  it('closes on Escape until the token changes, and on blur', () => {
    const { trigger, type } = setup();
    trigger.focused(true);
    type('#re');
    assert.equal(trigger.key('Escape'), true);
    assert.equal(trigger.open.value, false);
    assert.equal(trigger.key('Enter'), false, 'the box sends again');
    type('#ref');
    assert.equal(trigger.open.value, true, 'a new letter opens it again');
    trigger.focused(false);
    assert.equal(trigger.open.value, false);
  });
});
