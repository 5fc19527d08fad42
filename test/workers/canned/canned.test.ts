// Canned replies against the real stack (D1, R2, the chat's object): who sees which reply and who
// may change which, refusals that change nothing (an unknown variable, a shortcut taken in the
// scope), variables filled from the chat with their fallbacks, files kept in R2 and sent into a
// chat as the customer's file events, and authority read at the moment of use.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CannedFillResponse, CannedListResponse, CannedReply, CannedReplyResponse, CannedSendFilesResponse } from '../../../worker/canned/wire.ts';
import { api, connectVisitor, seedWorld, signInAs, startChat, type World } from '../helpers.ts';

const call = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function errorOf(res: Response): Promise<{ code: string; message: string; unknown?: string[]; field?: string }> {
  return ((await res.json()) as { error: { code: string; message: string; unknown?: string[]; field?: string } }).error;
}

async function create(cookie: string, body: Record<string, unknown>): Promise<CannedReply> {
  const res = await call('POST', '/api/canned', cookie, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as CannedReplyResponse).reply;
}

/**
 * The titles listed, sorted. Shared replies are everyone's (and an administrator manages every
 * group's), across the tests' worlds: those of other libraries are left out, and this library's
 * shared one is named without its tag.
 */
async function titles(lib: Library, cookie: string, query = ''): Promise<string[]> {
  const res = await call('GET', `/api/canned${query}`, cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as CannedListResponse).replies.flatMap((r) => mine(lib, r)).sort();
}

function mine(lib: Library, r: CannedReply): string[] {
  if (r.scope === 'group') return [lib.world.groupA, lib.world.groupB].includes(r.groupId ?? '') ? [r.title] : [];
  if (r.scope === 'personal') return [r.title];
  return r.title.endsWith(` ${lib.tag}`) ? [r.title.slice(0, -lib.tag.length - 1)] : [];
}

/** A small PDF (its first bytes say so, as the upload check wants). */
const PDF = new TextEncoder().encode('%PDF-1.4\n% returns label\n');

function upload(cookie: string, replyId: string, name: string, type: string, bytes: Uint8Array<ArrayBuffer>) {
  return api(`/api/canned/${replyId}/files`, { method: 'POST', headers: { Cookie: cookie, 'content-type': type, 'x-filename': encodeURIComponent(name) }, body: bytes });
}

interface Library {
  tag: string;
  world: World;
  cookies: Record<'alice' | 'bob' | 'carol' | 'mona' | 'adam', string>;
  shared: CannedReply;
  groupA: CannedReply;
  alicesOwn: CannedReply;
  carolsOwn: CannedReply;
}

/** One reply of each scope: a shared one (Adam), group A's (Mona, its manager), Alice's and Carol's own. */
async function library(): Promise<Library> {
  const world = await seedWorld();
  const [alice, bob, carol, mona, adam] = await Promise.all([world.alice, world.bob, world.carol, world.mona, world.adam].map(signInAs));
  const cookies = { alice: alice!, bob: bob!, carol: carol!, mona: mona!, adam: adam! };
  const tag = crypto.randomUUID().slice(0, 8);
  const shared = await create(cookies.adam, { scope: 'shared', folder: 'Greetings', title: `Welcome ${tag}`, shortcut: `#Hello-${tag}`, body: 'Hi {{customer.first_name|there}}!' });
  const groupA = await create(cookies.mona, { scope: 'group', groupId: world.groupA, folder: 'Sales', title: 'Discount', shortcut: 'discount', body: '10% off today.' });
  const alicesOwn = await create(cookies.alice, { scope: 'personal', title: 'My sign-off', shortcut: 'bye', body: 'Cheers, {{agent.first_name}}' });
  const carolsOwn = await create(cookies.carol, { scope: 'personal', title: 'Carol’s note', body: 'Billing hours are 9–5.' });
  return { tag, world, cookies, shared, groupA, alicesOwn, carolsOwn };
}

