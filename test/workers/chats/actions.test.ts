// The toolbar's actions on chats: transfer to a group or an agent, follow-ups, delete (only once
// completed), the same in bulk, and the waiting visitor's place in the queue.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

const post = (path: string, cookie: string, body?: unknown) =>
  api(path, { method: 'POST', headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function row(chatId: string): Promise<Record<string, unknown> | null> {
  return env.DB.prepare('SELECT * FROM chats WHERE id = ?').bind(chatId).first();
}

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function nextQueuePosition(socket: TestSocket): Promise<number> {
  return (await socket.nextOf('queue')).position;
}

describe('transfer', () => {
  it('sends a chat to another group’s queue, or straight to an agent of its group', async () => {
    const world = await seedWorld();
    const [alice, carol] = await Promise.all([signInAs(world.alice), signInAs(world.carol)]);
    const { chatId, token } = await startChat(world.groupA);
    await post(`/api/chats/${chatId}/take`, alice);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();

    const toBob = await post(`/api/chats/${chatId}/transfer`, alice, { to: { kind: 'agent', agentId: world.bob.id } });
    expect(toBob.status).toBe(200);
    expect(await row(chatId)).toMatchObject({ status: 'active', agent_name: 'Bob' });
    expect((await visitor.nextOf('event')).event).toMatchObject({ kind: 'transferred', to: { kind: 'agent', agent: { name: 'Bob' } } });

    // Alice no longer has it; Bob may send it on to Billing (group B), where Carol sees it waiting.
    expect(await code(await post(`/api/chats/${chatId}/transfer`, alice, { to: { kind: 'group', groupId: world.groupB } }))).toBe('not_assigned');
    const bob = await signInAs(world.bob);
    expect((await post(`/api/chats/${chatId}/transfer`, bob, { to: { kind: 'group', groupId: world.groupB } })).status).toBe(200);
    expect(await row(chatId)).toMatchObject({ status: 'queued', group_id: world.groupB, agent_id: null });
    expect((await api(`/api/chats/${chatId}`, { headers: { Cookie: carol } })).status).toBe(200);
    expect((await api(`/api/chats/${chatId}`, { headers: { Cookie: alice } })).status).toBe(404);
  });

  it('refuses an agent outside the chat’s group, an unknown group, a full agent and a bad body', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await startChat(world.groupA);
    await env.DB.prepare('UPDATE agents SET max_chats = 0 WHERE id = ?').bind(world.bob.id).run();
    const cases: [unknown, number, string][] = [
      [{ to: { kind: 'agent', agentId: world.carol.id } }, 404, 'unknown_agent'],
      [{ to: { kind: 'group', groupId: 'nowhere' } }, 404, 'unknown_group'],
      [{ to: { kind: 'agent', agentId: world.bob.id } }, 409, 'agent_at_capacity'],
      [{ to: { kind: 'moon' } }, 400, 'invalid_body'],
    ];
    for (const [body, status, expected] of cases) {
      const res = await post(`/api/chats/${chatId}/transfer`, alice, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await code(res)).toBe(expected);
    }
    expect(await row(chatId)).toMatchObject({ status: 'queued', group_id: world.groupA });
  });
});

describe('follow-ups', () => {
  it('are scheduled for staff only, shown in the list row, and cleared', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const agent = await connectAgent(chatId, alice);
    await agent.replay();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    const at = Date.now() + 86_400_000;
    const put = (body: unknown) => api(`/api/chats/${chatId}/follow-up`, { method: 'PUT', headers: { Cookie: alice }, body: JSON.stringify(body) });
    expect((await put({ at })).status).toBe(200);
    expect(await row(chatId)).toMatchObject({ follow_up_at: at });
    expect((await agent.nextOf('event')).event).toMatchObject({ kind: 'follow-up', audience: 'staff', dueAt: at });
    expect(await code(await put({ at: 5 }))).toBe('invalid_body');
    expect((await put({ at: null })).status).toBe(200);
    expect(await row(chatId)).toMatchObject({ follow_up_at: null });
    visitor.send({ type: 'ping' });
    await visitor.nextOf('pong');
    expect(visitor.events().some((e) => e.kind === 'follow-up')).toBe(false);
  });
});

describe('delete', () => {
  it('is refused for a chat that is not completed, and removes a completed one everywhere', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const refused = await api(`/api/chats/${chatId}`, { method: 'DELETE', headers: { Cookie: alice } });
    expect(refused.status).toBe(409);
    expect(await code(refused)).toBe('not_ended');
    expect(await row(chatId)).not.toBeNull();

    await post(`/api/chats/${chatId}/end`, alice);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    expect((await api(`/api/chats/${chatId}`, { method: 'DELETE', headers: { Cookie: alice } })).status).toBe(204);
    expect(await row(chatId)).toBeNull();
    await expect.poll(() => visitor.closed).toBe(true);
    expect((await api(`/api/chats/${chatId}`, { headers: { Cookie: alice } })).status).toBe(404);
  });

  it('in bulk refuses the whole selection if one chat is still open, and deletes it all otherwise', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const done = await startChat(world.groupA);
    const open = await startChat(world.groupA);
    await post(`/api/chats/${done.chatId}/end`, alice);
    const mixed = await post('/api/bulk/delete', alice, { chatIds: [done.chatId, open.chatId] });
    expect(mixed.status).toBe(409);
    expect(((await mixed.json()) as { error: { message: string } }).error.message).toMatch(/Nothing was deleted/);
    expect(await row(done.chatId)).not.toBeNull();
    const ok = await post('/api/bulk/delete', alice, { chatIds: [done.chatId] });
    expect(await ok.json()).toEqual({ deleted: [done.chatId] });
    expect(await row(done.chatId)).toBeNull();
    expect((await post('/api/bulk/delete', alice, { chatIds: [] })).status).toBe(400);
  });

  it('bulk transfer moves every selected chat and says how each went', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const chats = [await startChat(world.groupA), await startChat(world.groupA)];
    const res = await post('/api/bulk/transfer', alice, { chatIds: chats.map((c) => c.chatId), to: { kind: 'group', groupId: world.groupB } });
    expect(await res.json()).toEqual({ results: chats.map((c) => ({ chatId: c.chatId, ok: true })) });
    for (const c of chats) expect(await row(c.chatId)).toMatchObject({ group_id: world.groupB, status: 'queued' });
  });
});

describe('the queue', () => {
  it('tells each waiting visitor their place, and moves them up as chats ahead are taken', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const first = await startChat(world.groupA);
    const second = await startChat(world.groupA);
    const v2 = await connectVisitor(second.chatId, second.token);
    await v2.replay();
    // The position may have been told before this socket opened (then it came after `synced`).
    await expect.poll(() => v2.frames.some((f) => f.type === 'queue' && f.position === 2)).toBe(true);
    await post(`/api/chats/${first.chatId}/take`, alice);
    for (;;) if ((await nextQueuePosition(v2)) === 1) break;
    const listed = (await (await api('/api/chats?view=queued', { headers: { Cookie: alice } })).json()) as { chats: ChatListRow[] };
    expect(listed.chats.map((c) => c.id)).toContain(second.chatId);
  });
});
