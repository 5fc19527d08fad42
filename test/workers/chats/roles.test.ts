// What each role may do with chats: agents pull from the queue within their capacity, managers
// take over and end others' chats, and the lists follow the seed's views.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { api, connectAgent, seedWorld, signInAs, startChat } from '../helpers.ts';

async function list(cookie: string, query: string): Promise<string[]> {
  const res = await api(`/api/chats?${query}`, { headers: { Cookie: cookie } });
  expect(res.status, query).toBe(200);
  return ((await res.json()) as { chats: ChatListRow[] }).chats.map((c) => c.id);
}

const post = (path: string, cookie: string) => api(path, { method: 'POST', headers: { Cookie: cookie } });

describe('roles and chats', () => {
  it('lets a manager take a chat over and end it; an agent may do neither', async () => {
    const world = await seedWorld();
    const [alice, bob, mona] = await Promise.all([signInAs(world.alice), signInAs(world.bob), signInAs(world.mona)]);
    const { chatId } = await startChat(world.groupA);
    expect((await post(`/api/chats/${chatId}/take`, alice)).status).toBe(200);

    const bobTakes = await post(`/api/chats/${chatId}/take-over`, bob);
    expect(bobTakes.status).toBe(403);
    expect(((await bobTakes.json()) as { error: { code: string } }).error.code).toBe('not_allowed');
    expect((await post(`/api/chats/${chatId}/end`, bob)).status).toBe(409);

    const monaTakes = await post(`/api/chats/${chatId}/take-over`, mona);
    expect(monaTakes.status).toBe(200);
    expect(await monaTakes.json()).toMatchObject({ chat: { agent: { name: 'Mona' }, status: 'active' } });
    expect(await list(alice, 'view=my-active')).not.toContain(chatId);
    expect(await list(mona, 'view=my-active')).toContain(chatId);

    expect((await post(`/api/chats/${chatId}/end`, mona)).status).toBe(200);
    // My Completed keeps the chat for everyone it was ever assigned to.
    expect(await list(alice, 'view=my-completed')).toContain(chatId);
    expect(await list(mona, 'view=my-completed')).toContain(chatId);
  });

  it('tells a pulling agent on the socket that a manager may not be overridden', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const { chatId } = await startChat(world.groupA);
    await post(`/api/chats/${chatId}/take`, alice);
    const socket = await connectAgent(chatId, bob);
    await socket.replay();
    socket.send({ type: 'take' });
    expect(await socket.nextOf('error')).toMatchObject({ code: 'already_taken' });
    socket.send({ type: 'take-over' });
    expect(await socket.nextOf('error')).toMatchObject({ code: 'not_allowed' });
  });

  it("refuses a take beyond the agent's maximum number of chats", async () => {
    const world = await seedWorld();
    await env.DB.prepare('UPDATE agents SET max_chats = 1 WHERE id = ?').bind(world.alice.id).run();
    const alice = await signInAs(world.alice);
    const first = await startChat(world.groupA);
    const second = await startChat(world.groupA);
    expect((await post(`/api/chats/${first.chatId}/take`, alice)).status).toBe(200);
    const refused = await post(`/api/chats/${second.chatId}/take`, alice);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('agent_at_capacity');
    expect(await list(alice, 'view=queued')).toContain(second.chatId);
    // Once the first ends there is room again.
    await post(`/api/chats/${first.chatId}/end`, alice);
    expect((await post(`/api/chats/${second.chatId}/take`, alice)).status).toBe(200);
  });

  it("lists each group's active and inactive chats, and Global Live Chats across the person's groups", async () => {
    const world = await seedWorld();
    const [bob, alice] = await Promise.all([signInAs(world.bob), signInAs(world.alice)]);
    const inA = await startChat(world.groupA);
    const inB = await startChat(world.groupB);
    const endedB = await startChat(world.groupB);
    await post(`/api/chats/${endedB.chatId}/take`, bob);
    await post(`/api/chats/${endedB.chatId}/end`, bob);

    expect(await list(bob, `view=group&group=${world.groupB}&state=active`)).toEqual(expect.arrayContaining([inB.chatId]));
    expect(await list(bob, `view=group&group=${world.groupB}&state=active`)).not.toContain(endedB.chatId);
    expect(await list(bob, `view=group&group=${world.groupB}&state=inactive`)).toContain(endedB.chatId);
    expect(await list(bob, 'view=global')).toEqual(expect.arrayContaining([inA.chatId, inB.chatId, endedB.chatId]));

    const aliceGlobal = await list(alice, 'view=global');
    expect(aliceGlobal).toContain(inA.chatId);
    expect(aliceGlobal).not.toContain(inB.chatId);
    const outside = await api(`/api/chats?view=group&group=${world.groupB}&state=active`, { headers: { Cookie: alice } });
    expect(outside.status).toBe(404);
    const malformed = await api(`/api/chats?view=group&group=${world.groupA}`, { headers: { Cookie: alice } });
    expect(malformed.status).toBe(400);
  });
});
