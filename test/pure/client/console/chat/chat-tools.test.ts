// The chat toolbar's Send file, Email transcript and Translate: who may use them, and when.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAddresses, toolAbilities, type ToolContext } from '../../../../../client/console/chat/chat-tools.ts';

describe('chat tools', () => {
  const ctx = (patch: Partial<ToolContext> = {}): ToolContext => ({
    chat: { status: 'active', agent: { role: 'agent', id: 'me', name: 'Me' } },
    meId: 'me',
    joined: new Set(),
    busy: false,
    ...patch,
  });

  it('lets the assigned agent or a joined colleague send files while the chat is open', () => {
    assert.equal(toolAbilities(ctx()).sendFile, true);
    assert.equal(toolAbilities(ctx({ meId: 'other' })).sendFile, false);
    assert.equal(toolAbilities(ctx({ meId: 'other', joined: new Set(['other']) })).sendFile, true);
    assert.equal(toolAbilities(ctx({ chat: { status: 'ended', agent: { role: 'agent', id: 'me', name: 'Me' } } })).sendFile, false);
    assert.equal(toolAbilities(ctx({ busy: true })).sendFile, false);
  });

  it('offers transcript email and translation on ended chats only', () => {
    assert.equal(toolAbilities(ctx()).ended, false);
    assert.equal(toolAbilities(ctx({ chat: { status: 'ended', agent: null } })).ended, true);
    assert.equal(toolAbilities(ctx({ chat: null })).ended, false);
  });

  it('splits addresses on semicolons and commas', () => {
    assert.deepEqual(checkAddresses(' a@x.test; b@y.test ,'), { ok: true, addresses: ['a@x.test', 'b@y.test'] });
    assert.equal(checkAddresses(' ; ').ok, false);
    assert.equal(checkAddresses('a@x.test; nope').ok, false);
  });

});
