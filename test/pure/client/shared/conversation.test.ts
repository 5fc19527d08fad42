// One chat as both clients hold it, fed frames by hand: events shown once and in seq order
// whatever the replay overlap, an outbox that empties on the server's echo and resends after a
// reconnect, and a client that claims more than the chat has starting over.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent, ChatSnapshot, ClientFrame, Person, ServerFrame } from '../../../../objects/protocol.ts';
import { createConversation, EMPTY_SEED } from '../../../../client/shared/conversation.ts';

const vera: Person = { role: 'visitor', id: 'c1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const chat: ChatSnapshot = {
  id: 'c1', status: 'active', groupId: 'sales', groupName: 'Sales', visitor: vera, agent: alice,
  startedAt: 1, takenAt: 2, endedAt: null, joined: [], followUpAt: null, fields: {},
};
const message = (seq: number, text = `m${seq}`, clientId = `id${seq}`): ChatEvent => ({
  seq, at: seq, kind: 'message', audience: 'all', clientId, from: vera, text,
});
const event = (e: ChatEvent): ServerFrame => ({ type: 'event', event: e });
const welcome = (lastSeq: number): ServerFrame => ({ type: 'welcome', role: 'visitor', you: vera, chat, lastSeq });

/** A conversation whose outgoing frames are recorded; `open` says whether the socket takes them. */
function conversation(seed = EMPTY_SEED) {
  const sent: ClientFrame[] = [];
  const c = createConversation(seed, (frame) => {
    sent.push(frame);
    return true;
  });
  return { c, sent };
}
const seqs = (c: ReturnType<typeof conversation>['c']) => c.events.value.map((e) => e.seq);

describe('the event log', () => {
  it('shows each event once, in seq order, however frames overlap or arrive out of order', () => {
    const { c } = conversation();
    c.handle(welcome(4));
    for (const seq of [1, 2, 4, 2, 3, 1]) c.handle(event(message(seq)));
    assert.deepEqual(seqs(c), [1, 2, 3, 4]);
    assert.equal(c.lastSeq.value, 4);
  });

  it('starts from a seed without duplicates and resumes after its last seq', () => {
    const { c } = conversation({ events: [message(2), message(1), message(2)], lastSeq: 2, outbox: [] });
    assert.deepEqual(seqs(c), [1, 2]);
    assert.equal(c.lastSeq.value, 2);
  });

  it('asks for a full replay when the chat has fewer events than we hold', () => {
    const { c } = conversation({ events: [message(1), message(2), message(3)], lastSeq: 3, outbox: [] });
    assert.equal(c.handle(welcome(1)), 'resync');
    assert.deepEqual(seqs(c), []);
    assert.equal(c.lastSeq.value, 0);
  });
});

describe('the queue position', () => {
  it('is told while queued and forgotten once an agent takes the chat', () => {
    const { c } = conversation();
    c.handle({ type: 'welcome', role: 'visitor', you: vera, chat: { ...chat, status: 'queued', agent: null, takenAt: null }, lastSeq: 0 });
    assert.equal(c.queuePosition.value, null);
    c.handle({ type: 'queue', position: 2 });
    assert.equal(c.queuePosition.value, 2);
    c.handle({ type: 'chat', chat });
    assert.equal(c.queuePosition.value, null);
  });
});

