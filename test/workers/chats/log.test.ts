// The chat's log is authoritative: a resend is stored once, a reconnect gets exactly the gap, and
// all of it survives the object being evicted and woken again.
import { abortAllDurableObjects } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../objects/protocol.ts';
import { connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

async function activeChat() {
  const world = await seedWorld();
  const cookie = await signInAs(world.alice);
  const { chatId, token } = await startChat(world.groupA);
  const agent = await connectAgent(chatId, cookie);
  await agent.replay();
  agent.send({ type: 'take' });
  await agent.nextOf('chat');
  return { world, cookie, chatId, token, agent };
}

/** Waits until the socket has received a message event with this client id, and returns it. */
async function messageWithId(socket: TestSocket, clientId: string): Promise<ChatEvent> {
  for (;;) {
    const f = await socket.next();
    if (f.type === 'event' && 'clientId' in f.event && f.event.clientId === clientId) return f.event;
  }
}

const seqs = (events: ChatEvent[]) => events.map((e) => e.seq);

describe('the event log', () => {
  it('stores a resent message once and answers the resend with the stored seq', async () => {
    const { chatId, token, agent, cookie } = await activeChat();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();

    visitor.send({ type: 'send', id: 'dup-1', text: 'Once only' });
    const first = await messageWithId(visitor, 'dup-1');
    visitor.send({ type: 'send', id: 'dup-1', text: 'Once only' });
    expect(await visitor.nextOf('ack')).toEqual({ type: 'ack', id: 'dup-1', seq: first.seq });

    // A later message proves the agent has seen everything sent before it.
    visitor.send({ type: 'send', id: 'after-dup', text: 'next' });
    await messageWithId(agent, 'after-dup');
    expect(agent.events().filter((e) => e.kind === 'message' && e.clientId === 'dup-1')).toHaveLength(1);

    const replay = await (await connectAgent(chatId, cookie)).replay();
    expect(replay.filter((e) => e.kind === 'message' && e.clientId === 'dup-1')).toHaveLength(1);
    expect(seqs(replay)).toEqual(replay.map((_, i) => i + 1));
  });

  it('sends a reconnecting client exactly the events it missed, in order', async () => {
    const { chatId, token, cookie, agent } = await activeChat();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    for (const n of [1, 2]) {
      visitor.send({ type: 'send', id: `before-${n}`, text: `before ${n}` });
      await messageWithId(agent, `before-${n}`);
    }
    const lastSeen = agent.events().at(-1)!.seq;
    agent.close();

    for (const n of [1, 2, 3]) {
      visitor.send({ type: 'send', id: `gap-${n}`, text: `missed ${n}` });
      await messageWithId(visitor, `gap-${n}`);
    }
    const back = await connectAgent(chatId, cookie, lastSeen);
    const welcome = await back.nextOf('welcome');
    const missed = await back.replay();
    expect(seqs(missed)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    expect(missed.map((e) => (e.kind === 'message' ? e.text : e.kind))).toEqual(['missed 1', 'missed 2', 'missed 3']);
    expect(welcome.lastSeq).toBe(lastSeen + 3);
  });

  it('keeps working after the object is evicted and woken again', async () => {
    const { chatId, token, cookie } = await activeChat();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    visitor.send({ type: 'send', id: 'pre-evict', text: 'before eviction' });
    const stored = await messageWithId(visitor, 'pre-evict');

    await abortAllDurableObjects();
    // The old instance is gone: its sockets were dropped with it.
    await expect.poll(() => visitor.closed).toBe(true);

    const woken = await connectVisitor(chatId, token, stored.seq);
    const welcome = await woken.nextOf('welcome');
    expect(welcome.chat).toMatchObject({ status: 'active', agent: { name: 'Alice' } });
    expect(await woken.replay()).toEqual([]);
    // The de-duplication survives: the resend is acknowledged with the stored event's seq.
    woken.send({ type: 'send', id: 'pre-evict', text: 'before eviction' });
    expect(await woken.nextOf('ack')).toEqual({ type: 'ack', id: 'pre-evict', seq: stored.seq });
    // New events continue the same sequence.
    woken.send({ type: 'send', id: 'post-evict', text: 'after eviction' });
    expect((await messageWithId(woken, 'post-evict')).seq).toBe(stored.seq + 1);

    const agent = await connectAgent(chatId, cookie);
    const all = await agent.replay();
    expect(seqs(all)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)).toMatchObject({ kind: 'message', text: 'after eviction' });
  });

  it('stores a first transmission without looking its id up, and still acknowledges its resend, after a wake too', async () => {
    const { chatId, token, cookie } = await activeChat();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    visitor.send({ type: 'send', id: 'f-1', text: 'first time', first: true });
    const stored = await messageWithId(visitor, 'f-1');
    // Before the sender's ids were ever read: the resend reads them, this one among them.
    visitor.send({ type: 'send', id: 'f-1', text: 'first time' });
    expect(await visitor.nextOf('ack')).toEqual({ type: 'ack', id: 'f-1', seq: stored.seq });
    // Once read, they stay complete: a later first transmission joins them.
    visitor.send({ type: 'send', id: 'f-2', text: 'second', first: true });
    const second = await messageWithId(visitor, 'f-2');
    visitor.send({ type: 'send', id: 'f-2', text: 'second' });
    expect(await visitor.nextOf('ack')).toEqual({ type: 'ack', id: 'f-2', seq: second.seq });

    await abortAllDurableObjects();
    const woken = await connectVisitor(chatId, token, second.seq);
    await woken.replay();
    woken.send({ type: 'send', id: 'f-3', text: 'after the wake', first: true });
    const third = await messageWithId(woken, 'f-3');
    expect(third.seq).toBe(second.seq + 1);
    for (const [id, seq] of [['f-1', stored.seq], ['f-3', third.seq]] as const) {
      woken.send({ type: 'send', id, text: 'again' });
      expect(await woken.nextOf('ack')).toEqual({ type: 'ack', id, seq });
    }
    const all = await (await connectAgent(chatId, cookie)).replay();
    const ids = all.flatMap((e) => (e.kind === 'message' && e.clientId.startsWith('f-') ? [e.clientId] : []));
    expect(ids, 'each stored once').toEqual(['f-1', 'f-2', 'f-3']);
  });

  it('reads no ids from the log for a first transmission, yet acknowledges a late copy of one already resent', async () => {
    const { chatId, token } = await activeChat();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    visitor.send({ type: 'send', id: 'g-1', text: 'once', first: true });
    const stored = await messageWithId(visitor, 'g-1');

    // A fresh instance has read none of the sender's ids: a frame marked first is taken at its
    // word and not looked up (the protocol's contract: a client never marks a resend first).
    await abortAllDurableObjects();
    const woken = await connectVisitor(chatId, token, stored.seq);
    await woken.replay();
    woken.send({ type: 'send', id: 'g-1', text: 'once', first: true });
    expect((await messageWithId(woken, 'g-1')).seq).toBe(stored.seq + 1);

    // Once a resend has read them, a late copy of a first transmission (a frame still on its way
    // from a socket the client gave up on) is acknowledged, not stored again.
    woken.send({ type: 'send', id: 'g-2', text: 'resent' });
    const resent = await messageWithId(woken, 'g-2');
    woken.send({ type: 'send', id: 'g-2', text: 'resent', first: true });
    expect(await woken.nextOf('ack')).toEqual({ type: 'ack', id: 'g-2', seq: resent.seq });
  });

  it('never sends a staff-only event to the visitor, live or replayed', async () => {
    const { chatId, token, agent } = await activeChat();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    agent.send({ type: 'coach', id: 'k-1', text: 'staff only' });
    await messageWithId(agent, 'k-1');
    agent.send({ type: 'send', id: 'a-1', text: 'for everyone' });
    await messageWithId(visitor, 'a-1');
    const replay = await (await connectVisitor(chatId, token)).replay();
    for (const events of [visitor.events(), replay]) {
      expect(events.map((e) => e.audience)).not.toContain('staff');
      expect(JSON.stringify(events)).not.toContain('staff only');
    }
    expect(replay.at(-1)).toMatchObject({ text: 'for everyone' });
  });
});
