// The customer's side: knowledge-base suggestions and deflections, live chat links and custom
// fields, messages left offline, files in R2, the post-chat survey and transcripts by email.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../objects/protocol.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat } from '../helpers.ts';

const json = (method: string, path: string, cookie: string | null, body?: unknown) =>
  api(path, { method, headers: cookie ? { Cookie: cookie } : {}, body: body === undefined ? undefined : JSON.stringify(body) });

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function article(adam: string, title: string, body: string, publish = true): Promise<string> {
  const res = await json('POST', '/api/admin/kb', adam, { title, body });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  if (publish) expect((await json('POST', `/api/admin/kb/${id}/publish`, adam)).status).toBe(200);
  return id;
}

async function search(q: string): Promise<{ id: string; title: string; snippet: string }[]> {
  const res = await api(`/api/public/kb/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { articles: { id: string; title: string; snippet: string }[] }).articles;
}

describe('knowledge base', () => {
  it('suggests published articles that match the question, best first, and never drafts', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const tag = world.groupA.replace(/[^a-z0-9]/gi, '').toLowerCase();
    const best = await article(adam, `Resetting your ${tag} password`, `To reset a ${tag} password, open Settings and choose Reset password.`);
    const other = await article(adam, `Shipping ${tag} times`, `Orders ship in two days. Password not needed.`);
    const draft = await article(adam, `Secret ${tag} draft`, `internal ${tag} password notes`, false);

    const found = (await search(`How do I reset my ${tag} password?`)).map((a) => a.id);
    expect(found[0]).toBe(best);
    expect(found).toContain(other);
    expect(found).not.toContain(draft);
    expect((await api(`/api/public/kb/articles/${draft}`)).status).toBe(404);

    // Unpublishing takes an article out of the search at once; editing re-indexes it.
    await json('POST', `/api/admin/kb/${best}/unpublish`, adam);
    expect((await search(`reset ${tag} password`)).map((a) => a.id)).not.toContain(best);
    await json('PUT', `/api/admin/kb/${other}`, adam, { title: `Delivery ${tag} times`, body: 'Orders ship in two days.' });
    expect((await search("password")).map((a) => a.id)).not.toContain(other);
    expect((await api('/api/public/kb/search?q=')).status).toBe(400);
    expect(await search('"; DROP TABLE kb_articles; --')).toBeInstanceOf(Array);
  });

  it('counts a deflection when an article solved the problem, and no chat is created', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const id = await article(adam, 'Opening hours', 'We are open 9 to 5.');
    const before = (await (await json('GET', '/api/admin/kb/stats', adam)).json()) as { deflections: number; chatsStarted: number };
    const res = await json('POST', '/api/public/kb/deflections', null, { articleId: id, groupId: world.groupA, question: 'When are you open?' });
    expect(res.status).toBe(201);
    const after = (await (await json('GET', '/api/admin/kb/stats', adam)).json()) as {
      deflections: number;
      chatsStarted: number;
      articles: { id: string; deflections: number }[];
    };
    expect(after.deflections).toBe(before.deflections + 1);
    expect(after.articles.find((a) => a.id === id)?.deflections).toBe(1);
    expect(after.chatsStarted).toBe(before.chatsStarted);
  });
});

describe('live chat links and custom fields', () => {
  it('start a chat in the link’s group with its preset fields, and check the fields given', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    // Keys and slugs are lower-case letters, digits and dashes: made from the test's random tag.
    const safe = (id: string) => id.slice(3).toLowerCase().replace(/[^a-z0-9]/g, 'x');
    const key = `plan-${safe(world.groupA)}`;
    expect((await json('POST', '/api/admin/fields', adam, { key, label: 'Plan', type: 'select', options: ['free', 'pro'] })).status).toBe(201);
    const slug = `orders-${safe(world.groupB)}`;
    expect((await json('POST', '/api/admin/links', adam, { slug, name: 'Orders', groupId: world.groupB, fields: { [key]: 'pro' } })).status).toBe(201);

    const config = (await (await api(`/api/public/config?link=${slug}`)).json()) as { link: { groupId: string }; fields: { key: string }[] };
    expect(config.link.groupId).toBe(world.groupB);
    expect(config.fields.map((f) => f.key)).toContain(key);
    expect((await api('/api/public/config?link=nope')).status).toBe(404);

    const start = (body: Record<string, unknown>) =>
      json('POST', '/api/visitor/chats', null, { name: 'Lin', email: 'lin@example.test', question: 'Where is it?', groupId: world.groupA, ...body });
    const viaLink = await start({ link: slug, fields: { [key]: 'free', unknown: 'dropped' } });
    expect(viaLink.status).toBe(201);
    const { chatId } = (await viaLink.json()) as { chatId: string };
    const row = await env.DB.prepare('SELECT group_id AS g, custom_fields AS f FROM chats WHERE id = ?').bind(chatId).first<{ g: string; f: string }>();
    expect(row?.g).toBe(world.groupB);
    expect(JSON.parse(row!.f)).toEqual({ [key]: 'pro' });

    const bad = await start({ fields: { [key]: 'enterprise' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_field', field: key } });
    const redirect = await api(`/chat/${slug}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/widget.html?link=${slug}`);
    expect((await json('DELETE', `/api/admin/fields/${key}`, adam)).status).toBe(204);
  });
});

describe('messages left offline', () => {
  it('reach the agents of the group, who mark them handled', async () => {
    const world = await seedWorld();
    const carol = await signInAs(world.carol);
    const alice = await signInAs(world.alice);
    const res = await json('POST', '/api/visitor/messages', null, { name: 'Otto', email: 'otto@example.test', message: 'Please call me', groupId: world.groupB });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const list = async (cookie: string, state = 'open') =>
      ((await (await json('GET', `/api/messages?state=${state}`, cookie)).json()) as { messages: { id: string }[] }).messages.map((m) => m.id);
    expect(await list(carol)).toContain(id);
    expect(await list(alice)).not.toContain(id);
    expect((await json('POST', `/api/messages/${id}/handled`, alice)).status).toBe(404);
    expect((await json('POST', `/api/messages/${id}/handled`, carol)).status).toBe(200);
    expect(await list(carol)).not.toContain(id);
    expect(await list(carol, 'handled')).toContain(id);
    expect((await json('POST', '/api/visitor/messages', null, { name: 'O', email: 'x', message: 'm', groupId: world.groupB })).status).toBe(400);
  });
});

describe('files', () => {
  const upload = (path: string, body: BodyInit, type: string, name: string, cookie?: string) =>
    api(path, { method: 'POST', body, headers: { 'content-type': type, 'x-filename': encodeURIComponent(name), ...(cookie ? { Cookie: cookie } : {}) } });

  it('go to R2, appear in the chat for both sides, and come back as downloads', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const agent = await connectAgent(chatId, alice);
    await agent.replay();
    const res = await upload(`/api/visitor/chats/${chatId}/files?token=${encodeURIComponent(token)}`, 'order 1234', 'text/plain', 'my order.txt');
    expect(res.status).toBe(201);
    const { file } = (await res.json()) as { file: { id: string; filename: string; size: number } };
    expect(file).toMatchObject({ filename: 'my order.txt', size: 10 });
    const event = (await agent.nextOf('event')).event as Extract<ChatEvent, { kind: 'file' }>;
    expect(event).toMatchObject({ kind: 'file', file: { id: file.id }, from: { role: 'visitor' } });

    const staffCopy = await api(`/api/chats/${chatId}/files/${file.id}`, { headers: { Cookie: alice } });
    expect(await staffCopy.text()).toBe('order 1234');
    expect(staffCopy.headers.get('content-disposition')).toMatch(/^attachment/);
    expect((await api(`/api/visitor/chats/${chatId}/files/${file.id}?token=${encodeURIComponent(token)}`)).status).toBe(200);
    expect(await env.FILES.get(`chats/${chatId}/${file.id}`)).not.toBeNull();
  });

  it('are refused over the size limit, of a type not allowed, without a name, or after the end, leaving nothing behind', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const path = `/api/visitor/chats/${chatId}/files?token=${encodeURIComponent(token)}`;
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const cases: [Response, number, string][] = [
      [await upload(path, big, 'application/pdf', 'big.pdf'), 413, 'file_too_large'],
      [await upload(path, '<svg onload=alert(1)>', 'image/svg+xml', 'x.svg'), 415, 'unsupported_type'],
      [await upload(path, 'x', 'text/html', 'x.html'), 415, 'unsupported_type'],
      [await upload(path, 'x', 'text/plain', ''), 400, 'invalid_file'],
      [await upload(path, '', 'text/plain', 'empty.txt'), 400, 'invalid_file'],
    ];
    for (const [res, status, expected] of cases) {
      expect(res.status).toBe(status);
      expect(await code(res)).toBe(expected);
    }
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    const late = await upload(path, 'late', 'text/plain', 'late.txt');
    expect(late.status).toBe(409);
    const stored = await env.FILES.list({ prefix: `chats/${chatId}/` });
    expect(stored.objects).toHaveLength(0);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM attachments WHERE chat_id = ?').bind(chatId).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});

describe('after the chat', () => {
  it('takes one survey, which the agent sees and the visitor’s stream does not carry', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const unanswered = await startChat(world.groupA);
    await api(`/api/chats/${unanswered.chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    const noAgent = await json('POST', `/api/visitor/chats/${unanswered.chatId}/survey?token=${encodeURIComponent(unanswered.token)}`, null, { rating: 3 });
    expect(await code(noAgent)).toBe('not_allowed');
    const { chatId, token } = await startChat(world.groupA);
    const rate = (body: unknown) => json('POST', `/api/visitor/chats/${chatId}/survey?token=${encodeURIComponent(token)}`, null, body);
    expect(await code(await rate({ rating: 5 }))).toBe('not_ended');
    await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    expect((await rate({ rating: 9 })).status).toBe(400);
    expect((await rate({ rating: 4, comment: 'Quick and kind.' })).status).toBe(201);
    expect(await code(await rate({ rating: 1 }))).toBe('already_rated');

    const staff = (await (await json('GET', `/api/chats/${chatId}/transcript`, alice)).json()) as { events: ChatEvent[] };
    expect(staff.events.at(-1)).toMatchObject({ kind: 'survey', rating: 4, comment: 'Quick and kind.' });
    const visitor = await connectVisitor(chatId, token);
    expect((await visitor.replay()).some((e) => e.kind === 'survey')).toBe(false);
  });

  it('emails the transcript only once the chat has ended, to valid addresses', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const visitorEmail = (body: unknown) => json('POST', `/api/visitor/chats/${chatId}/transcript-email?token=${encodeURIComponent(token)}`, null, body);
    expect(await code(await visitorEmail({}))).toBe('not_ended');
    await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    expect((await visitorEmail({})).status).toBe(202);
    expect((await visitorEmail({ email: 'a@x.test; b@x.test' })).status).toBe(400);
    // Only the chat's own address (the helpers start chats as vera@example.test).
    expect(await code(await visitorEmail({ email: 'me@x.test' }))).toBe('not_your_address');
    expect((await visitorEmail({ email: 'Vera@Example.test' })).status).toBe(202);
    expect((await visitorEmail({})).status).toBe(202);
    const fourth = await visitorEmail({});
    expect(fourth.status).toBe(429);
    expect(await code(fourth)).toBe('too_many_emails');
    const staff = (addresses: string) => json('POST', `/api/chats/${chatId}/transcript-email`, alice, { addresses });
    expect((await staff('one@example.test; two@example.test')).status).toBe(202);
    expect((await staff('not-an-address')).status).toBe(400);
  });
});
