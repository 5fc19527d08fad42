// Limits that hold however the requests arrive: sign-in guesses in parallel, one address trying
// many emails, sign-in from another site, a socket flooding a chat, the transcript form as a mail
// relay, and chat starts from one address.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SEND_BURST, SEND_RATE_PER_SECOND } from '../../../objects/chat/rate.ts';
import { LOCK_AFTER_FAILURES, SLOW_AFTER_FAILURES } from '../../../worker/auth/sign-in-throttle.ts';
import { MAX_VISITOR_FILES } from '../../../worker/chats/files.ts';
import { api, connectVisitor, seedWorld, signInAs, startChat } from '../helpers.ts';

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  api('/api/auth/login', { method: 'POST', headers, body: JSON.stringify({ email, password }) });
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
/** A documentation address (RFC 5737) of its own per test, so limits per address never collide. */
const someAddress = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID().slice(0, 8)}`;

describe('sign-in throttling', () => {
  it('holds under parallel guesses: every guess counts, and only the first few are tried', async () => {
    const world = await seedWorld();
    const answers = await Promise.all(Array.from({ length: 30 }, () => login(world.carol.email, 'wrong')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SLOW_AFTER_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - SLOW_AFTER_FAILURES);
    const record = await env.DB.prepare('SELECT failures FROM sign_in_failures WHERE email = ?').bind(world.carol.email).first<{ failures: number }>();
    expect(record?.failures).toBe(SLOW_AFTER_FAILURES);
    // The right password waits its turn too.
    expect((await login(world.carol.email, world.carol.password)).status).toBe(429);
  });

  it('locks after ten guesses spread out in time, and the owner gets back in once the lock runs out', async () => {
    const world = await seedWorld();
    const email = world.carol.email;
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      // Each guess arrives once the previous wait is over (time is moved back rather than waited).
      await env.DB.prepare('UPDATE sign_in_failures SET last_failure_at = 0 WHERE email = ?').bind(email).run();
      expect((await login(email, 'wrong')).status).toBe(401);
    }
    const locked = await login(email, world.carol.password);
    expect(locked.status).toBe(429);
    expect(await codeOf(locked)).toBe('locked');
    await env.DB.prepare('UPDATE sign_in_failures SET locked_until = 1 WHERE email = ?').bind(email).run();
    expect((await login(email, world.carol.password)).status).toBe(200);
  });

  it('can be lifted by an administrator', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    await env.DB.prepare('INSERT INTO sign_in_failures (email, failures, last_failure_at, locked_until) VALUES (?, 10, ?, ?)')
      .bind(world.carol.email, Date.now(), Date.now() + 60_000)
      .run();
    expect((await login(world.carol.email, world.carol.password)).status).toBe(429);
    const unlock = await api(`/api/admin/agents/${world.carol.id}/unlock`, { method: 'POST', headers: { Cookie: adam } });
    expect(unlock.status).toBe(204);
    expect((await login(world.carol.email, world.carol.password)).status).toBe(200);
  });

  it('slows one address trying many emails', async () => {
    const headers = { 'CF-Connecting-IP': someAddress() };
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await login(`nobody-${i}.${crypto.randomUUID()}@example.test`, 'guess', headers)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another address is not slowed by it.
    expect((await login(`someone.${crypto.randomUUID()}@example.test`, 'guess', { 'CF-Connecting-IP': someAddress() })).status).toBe(401);
  });
});

describe('sign-in from another site (login CSRF)', () => {
  it('is refused with a foreign Origin, and signs nobody in', async () => {
    const world = await seedWorld();
    const res = await login(world.alice.email, world.alice.password, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('cross_origin');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('is refused as text/plain (a form another site can post without asking), and every JSON route is too', async () => {
    const world = await seedWorld();
    const body = JSON.stringify({ email: world.alice.email, password: world.alice.password });
    const res = await api('/api/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(res.status).toBe(415);
    expect(await codeOf(res)).toBe('unsupported_media_type');
    expect(res.headers.get('set-cookie')).toBeNull();
    const start = await api('/api/visitor/chats', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ name: 'V', email: 'v@example.test', question: 'Hi', groupId: world.groupA }),
    });
    expect(start.status).toBe(415);
  });
});

describe('a socket flooding a chat', () => {
  it('is refused past its burst with rate_limited, keeps its socket, and what was stored is within the bucket', async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    const started = Date.now();
    for (let i = 0; i < 200; i++) visitor.send({ type: 'send', id: `flood-${i}`, text: `flood ${i}` });
    const isFlood = (f: (typeof visitor.frames)[number]) =>
      (f.type === 'event' && f.event.kind === 'message' && f.event.text.startsWith('flood')) || (f.type === 'error' && f.id?.startsWith('flood'));
    await expect.poll(() => visitor.frames.filter(isFlood).length, { timeout: 10_000 }).toBe(200);
    const elapsedS = (Date.now() - started) / 1000;
    const stored = visitor.frames.filter((f) => isFlood(f) && f.type === 'event').length;
    const limited = visitor.frames.filter((f) => isFlood(f) && f.type === 'error' && f.code === 'rate_limited').length;
    expect(stored + limited).toBe(200);
    expect(stored).toBeGreaterThanOrEqual(SEND_BURST);
    expect(stored).toBeLessThanOrEqual(SEND_BURST + Math.ceil(elapsedS * SEND_RATE_PER_SECOND) + 1);
    expect(visitor.closed).toBe(false);
    // Resending an id already stored is answered (ack), never refused as a flood.
    visitor.send({ type: 'send', id: 'flood-0', text: 'flood 0' });
    expect((await visitor.nextOf('ack')).id).toBe('flood-0');
  });
});

describe('the transcript form as a mail relay', () => {
  it("sends a customer's copy only to the address the chat was started with", async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const alice = await signInAs(world.alice);
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    const path = `/api/visitor/chats/${chatId}/transcript-email?token=${encodeURIComponent(token)}`;
    const elsewhere = await api(path, { method: 'POST', body: JSON.stringify({ email: 'stranger@example.test' }) });
    expect(elsewhere.status).toBe(400);
    expect(await codeOf(elsewhere)).toBe('not_your_address');
    expect((await api(path, { method: 'POST', body: JSON.stringify({}) })).status).toBe(202);
  });

  it('cannot be fed by starting chats without limit from one address', async () => {
    const world = await seedWorld();
    const headers = { 'CF-Connecting-IP': someAddress() };
    const start = () =>
      api('/api/visitor/chats', {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Spam', email: 'spam@example.test', question: 'Buy now', groupId: world.groupA }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await start()).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toBe('rate_limited');
    const made = await env.DB.prepare('SELECT COUNT(*) AS n FROM chats WHERE group_id = ?').bind(world.groupA).first<{ n: number }>();
    expect(made?.n).toBe(10);
  });
});

describe('headers on every answer of the API', () => {
  it('say nosniff, no framing and no referrer', async () => {
    const res = await api('/api/public/groups');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const refused = await api('/api/me');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the same limits elsewhere (found by looking for the same class of fault)', () => {
  it('limits messages left and articles marked helpful per address too', async () => {
    const world = await seedWorld();
    const headers = { 'CF-Connecting-IP': someAddress() };
    const leave = () =>
      api('/api/visitor/messages', {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Spam', email: 'spam@example.test', message: 'Buy now', groupId: world.groupA }),
      });
    for (let i = 0; i < 10; i++) expect((await leave()).status).toBe(201);
    const refused = await leave();
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toBe('rate_limited');
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM offline_messages WHERE group_id = ?').bind(world.groupA).first<{ n: number }>();
    expect(left?.n).toBe(10);
  });

  it("caps the files a customer can put in one chat", async () => {
    const world = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const upload = () =>
      api(`/api/visitor/chats/${chatId}/files?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-filename': 'note.txt' },
        body: 'x',
      });
    for (let i = 0; i < MAX_VISITOR_FILES; i++) expect((await upload()).status).toBe(201);
    const refused = await upload();
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toBe('too_many_files');
    expect((await env.FILES.list({ prefix: `chats/${chatId}/` })).objects).toHaveLength(MAX_VISITOR_FILES);
  });

  it('refuses names that reorder their text and text that is not valid Unicode in what visitors type', async () => {
    const world = await seedWorld();
    const start = (name: string, question: string) =>
      api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name, email: 'v@example.test', question, groupId: world.groupA }) });
    expect((await start('Eve\u202Enimda', 'Hello')).status).toBe(400);
    expect((await start('Eve', 'broken \uFFFD text')).status).toBe(400);
    expect((await start('Eve', 'half \ud83d')).status).toBe(400);
    expect((await start('Ünal Şahin', 'مرحبا, where is my order?')).status).toBe(201);
  });
});