describe('scopes', () => {
  it('give each person the shared replies, their groups’ and their own, and a shortcut as typed after #', async () => {
    const lib = await library();
    const { cookies, shared } = lib;
    expect(shared).toMatchObject({ scope: 'shared', shortcut: `hello-${lib.tag}`, folder: 'Greetings', groupId: null, ownerId: null, mayUse: true, mayChange: true });
    expect(await titles(lib, cookies.alice)).toEqual(['Discount', 'My sign-off', 'Welcome']);
    expect(await titles(lib, cookies.carol)).toEqual(['Carol’s note', 'Welcome']);
    expect(await titles(lib, cookies.bob)).toEqual(['Discount', 'Welcome']);
    // The search looks in titles, shortcuts, folders and text.
    expect(await titles(lib, cookies.alice, '?q=sales')).toEqual(['Discount']);
    expect(await titles(lib, cookies.alice, '?q=%25')).toEqual(['Discount']);
    expect(await titles(lib, cookies.alice, '?q=agent.first')).toEqual(['My sign-off']);
  });

  it('let each change only what their role and groups allow, and hide others’ personal replies even from administrators', async () => {
    const lib = await library();
    const { world, cookies, shared, groupA, alicesOwn, carolsOwn } = lib;
    // What each may manage.
    expect(await titles(lib, cookies.adam, '?view=manage')).toEqual(['Discount', 'Welcome']);
    expect(await titles(lib, cookies.mona, '?view=manage')).toEqual(['Discount']);
    expect(await titles(lib, cookies.alice, '?view=manage')).toEqual(['My sign-off']);
    const listed = ((await (await call('GET', '/api/canned', cookies.alice)).json()) as CannedListResponse).replies;
    expect(Object.fromEntries(listed.flatMap((r) => mine(lib, r).map((title) => [title, r.mayChange])))).toEqual({ Discount: false, 'My sign-off': true, Welcome: false });

    // Writing: shared is for administrators, a group's for its managers (and administrators).
    const refusals = [
      await call('POST', '/api/canned', cookies.alice, { scope: 'shared', title: 'T', body: 'B' }),
      await call('POST', '/api/canned', cookies.mona, { scope: 'shared', title: 'T', body: 'B' }),
      await call('POST', '/api/canned', cookies.alice, { scope: 'group', groupId: world.groupA, title: 'T', body: 'B' }),
      await call('POST', '/api/canned', cookies.mona, { scope: 'group', groupId: world.groupB, title: 'T', body: 'B' }),
      await call('PATCH', `/api/canned/${shared.id}`, cookies.alice, { title: 'Mine now' }),
      await call('DELETE', `/api/canned/${groupA.id}`, cookies.bob),
    ];
    for (const res of refusals) expect([res.status, (await errorOf(res)).code]).toEqual([403, 'not_allowed']);
    // A reply someone may neither use nor change does not exist for them.
    expect((await call('PATCH', `/api/canned/${alicesOwn.id}`, cookies.adam, { title: 'Read it' })).status).toBe(404);
    expect((await call('DELETE', `/api/canned/${carolsOwn.id}`, cookies.alice)).status).toBe(404);
    expect((await call('PATCH', `/api/canned/${groupA.id}`, cookies.carol, { title: 'x' })).status).toBe(404);
    expect(await titles(lib, cookies.alice)).toEqual(['Discount', 'My sign-off', 'Welcome']);

    // What each may change, they change.
    expect((await call('PATCH', `/api/canned/${groupA.id}`, cookies.adam, { title: 'Discount (spring)' })).status).toBe(200);
    expect((await call('PATCH', `/api/canned/${alicesOwn.id}`, cookies.alice, { shortcut: null, folder: 'Mine' })).status).toBe(200);
    expect((await call('DELETE', `/api/canned/${carolsOwn.id}`, cookies.carol)).status).toBe(204);
    expect(await titles(lib, cookies.alice)).toEqual(['Discount (spring)', 'My sign-off', 'Welcome']);
    expect(await titles(lib, cookies.carol)).toEqual(['Welcome']);
  });

  it('follow the caller’s groups at the moment of use', async () => {
    const lib = await library();
    const { world, cookies, groupA } = lib;
    await env.DB.prepare('DELETE FROM memberships WHERE agent_id = ? AND group_id = ?').bind(world.mona.id, world.groupA).run();
    expect(await titles(lib, cookies.mona)).toEqual(['Welcome']);
    expect((await call('PATCH', `/api/canned/${groupA.id}`, cookies.mona, { title: 'Still mine?' })).status).toBe(404);
  });
});

