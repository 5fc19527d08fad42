// The administrator's page: people and groups change, the guards hold, and consoles follow.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { LobbyFrame } from '../../../objects/protocol.ts';
import { api, connectLobby, seedWorld, signInAs, startChat, type TestAgent } from '../helpers.ts';

function call(cookie: string, method: string, path: string, body?: unknown) {
  return api(`/api/admin${path}`, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function enabledAdmins(): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM agents WHERE role = 'admin' AND disabled = 0").first<{ n: number }>())!.n;
}

describe('the administrator', () => {
  it('creates an agent in a group, who can then sign in and see that group', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const email = `new.${world.groupA}@example.test`;
    const res = await call(adam, 'POST', '/agents', {
      email,
      name: 'Nina New',
      role: 'agent',
      password: 'a-long-password',
      groupIds: [world.groupA],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const nina: TestAgent = { id, email, name: 'Nina New', password: 'a-long-password', role: 'agent' };
    const me = await api('/api/me', { headers: { Cookie: await signInAs(nina) } });
    expect(await me.json()).toMatchObject({ agent: { role: 'agent' }, groups: [{ id: world.groupA }] });

    const again = await call(adam, 'POST', '/agents', { email, name: 'Dup', role: 'agent', password: 'a-long-password', groupIds: [] });
    expect(again.status).toBe(409);
    expect(await code(again)).toBe('email_taken');
    const weak = await call(adam, 'POST', '/agents', { email: `x${email}`, name: 'W', role: 'agent', password: 'short', groupIds: [] });
    expect(weak.status).toBe(400);
  });

  it('is the only one who may', async () => {
    const world = await seedWorld();
    for (const who of [world.alice, world.mona]) {
      const res = await call(await signInAs(who), 'GET', '/agents');
      expect(res.status).toBe(403);
      expect(await code(res)).toBe('forbidden');
    }
  });

  it('cannot leave the deployment without an enabled administrator', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    // Make Adam the only enabled administrator for this test's purposes.
    await env.DB.prepare("UPDATE agents SET disabled = 1 WHERE role = 'admin' AND id <> ?").bind(world.adam.id).run();
    expect(await enabledAdmins()).toBe(1);
    const demote = await call(adam, 'PUT', `/agents/${world.adam.id}/role`, { role: 'manager' });
    expect(demote.status).toBe(409);
    expect(await code(demote)).toBe('last_admin');
    const disable = await call(adam, 'PUT', `/agents/${world.adam.id}/disabled`, { disabled: true });
    expect(disable.status).toBe(409);
    expect(await enabledAdmins()).toBe(1);
    // With a second administrator, the first may step down.
    expect((await call(adam, 'PUT', `/agents/${world.mona.id}/role`, { role: 'admin' })).status).toBe(200);
    expect((await call(adam, 'PUT', `/agents/${world.adam.id}/role`, { role: 'manager' })).status).toBe(200);
  });

  it('cannot leave a group without members, nor delete one with open chats', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    // Group B: Bob, Carol, Adam. Remove two; the last stays.
    expect((await call(adam, 'DELETE', `/groups/${world.groupB}/members/${world.bob.id}`)).status).toBe(204);
    expect((await call(adam, 'DELETE', `/groups/${world.groupB}/members/${world.adam.id}`)).status).toBe(204);
    const last = await call(adam, 'DELETE', `/groups/${world.groupB}/members/${world.carol.id}`);
    expect(last.status).toBe(409);
    expect(await code(last)).toBe('last_member');
    const carolDisabled = await call(adam, 'PUT', `/agents/${world.carol.id}/disabled`, { disabled: true });
    expect(carolDisabled.status).toBe(409);
    expect((await call(adam, 'DELETE', `/groups/${world.groupB}/members/${world.alice.id}`)).status).toBe(404);

    const { chatId } = await startChat(world.groupA);
    const del = await call(adam, 'DELETE', `/groups/${world.groupA}`);
    expect(del.status).toBe(409);
    expect(await code(del)).toBe('group_has_open_chats');
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: adam } });
    expect((await call(adam, 'DELETE', `/groups/${world.groupA}`)).status).toBe(204);
  });

  it('creates, renames and lists groups, always with a member', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const empty = await call(adam, 'POST', '/groups', { name: `Empty ${world.groupA}`, memberIds: [] });
    expect(empty.status).toBe(400);
    const made = await call(adam, 'POST', '/groups', { name: `Returns ${world.groupA}`, memberIds: [world.alice.id] });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const taken = await call(adam, 'POST', '/groups', { name: `Returns ${world.groupA}`, memberIds: [world.alice.id] });
    expect(await code(taken)).toBe('name_taken');
    expect((await call(adam, 'PUT', `/groups/${id}`, { name: `Refunds ${world.groupA}` })).status).toBe(200);
    const { groups } = (await (await call(adam, 'GET', '/groups')).json()) as { groups: { id: string; name: string; members: number }[] };
    expect(groups.find((g) => g.id === id)).toMatchObject({ name: `Refunds ${world.groupA}`, members: 1 });
  });

  it("changes an agent's groups live, and signs a disabled agent out everywhere", async () => {
    const world = await seedWorld();
    const [adam, carol] = await Promise.all([signInAs(world.adam), signInAs(world.carol)]);
    const lobby = await connectLobby(carol, world.groupB);
    await lobby.nextOf('welcome' as never);
    expect((await call(adam, 'PUT', `/groups/${world.groupA}/members/${world.carol.id}`)).status).toBe(204);
    let frame = (await lobby.next()) as unknown as LobbyFrame;
    while (frame.type !== 'memberships') frame = (await lobby.next()) as unknown as LobbyFrame;
    expect(frame.groupIds.sort()).toEqual([world.groupA, world.groupB].sort());
    // The chat of her new group is hers to see now.
    const { chatId } = await startChat(world.groupA);
    expect((await api(`/api/chats/${chatId}`, { headers: { Cookie: carol } })).status).toBe(200);

    expect((await call(adam, 'PUT', `/agents/${world.alice.id}/disabled`, { disabled: false })).status).toBe(200);
    const aliceCookie = await signInAs(world.alice);
    expect((await call(adam, 'PUT', `/agents/${world.alice.id}/disabled`, { disabled: true })).status).toBe(200);
    expect((await api('/api/me', { headers: { Cookie: aliceCookie } })).status).toBe(401);
    const again = await api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: world.alice.email, password: world.alice.password }),
    });
    expect(again.status).toBe(401);
  });

  it('resets a password, which signs the agent out', async () => {
    const world = await seedWorld();
    const [adam, bob] = await Promise.all([signInAs(world.adam), signInAs(world.bob)]);
    expect((await call(adam, 'PUT', `/agents/${world.bob.id}/password`, { password: 'brand-new-password' })).status).toBe(204);
    expect((await api('/api/me', { headers: { Cookie: bob } })).status).toBe(401);
    await expect(signInAs({ ...world.bob, password: 'brand-new-password' })).resolves.toMatch(/sb_session=/);
  });
});
