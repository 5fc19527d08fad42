// The launcher's words and memory, and which replies count as unread.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { launcherText, loaderSettings, readMemory } from '../../../../client/loader/widget.ts';
import { unreadReplies } from '../../../../client/widget/unread.ts';
import type { ChatEvent, Person } from '../../../../objects/protocol.ts';

const vera: Person = { role: 'visitor', id: 'c1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const message = (seq: number, from: Person): ChatEvent => ({ seq, at: seq, kind: 'message', audience: 'all', clientId: `m${seq}`, from, text: 'hi' });

describe('the launcher', () => {
  it('says whether anyone is online only once Switchboard has said, and counts unread replies', () => {
    assert.deepEqual(launcherText(false, 'unknown', 0), { title: 'Chat with us', status: '', badge: '' });
    assert.deepEqual(launcherText(false, 'online', 2), { title: 'Chat with us', status: 'We are online', badge: '2 unread' });
    assert.equal(launcherText(false, 'offline', 0).status, 'Nobody is online: leave a message');
    assert.equal(launcherText(false, 'online', 250).badge, '99+ unread');
    assert.deepEqual(launcherText(true, 'online', 3), { title: 'Close chat', status: '', badge: '' });
  });

  it('remembers open and running, and starts closed from anything it did not write', () => {
    assert.deepEqual(readMemory('{"open":true,"running":true}'), { open: true, running: true });
    for (const raw of [null, '', 'nope', '[1]', '{"open":"yes"}']) assert.deepEqual(readMemory(raw), { open: false, running: false }, String(raw));
  });

  it('plays its sound unless the site says data-sound="off", and asks about the site\'s group', () => {
    assert.equal(loaderSettings({}).sound, true);
    assert.equal(loaderSettings({ sound: 'off' }).sound, false);
    assert.equal(loaderSettings({ group: 'support' }).group, 'support');
    assert.equal(loaderSettings({}).group, '');
  });
});

describe('unread replies', () => {
  it("counts staff's messages and files after what the visitor has seen, never their own", () => {
    const file: ChatEvent = { seq: 5, at: 5, kind: 'file', audience: 'all', from: alice, file: { id: 'f', filename: 'a.txt', contentType: 'text/plain', size: 1, uploadedBy: 'agent' } };
    const events = [message(1, vera), message(2, alice), message(3, alice), message(4, vera), file];
    assert.equal(unreadReplies(events, 0), 3);
    assert.equal(unreadReplies(events, 2), 2);
    assert.equal(unreadReplies(events, 5), 0);
  });
});