describe('refusals change nothing', () => {
  it('an unknown variable or an undefined custom field is refused by name', async () => {
    const lib = await library();
    const { cookies, alicesOwn } = lib;
    const res = await call('POST', '/api/canned', cookies.alice, { scope: 'personal', title: 'Typo', body: 'Dear {{customer.nmae}}, your {{field.no-such-field}}' });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'unknown_variable', field: 'body', unknown: ['{{customer.nmae}}', '{{field.no-such-field}}'] });
    expect(error.message).toContain('Unknown variables: {{customer.nmae}}, {{field.no-such-field}}.');
    const edit = await call('PATCH', `/api/canned/${alicesOwn.id}`, cookies.alice, { title: 'Renamed', body: 'Bye {{agent.first_name' });
    expect([edit.status, (await errorOf(edit)).code]).toEqual([400, 'unknown_variable']);
    // Nothing saved: no new reply, the old one as it was.
    expect(await titles(lib, cookies.alice)).toEqual(['Discount', 'My sign-off', 'Welcome']);
    const row = await env.DB.prepare('SELECT title, body FROM canned_replies WHERE id = ?').bind(alicesOwn.id).first();
    expect(row).toEqual({ title: 'My sign-off', body: 'Cheers, {{agent.first_name}}' });
  });

  it('two editors of one reply: the second save, made from the old version, is refused and undoes nothing', async () => {
    const lib = await library();
    const { cookies, groupA } = lib;
    const read = ((await (await call('GET', '/api/canned?view=manage', cookies.mona)).json()) as { replies: { id: string; updatedAt: number }[] }).replies.find((r) => r.id === groupA.id)!;
    const first = await call('PATCH', `/api/canned/${groupA.id}`, cookies.mona, { title: 'Discount (spring)', updatedAt: read.updatedAt });
    expect(first.status).toBe(200);
    const second = await call('PATCH', `/api/canned/${groupA.id}`, cookies.adam, { body: 'A new text', updatedAt: read.updatedAt });
    expect([second.status, (await errorOf(second)).code]).toEqual([409, 'edit_conflict']);
    const row = await env.DB.prepare('SELECT title, body FROM canned_replies WHERE id = ?').bind(groupA.id).first<{ title: string; body: string }>();
    expect(row?.title).toBe('Discount (spring)');
    expect(row?.body).not.toBe('A new text');
    // An edit of a reply deleted meanwhile says so.
    await call('DELETE', `/api/canned/${groupA.id}`, cookies.adam);
    expect((await call('PATCH', `/api/canned/${groupA.id}`, cookies.mona, { title: 'Gone?' })).status).toBe(404);
  });

  it('a shortcut is taken once in a scope: another person, or another scope, may have it', async () => {
    const lib = await library();
    const { cookies, alicesOwn, shared } = lib;
    const again = await call('POST', '/api/canned', cookies.alice, { scope: 'personal', title: 'Bye again', shortcut: 'BYE', body: 'See you' });
    expect([again.status, (await errorOf(again)).code]).toEqual([409, 'shortcut_taken']);
    const second = await create(cookies.alice, { scope: 'personal', title: 'Second', shortcut: 'later', body: 'Later!' });
    const clash = await call('PATCH', `/api/canned/${second.id}`, cookies.alice, { shortcut: 'bye' });
    expect([clash.status, (await errorOf(clash)).code]).toEqual([409, 'shortcut_taken']);
    await create(cookies.bob, { scope: 'personal', title: 'Bob’s bye', shortcut: 'bye', body: 'Bye from Bob' });
    await create(cookies.alice, { scope: 'personal', title: 'My hello', shortcut: shared.shortcut, body: 'Hello from me' });
    const bad = await call('POST', '/api/canned', cookies.alice, { scope: 'personal', title: 'Spaces', shortcut: 'two words', body: 'x' });
    expect([bad.status, (await errorOf(bad)).field]).toEqual([400, 'shortcut']);
    expect(await titles(lib, cookies.alice)).toEqual(['Discount', 'My hello', 'My sign-off', 'Second', 'Welcome']);
    expect([alicesOwn.shortcut, shared.shortcut]).toEqual(['bye', `hello-${lib.tag}`]);
  });
});

