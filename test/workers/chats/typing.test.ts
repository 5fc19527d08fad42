// Typing: the customer sees that their agent is typing (and nothing of what), staff see the
// customer's draft before it is sent, and a coach typing is never announced to the customer.
// Typing frames are never stored and a socket that floods them is thinned out.
import { describe, expect, it } from 'vitest';
import { TYPING_BURST } from '../../../objects/chat/typing.ts';
import type { ChatEvent, ServerFrame } from '../../../objects/protocol.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

/** Frames until the message with this client id arrives (everything sent before it has arrived too). */
async function through(socket: TestSocket, clientId: string): Promise<ServerFrame[]> {
  const seen: ServerFrame[] = [];
  for (;;) {
    const f = await socket.next();
    seen.push(f);
    if (f.type === 'event' && 'clientId' in f.event && (f.event as Extract<ChatEvent, { kind: 'message' }>).clientId === clientId) return seen;
  }
}

async function coachedChat() {
  const world = await seedWorld();
  const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
  const { chatId, token } = await startChat(world.groupA);
  await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
  const [agent, visitor, coach] = await Promise.all([connectAgent(chatId, alice), connectVisitor(chatId, token), connectAgent(chatId, mona)]);
  await Promise.all([agent.replay(), visitor.replay(), coach.replay()]);
  return { world, chatId, token, alice, agent, visitor, coach };
}

describe('typing', () => {
  it("shows staff the customer's draft as it stands, and the customer nothing of it", async () => {
    const { agent, visitor, coach } = await coachedChat();
    visitor.send({ type: 'typing', draft: 'My parcel went to the wrong' });
    for (const staff of [agent, coach]) expect(await staff.nextOf('draft')).toEqual({ type: 'draft', text: 'My parcel went to the wrong' });
    visitor.send({ type: 'send', id: 'v1', text: 'My parcel went to the wrong door.' });
    const own = await through(visitor, 'v1');
    expect(own.some((f) => f.type === 'draft' || f.type === 'typing')).toBe(false);
  });

  it('tells the customer that their agent is typing, never what, and never that a coach is', async () => {
    const { agent, visitor, coach } = await coachedChat();
    coach.send({ type: 'typing', draft: 'psst: offer the refund' });
    expect(await agent.nextOf('typing')).toMatchObject({ from: { name: 'Mona' }, active: true });
    agent.send({ type: 'typing', draft: 'Let me check your ord' });
    expect(await visitor.nextOf('typing')).toEqual({ type: 'typing', from: expect.objectContaining({ name: 'Alice' }), active: true });
    expect(await coach.nextOf('typing')).toMatchObject({ from: { name: 'Alice' }, active: true });
    agent.send({ type: 'typing', draft: '' });
    expect(await visitor.nextOf('typing')).toMatchObject({ from: { name: 'Alice' }, active: false });
    agent.send({ type: 'send', id: 'a1', text: 'Found it.' });
    const seen = JSON.stringify(await through(visitor, 'a1'));
    expect(seen).not.toContain('psst');
    expect(seen).not.toContain('Mona');
    expect(seen).not.toContain('Let me check your ord');
  });

  it('stores nothing: the log and its sequence numbers are as if nobody typed', async () => {
    const { chatId, alice, agent, visitor } = await coachedChat();
    visitor.send({ type: 'send', id: 'v1', text: 'Hello?' });
    await through(agent, 'v1');
    for (const draft of ['a', 'ab', 'abc']) visitor.send({ type: 'typing', draft });
    agent.send({ type: 'typing', draft: 'Hi' });
    visitor.send({ type: 'send', id: 'v2', text: 'abc' });
    await through(agent, 'v2');
    const again = await connectAgent(chatId, alice);
    const welcome = await again.nextOf('welcome');
    const replayed = await again.replay();
    expect(replayed.map((e) => e.seq)).toEqual(Array.from({ length: welcome.lastSeq }, (_, i) => i + 1));
    expect(replayed.filter((e) => e.kind === 'message').map((e) => (e as Extract<ChatEvent, { kind: 'message' }>).text)).toEqual(['My order has not arrived.', 'Hello?', 'abc']);
  });

  it('passes on a few typing frames per socket at once and drops a flood unsaid', async () => {
    const { agent, visitor } = await coachedChat();
    for (let i = 1; i <= 30; i++) visitor.send({ type: 'typing', draft: 'x'.repeat(i) });
    visitor.send({ type: 'send', id: 'v1', text: 'done' });
    const drafts = (await through(agent, 'v1')).filter((f) => f.type === 'draft');
    // The burst, plus at most one more refilled while the flood arrived.
    expect(drafts.length).toBeGreaterThanOrEqual(TYPING_BURST);
    expect(drafts.length).toBeLessThanOrEqual(TYPING_BURST + 1);
    expect(visitor.frames.some((f) => f.type === 'error')).toBe(false);
  });

  it('refuses a malformed typing frame with a clear code and keeps the socket open', async () => {
    const { visitor } = await coachedChat();
    visitor.send({ type: 'typing', draft: 42 });
    expect(await visitor.nextOf('error')).toMatchObject({ code: 'invalid_frame' });
    visitor.send({ type: 'typing', draft: 'y'.repeat(4001) });
    expect(await visitor.nextOf('error')).toMatchObject({ code: 'text_too_long' });
    visitor.send({ type: 'send', id: 'v1', text: 'still here' });
    await through(visitor, 'v1');
  });

  it('passes nothing on once the chat has ended', async () => {
    const { chatId, alice, agent, visitor } = await coachedChat();
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    await agent.nextOf('chat');
    visitor.send({ type: 'typing', draft: 'one more thing' });
    agent.send({ type: 'typing', draft: 'bye' });
    // A second socket's welcome arrives after anything the object sent before it opened.
    const late = await connectAgent(chatId, alice);
    await late.replay();
    agent.send({ type: 'ping' });
    await agent.nextOf('pong');
    expect(agent.frames.some((f) => f.type === 'draft')).toBe(false);
    expect(visitor.frames.some((f) => f.type === 'typing')).toBe(false);
  });
});
