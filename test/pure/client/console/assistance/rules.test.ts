// The Assistance panel's rules: it asks again when the customer (not the agent) writes; an
// article goes into the reply as its title and link, spaced from the words around the cursor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent, Person } from '../../../../../objects/protocol.ts';
import { articleText, lastCustomerMessage, spacedAt, suggestionCount } from '../../../../../client/console/assistance/rules.ts';
import { insertAt } from '../../../../../client/shared/draft.ts';

const vera: Person = { role: 'visitor', id: 'c1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const message = (seq: number, from: Person): ChatEvent => ({ seq, at: seq, kind: 'message', audience: 'all', clientId: `m${seq}`, from, text: 'hi' });

describe('when the panel asks again', () => {
  it('is at each new customer message, not at the agent’s', () => {
    assert.equal(lastCustomerMessage([]), 0);
    assert.equal(lastCustomerMessage([message(1, vera), message(2, alice)]), 1);
    assert.equal(lastCustomerMessage([message(1, vera), message(2, alice), message(3, vera)]), 3);
  });
});

describe('what a click inserts', () => {
  it('is an article’s title and link', () => {
    assert.equal(articleText({ title: 'Resetting your password', url: 'https://help.example/kb/a1' }), 'Resetting your password: https://help.example/kb/a1');
  });

  it('is spaced from the words at the cursor, and only where needed', () => {
    const text = 'Please see for details.';
    const at = { start: 10, end: 10 };
    assert.equal(insertAt(text, at, spacedAt(text, at, 'X: u')).text, 'Please see X: u for details.');
    assert.equal(spacedAt('See ', { start: 4, end: 4 }, 'X'), 'X');
    assert.equal(spacedAt('', { start: 0, end: 0 }, 'X'), 'X');
    assert.equal(spacedAt('See.', { start: 3, end: 3 }, 'X'), ' X');
  });
});

describe('the count said to screen readers', () => {
  it('reads naturally', () => {
    assert.deepEqual([0, 1, 4].map(suggestionCount), ['No suggestions', '1 suggestion', '4 suggestions']);
  });
});