describe('filling a reply for a chat', () => {
  it('puts the customer, the agent, the group and the chat’s custom fields in place, with fallbacks', async () => {
    const { world, cookies } = await library();
    const key = `order-${crypto.randomUUID().slice(0, 8)}`;
    expect((await call('POST', '/api/admin/fields', cookies.adam, { key, label: 'Order number', type: 'text' })).status).toBe(201);
    const reply = await create(cookies.adam, {
      scope: 'shared',
      title: 'Order status',
      body: 'Hi {{customer.first_name|there}} ({{customer.email}}), {{agent.first_name}} of {{group.name}} here: order {{field.' + key + '|unknown}}. — {{agent.name}}',
    });
    const started = await api('/api/visitor/chats', {
      method: 'POST',
      body: JSON.stringify({ name: 'Rita Customer', email: 'rita@example.test', question: 'Where is it?', groupId: world.groupA, fields: { [key]: '1042' } }),
    });
    const { chatId } = (await started.json()) as { chatId: string };
    const filled = await call('POST', `/api/canned/${reply.id}/fill`, cookies.alice, { chatId });
    expect(filled.status).toBe(200);
    const group = await env.DB.prepare('SELECT name FROM groups WHERE id = ?').bind(world.groupA).first<{ name: string }>();
    expect(((await filled.json()) as CannedFillResponse).text).toBe(`Hi Rita (rita@example.test), Alice of ${group!.name} here: order 1042. — Alice`);

    // A chat without the field: the fallback stands in.
    const other = await startChat(world.groupA);
    const second = (await (await call('POST', `/api/canned/${reply.id}/fill`, cookies.bob, { chatId: other.chatId })).json()) as CannedFillResponse;
    expect(second.text).toMatch(/^Hi Vera \(vera@example\.test\), Bob of .+ here: order unknown\. — Bob$/);
  });

  it('is refused to a caller outside the chat’s group, at the moment they ask', async () => {
    const { world, cookies, shared, alicesOwn } = await library();
    const { chatId } = await startChat(world.groupA);
    const carol = await call('POST', `/api/canned/${shared.id}/fill`, cookies.carol, { chatId });
    expect([carol.status, (await errorOf(carol)).code]).toEqual([404, 'not_found']);
    // Someone else's personal reply cannot be filled, even for a chat one may see.
    expect((await call('POST', `/api/canned/${alicesOwn.id}/fill`, cookies.bob, { chatId })).status).toBe(404);
    expect((await call('POST', `/api/canned/${shared.id}/fill`, cookies.alice, { chatId })).status).toBe(200);
    await env.DB.prepare('DELETE FROM memberships WHERE agent_id = ? AND group_id = ?').bind(world.alice.id, world.groupA).run();
    expect((await call('POST', `/api/canned/${shared.id}/fill`, cookies.alice, { chatId })).status).toBe(404);
  });
});

