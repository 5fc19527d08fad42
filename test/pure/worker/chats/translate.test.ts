// Translation sits behind an interface (off without Workers AI: see the access matrix's 503), and a
// chat's lines are translated in order with their speakers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent, Person } from '../../../../objects/protocol.ts';
import { translateChat, type Translator } from '../../../../worker/chats/translate.ts';

const vera: Person = { role: 'visitor', id: 'c', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'a', name: 'Alice' };

/** A stand-in for Workers AI in this pure test: upper-cases, so the mapping is visible. */
const shouting: Translator = { translate: async (texts) => texts.map((t) => t.toUpperCase()) };

describe('translation', () => {
  it('translates the messages and coaching lines of a chat, in order', async () => {
    const events: ChatEvent[] = [
      { seq: 1, at: 0, kind: 'queued', audience: 'all', groupId: 'g', groupName: 'G', visitor: vera },
      { seq: 2, at: 0, kind: 'message', audience: 'all', clientId: 'q', from: vera, text: 'hallo' },
      { seq: 3, at: 0, kind: 'taken', audience: 'all', agent: alice, fromAgent: null },
      { seq: 4, at: 0, kind: 'message', audience: 'all', clientId: 'a', from: alice, text: 'guten tag' },
    ];
    assert.deepEqual(await translateChat(shouting, events, 'en'), [
      { seq: 2, from: 'Vera', original: 'hallo', translated: 'HALLO' },
      { seq: 4, from: 'Alice', original: 'guten tag', translated: 'GUTEN TAG' },
    ]);
  });
});
