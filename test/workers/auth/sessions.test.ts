// Sessions end, everywhere at once if asked; repeated failed sign-ins slow down, then lock;
// colleagues see each other's presence.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PRESENCE_STALE_MS } from '../../../objects/lobby/lobby.ts';
import type { LobbyFrame } from '../../../objects/protocol.ts';
import { LOCK_AFTER_FAILURES, SLOW_AFTER_FAILURES } from '../../../worker/auth/sign-in-throttle.ts';
import { api, connectLobby, ORIGIN, seedWorld, signInAs, type TestSocket } from '../helpers.ts';

const login = (email: string, password: string) => api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });

/** The next presence change the console hears of for this agent. */
async function nextPresence(lobby: TestSocket, agentId: string): Promise<Extract<LobbyFrame, { type: 'presence' }>> {
  for (;;) {
    const f = (await lobby.next()) as unknown as LobbyFrame;
    if (f.type === 'presence' && f.agentId === agentId) return f;
  }
}

describe('sessions', () => {
  it('expire', async () => {
    const world = await seedWorld();
    const cookie = await signInAs(world.alice);
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE agent_id = ?').bind(Date.now() - 1, world.alice.id).run();
    expect((await api('/api/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('can all be ended at once, closing open consoles', async () => {
    const world = await seedWorld();
    const [laptop, phone] = [await signInAs(world.alice), await signInAs(world.alice)];
    const lobby = await connectLobby(phone, world.groupA);
    expect((await api('/api/auth/logout-all', { method: 'POST', headers: { Cookie: laptop } })).status).toBe(204);
    for (const cookie of [laptop, phone]) expect((await api('/api/me', { headers: { Cookie: cookie } })).status).toBe(401);
    await expect.poll(() => lobby.closed).toBe(true);
  });
});

describe('failed sign-ins', () => {
  it('are slowed down, then locked, even for the right password', async () => {
    const world = await seedWorld();
    const email = world.carol.email;
    for (let i = 0; i < SLOW_AFTER_FAILURES; i++) expect((await login(email, 'wrong')).status).toBe(401);
    const slowed = await login(email, world.carol.password);
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(((await slowed.json()) as { error: { code: string } }).error.code).toBe('slow_down');

    // Ten failures in all lock the account; time is simulated by moving the last failure back.
    await env.DB.prepare('UPDATE sign_in_failures SET failures = ?, last_failure_at = 0 WHERE email = ?')
      .bind(LOCK_AFTER_FAILURES - 1, email)
      .run();
    expect((await login(email, 'wrong')).status).toBe(401);
    const locked = await login(email, world.carol.password);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('locked');

    // When the lock has run out the right password works and the count is cleared.
    await env.DB.prepare('UPDATE sign_in_failures SET locked_until = 1 WHERE email = ?').bind(email).run();
    expect((await login(email, world.carol.password)).status).toBe(200);
    expect(await env.DB.prepare('SELECT 1 FROM sign_in_failures WHERE email = ?').bind(email).first()).toBeNull();
  });
});

describe('presence', () => {
  it('is shown to colleagues: online, away, offline', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const bobs = await connectLobby(bob, world.groupA);
    await bobs.next();
    const alices = await connectLobby(alice, world.groupA);
    expect(await nextPresence(bobs, world.alice.id)).toMatchObject({ agentId: world.alice.id, status: 'online' });

    alices.send({ type: 'presence', status: 'away' });
    expect(await nextPresence(bobs, world.alice.id)).toMatchObject({ agentId: world.alice.id, status: 'away' });
    const listed = (await (await api('/api/agents', { headers: { Cookie: bob } })).json()) as {
      agents: { id: string; presence: string }[];
    };
    expect(listed.agents.find((a) => a.id === world.alice.id)?.presence).toBe('away');
    expect(listed.agents.find((a) => a.id === world.carol.id)?.presence).toBe('offline');

    alices.send({ type: 'presence', status: 'offline' });
    expect(await alices.nextOf('error' as never)).toMatchObject({ code: 'invalid_frame' });

    alices.close();
    expect(await nextPresence(bobs, world.alice.id)).toMatchObject({ agentId: world.alice.id, status: 'offline' });
  });

  it("reaches the widget as each group's online count, in one read, and a count gone stale counts as nobody", async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const onlineIn = async (groupId: string) => {
      const config = (await (await api('/api/public/config')).json()) as { groups: { id: string; online: number }[] };
      return config.groups.find((g) => g.id === groupId)?.online;
    };
    expect(await onlineIn(world.groupA)).toBe(0);
    const alices = await connectLobby(alice, world.groupA);
    await alices.next();
    const bobs = await connectLobby(bob, world.groupA);
    await bobs.next();
    // Alice and Bob may sit in different shards of group A: the count is summed over them.
    expect(await onlineIn(world.groupA)).toBe(2);
    alices.send({ type: 'presence', status: 'away' });
    await expect.poll(() => onlineIn(world.groupA)).toBe(1);
    expect(await onlineIn(world.groupB)).toBe(0);
    // A piece that stopped without closing its sockets is not believed once its heartbeat is late.
    await env.DB.prepare('UPDATE group_presence SET updated_at = ? WHERE group_id = ?').bind(Date.now() - PRESENCE_STALE_MS - 1, world.groupA).run();
    expect(await onlineIn(world.groupA)).toBe(0);
    bobs.close();
    alices.close();
  });

  it("answers the loader on any website whether anyone is online, in a group or in any, and refuses an unknown group", async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const online = async (query: string) => {
      const res = await api(`/api/public/online${query}`, { headers: { Origin: 'https://shop.example' } });
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
      return ((await res.json()) as { online: boolean }).online;
    };
    expect(await online(`?group=${world.groupA}`)).toBe(false);
    const lobby = await connectLobby(alice, world.groupA);
    await lobby.next();
    expect(await online(`?group=${world.groupA}`)).toBe(true);
    expect(await online(`?group=${world.groupB}`)).toBe(false);
    expect(await online('')).toBe(true);
    const unknown = await api('/api/public/online?group=no-such-group');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_group');
    lobby.close();
  });

  it('says whether the request is signed in, always with 200, and who it is', async () => {
    const world = await seedWorld();
    const out = await api('/api/auth/session');
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ signedIn: false });
    const alice = await signInAs(world.alice);
    const signedIn = (await (await api('/api/auth/session', { headers: { Cookie: alice } })).json()) as { signedIn: boolean; me: { agent: { id: string }; groups: { id: string }[] } };
    expect(signedIn.signedIn).toBe(true);
    expect(signedIn.me.agent.id).toBe(world.alice.id);
    expect(signedIn.me.groups.map((g) => g.id)).toEqual([world.groupA]);
    await api('/api/auth/logout', { method: 'POST', headers: { Cookie: alice, Origin: ORIGIN } });
    expect(await (await api('/api/auth/session', { headers: { Cookie: alice } })).json()).toEqual({ signedIn: false });
  });
});

