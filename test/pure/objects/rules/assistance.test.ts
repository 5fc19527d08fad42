// Agent assistance's query: only the customer-visible messages count, the customer's latest most;
// chat talk, names, numbers and links are not searched for; the result is a safe FTS5 MATCH.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent, Person } from '../../../../objects/protocol.ts';
import {
  assistanceQuery, assistanceTerms, conversationLines, MAX_ASSISTANCE_TERMS, participantNames, type SaidLine, variantKey,
} from '../../../../objects/rules/assistance.ts';

const vera: Person = { role: 'visitor', id: 'chat-1', name: 'Vera Visitor' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice Agent' };
let seq = 0;
const base = () => ({ seq: ++seq, at: seq * 1000 });
const message = (from: Person, text: string): ChatEvent => ({ ...base(), kind: 'message', audience: 'all', clientId: `m${seq}`, from, text });
const customer = (text: string): SaidLine => ({ by: 'customer', text });
const agent = (text: string): SaidLine => ({ by: 'agent', text });
const termsOf = (lines: SaidLine[], names?: Set<string>) => assistanceTerms(lines, names).map((t) => t.term);

describe('the conversation assistance reads', () => {
  it('is the messages alone: never coaching, comments or other staff-only events', () => {
    const events: ChatEvent[] = [
      { ...base(), kind: 'queued', audience: 'all', groupId: 'g', groupName: 'Support', visitor: vera },
      message(vera, 'My invoice is wrong'),
      { ...base(), kind: 'coaching', audience: 'staff', clientId: 'c1', from: alice, text: 'Mention the zebracorn discount' },
      {
        ...base(), kind: 'comment', audience: 'staff', commentId: 'k1', commentKind: 'general', by: alice, text: 'Secret quokka note', dueAt: null, forTarget: null,
      } as ChatEvent,
      message(alice, 'Which invoice number?'),
    ];
    assert.deepEqual(conversationLines(events), [customer('My invoice is wrong'), agent('Which invoice number?')]);
    const terms = termsOf(conversationLines(events));
    assert.ok(!terms.includes('zebracorn') && !terms.includes('quokka'));
  });

  it('knows the names of the people in it, so a greeting is not searched for', () => {
    const events = [message(vera, 'Hello'), message(alice, 'Hi Vera, Alice here')];
    const names = participantNames(events);
    assert.deepEqual([...names].sort(), ['agent', 'alice', 'vera', 'visitor']);
    assert.deepEqual(termsOf(conversationLines(events), names), []);
  });
});

describe('the words chosen', () => {
  it('drop common words, chat talk, numbers and links', () => {
    const terms = termsOf([customer('Hi there! Thanks, I need help: order 1042 never shipped, see https://shop.example/orders/1042 or a@b.example')]);
    assert.deepEqual(terms.sort(), ['order', 'shipped']);
  });

  it('weigh the customer’s latest message most, and the agent’s messages least', () => {
    const terms = assistanceTerms([customer('I want to change my email'), agent('Sure, which account is it about?'), customer('Actually the refund for my parcel')]);
    const weight = (term: string) => terms.find((t) => t.term === term)?.weight ?? 0;
    assert.ok(weight('refund') > weight('email'), 'the latest customer message counts more than an earlier one');
    assert.ok(weight('email') > weight('account'), 'a customer message counts more than the agent’s');
  });

  it('count a word once per message, and variants of a word as one', () => {
    const terms = assistanceTerms([customer('refund refund refund refund'), customer('refunds please, the refunded amount')]);
    assert.equal(terms.filter((t) => variantKey(t.term) === 'refund').length, 1);
    assert.equal(terms[0]!.term, 'refund');
    assert.equal(variantKey('passwords'), 'password');
    assert.equal(variantKey('address'), 'address');
    assert.equal(variantKey('charged'), variantKey('charges'));
  });

  it('keep to the most telling few', () => {
    const long = customer(Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(' '));
    assert.equal(assistanceTerms([long]).length, MAX_ASSISTANCE_TERMS);
  });
});

describe('the query', () => {
  it('is a quoted OR of the words, the heaviest written twice, with no FTS5 syntax passed through', () => {
    const q = assistanceQuery(assistanceTerms([customer('title:secret* NEAR("a" b) OR -x ^y password')]));
    assert.ok(q !== null);
    assert.ok(!/[*:^()-]/.test(q));
    for (const part of q.split(' OR ')) assert.match(part, /^"[\p{L}\p{N}]+"$/u);
    assert.equal(assistanceQuery([{ term: 'password', weight: 1 }, { term: 'reset', weight: 0.7 }, { term: 'email', weight: 0.25 }]), '"password" OR "password" OR "reset" OR "reset" OR "email"');
  });

  it('is null when the conversation has nothing to search for', () => {
    assert.equal(assistanceQuery(assistanceTerms([customer('Hi!'), agent('Hello, how can I help?')])), null);
  });
});