describe('files', () => {
  it('are kept in R2 with the reply and sent into a chat as file events the customer receives', async () => {
    const { world, cookies, shared } = await library();
    const stored = await upload(cookies.adam, shared.id, 'Returns label.pdf', 'application/pdf', PDF);
    expect(stored.status, await stored.clone().text()).toBe(201);
    const { file } = (await stored.json()) as { file: { id: string; filename: string; size: number } };
    expect(file).toMatchObject({ filename: 'Returns label.pdf', size: PDF.byteLength });
    const object = await env.FILES.get(`canned/${shared.id}/${file.id}`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(PDF);
    // Checked as a chat file is: its bytes must be what it claims; only those who may change the reply add files.
    const lie = await upload(cookies.adam, shared.id, 'fake.pdf', 'application/pdf', new TextEncoder().encode('not a pdf'));
    expect([lie.status, (await errorOf(lie)).code]).toEqual([415, 'type_mismatch']);
    expect((await upload(cookies.alice, shared.id, 'mine.pdf', 'application/pdf', PDF)).status).toBe(403);
    const fills = (await (await call('POST', `/api/canned/${shared.id}/fill`, cookies.alice, { chatId: (await startChat(world.groupA)).chatId })).json()) as CannedFillResponse;
    expect(fills.files.map((f) => f.filename)).toEqual(['Returns label.pdf']);

    const { chatId, token } = await startChat(world.groupA);
    // Queued: nobody may send the customer a file before taking the chat.
    const early = await call('POST', `/api/canned/${shared.id}/send-files`, cookies.alice, { chatId });
    expect([early.status, (await errorOf(early)).code]).toEqual([409, 'not_active']);
    expect((await call('POST', `/api/chats/${chatId}/take`, cookies.alice)).status).toBe(200);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    // Carol is not in the chat's group: for her the chat does not exist.
    expect((await call('POST', `/api/canned/${shared.id}/send-files`, cookies.carol, { chatId })).status).toBe(404);
    // The same file twice is refused, and nothing is sent.
    const twice = await call('POST', `/api/canned/${shared.id}/send-files`, cookies.alice, { chatId, fileIds: [file.id, file.id] });
    expect([twice.status, (await errorOf(twice)).code]).toEqual([400, 'invalid_body']);
    const sent = await call('POST', `/api/canned/${shared.id}/send-files`, cookies.alice, { chatId, fileIds: [file.id] });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const [attached] = ((await sent.json()) as CannedSendFilesResponse).files;
    expect(attached).toMatchObject({ filename: 'Returns label.pdf', contentType: 'application/pdf', size: PDF.byteLength, uploadedBy: 'agent' });
    for (;;) {
      const { event } = await visitor.nextOf('event');
      if (event.kind !== 'file') continue;
      expect(event).toMatchObject({ kind: 'file', audience: 'all', from: { id: world.alice.id }, file: { id: attached!.id, filename: 'Returns label.pdf' } });
      break;
    }
    // The customer downloads the chat's copy.
    const download = await api(`/api/visitor/chats/${chatId}/files/${attached!.id}?token=${encodeURIComponent(token)}`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    visitor.close();
  });

  it('are at most five a reply, and go from R2 with the reply', async () => {
    const { cookies, alicesOwn } = await library();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const res = await upload(cookies.alice, alicesOwn.id, `note-${i}.txt`, 'text/plain', new TextEncoder().encode(`note ${i}\n`));
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { file: { id: string } }).file.id);
    }
    const sixth = await upload(cookies.alice, alicesOwn.id, 'note-6.txt', 'text/plain', new TextEncoder().encode('note 6\n'));
    expect([sixth.status, (await errorOf(sixth)).code]).toEqual([409, 'too_many_reply_files']);
    expect((await call('DELETE', `/api/canned/${alicesOwn.id}/files/${ids[0]}`, cookies.alice)).status).toBe(204);
    expect(await env.FILES.get(`canned/${alicesOwn.id}/${ids[0]}`)).toBeNull();
    const kept = await call('GET', `/api/canned/${alicesOwn.id}/files/${ids[1]}`, cookies.alice);
    expect([kept.status, await kept.text()]).toEqual([200, 'note 2\n']);
    expect((await call('DELETE', `/api/canned/${alicesOwn.id}`, cookies.alice)).status).toBe(204);
    for (const id of ids) expect(await env.FILES.get(`canned/${alicesOwn.id}/${id}`)).toBeNull();
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM canned_reply_files WHERE reply_id = ?').bind(alicesOwn.id).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });
});
