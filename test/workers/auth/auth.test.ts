// Who may ask for what: sessions, visitor tokens, groups and cross-site changes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { issueVisitorToken } from '../../../worker/auth/visitor-token.ts';
import { api, connectAgent, seedWorld, signInAs, startChat, upgradeStatus } from '../helpers.ts';

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('agents', () => {
  it('are refused everything without a session', async () => {
    const world = await seedWorld();
    const { chatId } = await startChat(world.groupA);
    for (const path of ['/api/me', '/api/chats?view=queued', `/api/chats/${chatId}`]) {
      const res = await api(path);
      expect(res.status, path).toBe(401);
      expect(await errorCode(res)).toBe('unauthenticated');
    }
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST' })).status).toBe(401);
    expect(await upgradeStatus(`/api/chats/${chatId}/ws`)).toBe(401);
    expect(await upgradeStatus('/api/lobby/ws')).toBe(401);
    expect(await upgradeStatus(`/api/chats/${chatId}/ws`, { Cookie: 'sb_session=forged' })).toBe(401);
  });

  it('sign in with the right password only, and sign out', async () => {
    const world = await seedWorld();
    const wrong = await api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: world.alice.email, password: 'not-it' }),
    });
    expect(wrong.status).toBe(401);
    expect(await errorCode(wrong)).toBe('bad_credentials');
    const unknown = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'nobody@x.test', password: 'x' }) });
    expect(unknown.status).toBe(401);
    const malformed = await api('/api/auth/login', { method: 'POST', body: '{"email": 5}' });
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('invalid_body');

    const cookie = await signInAs(world.alice);
    const me = await api('/api/me', { headers: { Cookie: cookie } });
    expect(await me.json()).toMatchObject({ agent: { name: 'Alice' }, groups: [{ id: world.groupA }] });
    const set = (await api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: world.alice.email, password: world.alice.password }),
    })).headers.get('set-cookie');
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);

    expect((await api('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } })).status).toBe(204);
    expect((await api('/api/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('see only the chats of their own groups', async () => {
    const world = await seedWorld();
    const carol = await signInAs(world.carol); // group B only
    const { chatId } = await startChat(world.groupA);
    const queued = (await (await api('/api/chats?view=queued', { headers: { Cookie: carol } })).json()) as { chats: { id: string }[] };
    expect(queued.chats.map((c) => c.id)).not.toContain(chatId);
    expect((await api(`/api/chats/${chatId}`, { headers: { Cookie: carol } })).status).toBe(404);
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: carol } })).status).toBe(404);
    expect(await upgradeStatus(`/api/chats/${chatId}/ws`, { Cookie: carol })).toBe(404);
    // Bob is in both groups and may open it.
    const bob = await signInAs(world.bob);
    await expect(connectAgent(chatId, bob)).resolves.toBeDefined();
  });

  it('cannot be made to change anything from another site', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await startChat(world.groupA);
    for (const Origin of ['https://evil.example', '']) {
      const res = await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice, Origin } });
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe('cross_origin');
    }
    const queued = (await (await api('/api/chats?view=queued', { headers: { Cookie: alice } })).json()) as { chats: { id: string }[] };
    expect(queued.chats.map((c) => c.id)).toContain(chatId);
  });

  it('are told clearly when a list view does not exist', async () => {
    const world = await seedWorld();
    const res = await api('/api/chats?view=everything', { headers: { Cookie: await signInAs(world.alice) } });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalid_query');
  });
});

describe('visitors', () => {
  it('hold a token that opens their own chat and no other', async () => {
    const world = await seedWorld();
    const a = await startChat(world.groupA);
    const b = await startChat(world.groupA);
    const path = (id: string, token: string) => `/api/visitor/chats/${id}/ws?token=${encodeURIComponent(token)}`;
    expect(await upgradeStatus(path(a.chatId, a.token))).toBe(101);
    expect(await upgradeStatus(path(b.chatId, a.token))).toBe(401);
    expect(await upgradeStatus(path(a.chatId, 'garbage.token'))).toBe(401);
    expect(await upgradeStatus(path(a.chatId, ''))).toBe(401);
    const expired = await issueVisitorToken(env.TOKEN_SECRET, a.chatId, Date.now() - 1);
    expect(await upgradeStatus(path(a.chatId, expired))).toBe(401);
    const forged = await issueVisitorToken('another-secret', a.chatId, Date.now() + 60_000);
    expect(await upgradeStatus(path(a.chatId, forged))).toBe(401);
    // A visitor token is not an agent session.
    expect(await upgradeStatus(`/api/chats/${a.chatId}/ws?token=${encodeURIComponent(a.token)}`)).toBe(401);
  });

  it('get a clear error for a bad start and nothing is created', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const count = async () =>
      ((await (await api('/api/chats?view=queued', { headers: { Cookie: alice } })).json()) as { chats: unknown[] }).chats.length;
    const before = await count();
    const bad = [
      { body: 'nope', code: 'invalid_body', status: 400 },
      { body: JSON.stringify({ name: '', email: 'v@x.test', question: 'q', groupId: world.groupA }), code: 'invalid_body', status: 400 },
      { body: JSON.stringify({ name: 'V', email: 'not-an-email', question: 'q', groupId: world.groupA }), code: 'invalid_body', status: 400 },
      { body: JSON.stringify({ name: 'V', email: 'v@x.test', question: 'q'.repeat(4001), groupId: world.groupA }), code: 'invalid_body', status: 400 },
      { body: JSON.stringify({ name: 'V', email: 'v@x.test', question: 'q', groupId: 'no-such-group' }), code: 'unknown_group', status: 404 },
    ];
    for (const { body, code, status } of bad) {
      const res = await api('/api/visitor/chats', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(res.status, body.slice(0, 60)).toBe(status);
      expect(await errorCode(res)).toBe(code);
    }
    expect(await count()).toBe(before);
  });
});

describe('unknown routes', () => {
  it('answer with the same JSON error shape', async () => {
    const res = await api('/api/nope');
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('not_found');
  });
});
