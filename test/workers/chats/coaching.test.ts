// Coaching: a manager or colleague follows an active chat live and coaches the agent; the
// customer never receives a coaching line, by socket, replay or transcript. A coach may also
// join openly (barge-in), and then the customer sees them.
import { abortAllDurableObjects } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ServerFrame } from '../../../objects/protocol.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

async function until<T extends ChatEvent['kind']>(socket: TestSocket, kind: T, clientId?: string): Promise<Extract<ChatEvent, { kind: T }>> {
  for (;;) {
    const f = await socket.next();
    if (f.type === 'event' && f.event.kind === kind && (clientId === undefined || ('clientId' in f.event && f.event.clientId === clientId))) {
      return f.event as Extract<ChatEvent, { kind: T }>;
    }
  }
}

async function coachedChat() {
  const world = await seedWorld();
  const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
  const { chatId, token } = await startChat(world.groupA);
  await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
  const agent = await connectAgent(chatId, alice);
  await agent.replay();
  const visitor = await connectVisitor(chatId, token);
  await visitor.replay();
  const coach = await connectAgent(chatId, mona);
  await coach.replay();
  return { world, chatId, token, alice, mona, agent, visitor, coach };
}

describe('coaching', () => {
  it('lets a manager monitor the conversation live and coach the agent, unseen by the customer', async () => {
    const { agent, visitor, coach } = await coachedChat();
    visitor.send({ type: 'send', id: 'v1', text: 'Can I get a refund?' });
    expect((await until(coach, 'message', 'v1')).text).toBe('Can I get a refund?');

    coach.send({ type: 'coach', id: 'k1', text: 'Offer store credit first.' });
    const seenByAgent = await until(agent, 'coaching', 'k1');
    expect(seenByAgent).toMatchObject({ audience: 'staff', from: { name: 'Mona' }, text: 'Offer store credit first.' });
    agent.send({ type: 'coach', id: 'k2', text: 'Will do.' });
    expect((await until(coach, 'coaching', 'k2')).from.name).toBe('Alice');

    agent.send({ type: 'send', id: 'a1', text: 'Would store credit help?' });
    await until(visitor, 'message', 'a1');
    const visitorSaw = JSON.stringify(visitor.frames);
    expect(visitorSaw).not.toContain('store credit first');
    expect(visitorSaw).not.toContain('Will do.');
    expect(visitor.frames.some((f) => f.type === 'viewers')).toBe(false);
  });

  it('shows staff who else has the chat open', async () => {
    const { agent, coach } = await coachedChat();
    const viewers = async (socket: TestSocket, n: number) => {
      for (;;) {
        const f = await socket.next();
        if (f.type === 'viewers' && f.viewers.length === n) return f.viewers.map((p) => p.name).sort();
      }
    };
    expect(await viewers(agent, 2)).toEqual(['Alice', 'Mona']);
    coach.close();
    expect(await viewers(agent, 1)).toEqual(['Alice']);
  });

  it('tells staff of a change of viewers once, not once per socket that opened', async () => {
    const { chatId, alice, agent, coach } = await coachedChat();
    const viewerFrames = (socket: TestSocket) => socket.frames.filter((f) => f.type === 'viewers');
    const lastViewers = (socket: TestSocket) => viewerFrames(socket).at(-1)?.viewers.length;
    await expect.poll(() => lastViewers(agent)).toBe(2);
    const before = viewerFrames(agent).length;
    // Ten more tabs of people already watching change nobody's list: no frame for the others.
    const tabs = await Promise.all(Array.from({ length: 10 }, () => connectAgent(chatId, alice)));
    await Promise.all(tabs.map((t) => t.replay()));
    // Each newcomer is told at once who is watching.
    for (const tab of tabs) expect((await tab.nextOf('viewers')).viewers.map((p) => p.name).sort()).toEqual(['Alice', 'Mona']);
    // A frame that does change the list still arrives (and proves the earlier ones had their chance).
    coach.close();
    await expect.poll(() => lastViewers(agent)).toBe(1);
    expect(viewerFrames(agent).length - before).toBe(1);
  });

  it('keeps coaching in the log for staff across reconnects, eviction and the end, and out of every visitor route', async () => {
    const { chatId, token, alice, agent, coach, visitor } = await coachedChat();
    coach.send({ type: 'coach', id: 'k1', text: 'secret advice' });
    await until(agent, 'coaching', 'k1');
    agent.send({ type: 'end' });
    await until(visitor, 'ended');
    await abortAllDurableObjects();

    const staffReplay = await (await connectAgent(chatId, alice)).replay();
    expect(staffReplay.filter((e) => e.kind === 'coaching').map((e) => (e.kind === 'coaching' ? e.text : ''))).toEqual(['secret advice']);
    const visitorReplay = await (await connectVisitor(chatId, token)).replay();
    expect(visitorReplay.some((e) => e.audience === 'staff')).toBe(false);

    const staffTranscript = (await (await api(`/api/chats/${chatId}/transcript`, { headers: { Cookie: alice } })).json()) as { events: ChatEvent[] };
    expect(JSON.stringify(staffTranscript.events)).toContain('secret advice');
    const visitorTranscript = await api(`/api/visitor/chats/${chatId}/transcript?token=${encodeURIComponent(token)}`);
    expect(visitorTranscript.status).toBe(200);
    const body = await visitorTranscript.text();
    expect(body).not.toContain('secret advice');
    expect(body).not.toContain('"staff"');
  });

  it('lets a coach join openly: the customer sees them join and hears from them', async () => {
    const { agent, visitor, coach } = await coachedChat();
    coach.send({ type: 'send', id: 'early', text: 'Hello from Mona' });
    expect((await coach.nextOf('error')).code).toBe('not_assigned');
    coach.send({ type: 'join' });
    expect((await until(visitor, 'joined')).person.name).toBe('Mona');
    coach.send({ type: 'send', id: 'm1', text: 'Hello from Mona' });
    expect((await until(visitor, 'message', 'm1')).from.name).toBe('Mona');
    expect((await until(agent, 'message', 'm1')).text).toBe('Hello from Mona');
    visitor.send({ type: 'join' } as never);
    expect(((await visitor.nextOf('error')) as Extract<ServerFrame, { type: 'error' }>).code).toBe('not_allowed');
  });
});