describe('the outbox', () => {
  it('holds a message until synced, sends it then, and drops it on its echo', () => {
    const { c, sent } = conversation();
    c.handle(welcome(0));
    c.write('send', 'hello');
    assert.equal(sent.length, 0);
    c.handle({ type: 'synced', lastSeq: 0 });
    assert.equal(sent.length, 1);
    const out = sent[0];
    assert.ok(out?.type === 'send');
    c.handle(event(message(1, 'hello', out.id)));
    assert.deepEqual(c.outbox.value, []);
  });

  it('resends what is unconfirmed after a reconnect, with the same id and not marked first (the server dedupes)', () => {
    const { c, sent } = conversation();
    c.handle(welcome(0));
    c.handle({ type: 'synced', lastSeq: 0 });
    c.write('send', 'are you there?');
    c.disconnected();
    c.handle(welcome(0));
    c.handle({ type: 'synced', lastSeq: 0 });
    assert.equal(sent.length, 2);
    const [once, again] = sent;
    assert.ok(once?.type === 'send' && again?.type === 'send');
    assert.equal(once.first, true, 'the first transmission says so: the server need not look its id up');
    assert.deepEqual(again, { type: 'send', id: once.id, text: once.text }, 'a resend does not: the server acknowledges it if stored');
    // A retry after a refusal is not a first transmission either.
    c.handle({ type: 'error', code: 'rate_limited', message: 'Wait.', id: once.id });
    c.retry(once.id);
    assert.deepEqual(sent[2], { type: 'send', id: once.id, text: once.text });
  });

  it('marks a refused message with the reason and keeps it for a retry', () => {
    const { c, sent } = conversation();
    c.handle(welcome(0));
    c.handle({ type: 'synced', lastSeq: 0 });
    c.write('send', 'x');
    const id = sent[0]?.type === 'send' ? sent[0].id : '';
    c.handle({ type: 'error', code: 'text_too_long', message: 'Too long.', id });
    assert.equal(c.outbox.value[0]?.error, 'Too long.');
    assert.equal(c.notice.value, null);
  });

  it('fails what is pending once the chat has ended', () => {
    const { c } = conversation();
    c.handle(welcome(0));
    c.write('send', 'late');
    c.handle({ type: 'chat', chat: { ...chat, status: 'ended', endedAt: 9 } });
    assert.equal(c.outbox.value[0]?.error, 'Not sent: the chat has ended.');
  });
});

describe('typing', () => {
  it("shows who else is typing until they stop or write, and never yourself", () => {
    const { c } = conversation();
    c.handle(welcome(0));
    c.handle({ type: 'typing', from: alice, active: true });
    c.handle({ type: 'typing', from: vera, active: true });
    assert.deepEqual(c.typing.value, [alice]);
    c.handle(event({ seq: 1, at: 1, kind: 'message', audience: 'all', clientId: 'a1', from: alice, text: 'Hello' }));
    assert.deepEqual(c.typing.value, []);
    c.handle({ type: 'typing', from: alice, active: true });
    c.handle({ type: 'typing', from: alice, active: false });
    assert.deepEqual(c.typing.value, []);
  });

  it("holds the customer's draft until they send it or clear it (staff's view)", () => {
    const { c } = conversation();
    c.handle(welcome(0));
    c.handle({ type: 'draft', text: 'my order never' });
    assert.equal(c.customerDraft.value, 'my order never');
    c.handle(event(message(1, 'my order never came')));
    assert.equal(c.customerDraft.value, '');
  });

  it("sends staff's typing as a marker, never their words", () => {
    const { c, sent } = conversation();
    c.handle({ type: 'welcome', role: 'agent', you: alice, chat, lastSeq: 0 });
    c.handle({ type: 'synced', lastSeq: 0 });
    c.typed('Our refund policy says');
    c.typed('Our refund policy says 30 days');
    c.typed('');
    assert.deepEqual(sent, [{ type: 'typing', draft: '…' }, { type: 'typing', draft: '' }]);
  });

  it('sends the draft while connected, throttled, and nothing after the message went', () => {
    const { c, sent } = conversation();
    c.typed('early');
    assert.equal(sent.length, 0, 'nothing before synced');
    c.handle(welcome(0));
    c.handle({ type: 'synced', lastSeq: 0 });
    c.typed('H');
    c.typed('He');
    c.typed('Hel');
    assert.deepEqual(sent, [{ type: 'typing', draft: 'H' }], 'the rest waits for the interval');
    c.write('send', 'Hello');
    c.typed('');
    assert.deepEqual(sent.slice(1).map((f) => f.type), ['send'], 'no typing frame after the message');
  });
});
