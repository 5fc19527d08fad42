// The walking skeleton end to end inside workerd: a visitor starts a chat, it is queued in its
// group, an agent takes it, both talk, one ends it, and the lists follow.
import { describe, expect, it } from 'vitest';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat } from '../helpers.ts';

async function list(cookie: string, view: string): Promise<ChatListRow[]> {
  const res = await api(`/api/chats?view=${view}`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { chats: ChatListRow[] }).chats;
}

describe('a whole chat', () => {
  it('is queued, taken, talked through in both directions and ended, and the lists follow', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA, 'Where is my parcel?');

    expect((await list(alice, 'queued')).map((c) => c.id)).toContain(chatId);

    const visitor = await connectVisitor(chatId, token);
    const welcome = await visitor.nextOf('welcome');
    expect(welcome.chat.status).toBe('queued');
    const history = await visitor.replay();
    expect(history.map((e) => e.kind)).toEqual(['queued', 'message']);

    const agent = await connectAgent(chatId, alice);
    await agent.replay();
    agent.send({ type: 'take' });
    const taken = await visitor.nextOf('event');
    expect(taken.event).toMatchObject({ kind: 'taken', agent: { name: 'Alice' } });

    agent.send({ type: 'send', id: 'a-1', text: 'Hello, I am Alice.' });
    visitor.send({ type: 'send', id: 'v-1', text: 'Hi Alice!' });
    const seenByVisitor = [];
    while (seenByVisitor.length < 2) {
      const f = await visitor.next();
      if (f.type === 'event' && f.event.kind === 'message') seenByVisitor.push(f.event.text);
    }
    expect(seenByVisitor.sort()).toEqual(['Hello, I am Alice.', 'Hi Alice!']);

    expect((await list(alice, 'my-active')).map((c) => c.id)).toContain(chatId);
    expect((await list(alice, 'queued')).map((c) => c.id)).not.toContain(chatId);

    visitor.send({ type: 'end' });
    let status = '';
    while (status !== 'ended') status = (await agent.nextOf('chat')).chat.status;
    expect(agent.events().at(-1)).toMatchObject({ kind: 'ended', by: { role: 'visitor' } });

    expect((await list(alice, 'my-active')).map((c) => c.id)).not.toContain(chatId);
    const completed = await list(alice, 'my-completed');
    expect(completed.find((c) => c.id === chatId)).toMatchObject({ status: 'ended', agentName: 'Alice', visitorName: 'Vera Visitor' });
    visitor.close();
    agent.close();
  });

  it('can be taken and ended over HTTP too', async () => {
    const world = await seedWorld();
    const bob = await signInAs(world.bob);
    const { chatId } = await startChat(world.groupB);
    const take = await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: bob } });
    expect(take.status).toBe(200);
    const again = await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: bob } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'already_yours' } });
    const end = await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: bob } });
    expect(end.status).toBe(200);
    expect((await list(bob, 'my-completed')).map((c) => c.id)).toContain(chatId);
  });
});
