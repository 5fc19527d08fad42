// A customer's privacy: an administrator's export holds everything Switchboard keeps about them
// (staff-only events marked), erasing them leaves nothing anywhere (every D1 table, R2, the chat
// objects), and the retention setting's daily run deletes exactly the completed chats older than
// N days.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../../worker/index.ts';
import { randomId } from '../../../worker/auth/encoding.ts';
import type { CustomerExport } from '../../../worker/customers/privacy.ts';
import type { CustomerLookupResponse } from '../../../worker/customers/wire.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, TEST_THRESHOLDS, type TestSocket, type World } from '../helpers.ts';

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

/** Sends a frame and waits until its event comes back. */
async function say(socket: TestSocket, type: 'send' | 'coach', text: string): Promise<void> {
  socket.send({ type, id: randomId(6), text });
  while (!socket.events().some((e) => (e.kind === 'message' || e.kind === 'coaching') && e.text === text)) await socket.next();
}

/**
 * A customer with something of every kind: a chat (their messages, an agent's reply, coaching, a
 * comment, a file, a time log, a survey), a message left, a ticket made from the chat (with a note
 * and a reply) and a call log; and a comment about them.
 */
async function customerWithEverything(world: World) {
  const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
  const tag = randomId(6).replace(/[^A-Za-z0-9]/g, 'q');
  const email = `priya.${tag}@example.test`.toLowerCase();
  const name = `Priya Private ${tag}`;
  const secretText = `my passport number is X${tag}`;
  const started = await json<{ chatId: string; token: string }>(
    await api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name, email, question: `Hello, ${secretText}`, groupId: world.groupA }) }),
    201,
  );
  const { chatId, token } = started;
  await send('POST', `/api/chats/${chatId}/take`, alice);
  const [visitor, agent, coach] = await Promise.all([connectVisitor(chatId, token), connectAgent(chatId, alice), connectAgent(chatId, mona)]);
  await Promise.all([visitor.replay(), agent.replay(), coach.replay()]);
  await say(visitor, 'send', `Also my address is 12 ${tag} Road`);
  await say(agent, 'send', 'Thanks, I will look into it.');
  await say(coach, 'coach', 'Check the order history first.');
  await json(await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'general', text: 'Customer sounded worried' }), 201);
  const file = await json<{ file: { id: string } }>(
    await api(`/api/visitor/chats/${chatId}/files?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-filename': 'passport.txt' },
      body: `scan of ${secretText}`,
    }),
    201,
  );
  await json(await send('POST', `/api/chats/${chatId}/time-logs`, alice, { minutes: 7, note: 'Looked up the order', billable: false }), 201);
  const { ticket } = await json<{ ticket: { id: string } }>(await send('POST', '/api/tickets', alice, { subject: 'Order lookup', chatId, text: 'Staff note: check warehouse' }), 201);
  await json(await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'reply', text: 'We found your order.' }), 201);
  await json(
    await send('POST', '/api/calls', alice, { customerEmail: email, customerName: name, phone: '+44 20 7946 0000', direction: 'inbound', startedAt: Date.now() - 1000, durationSeconds: 60, groupId: world.groupA }),
    201,
  );
  await json(await api('/api/visitor/messages', { method: 'POST', body: JSON.stringify({ name, email, message: `Left while away: ${secretText}`, groupId: world.groupA }) }), 201);
  await json(await send('POST', `/api/chats/${chatId}/end`, alice));
  await json(await api(`/api/visitor/chats/${chatId}/survey?token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify({ rating: 4, comment: `ok ${tag}` }) }), 201);
  [visitor, agent, coach].forEach((s) => s.close());
  const { customerId } = await json<CustomerLookupResponse>(await api(`/api/customers/lookup?email=${email}`, { headers: { Cookie: alice } }));
  await json(await send('POST', `/api/customers/${customerId}/comments`, alice, { text: `Knows ${tag} well`, sticky: true }), 201);
  return { alice, mona, email, name, secretText, tag, chatId, ticketId: ticket.id, fileId: file.file.id, customerId };
}

describe('export', () => {
  it('gives an administrator one JSON document with everything, staff-only events marked, files downloadable', async () => {
    const world = await seedWorld();
    const s = await customerWithEverything(world);
    const adam = await signInAs(world.adam);
    expect((await api(`/api/customers/${s.customerId}/export`, { headers: { Cookie: s.mona } })).status).toBe(403);
    const res = await api(`/api/customers/${s.customerId}/export`, { headers: { Cookie: adam } });
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const doc = await json<CustomerExport>(res);
    expect(doc).toMatchObject({ format: 'switchboard-customer-export', version: 1, customer: { id: s.customerId, emails: [s.email], name: s.name } });
    expect(doc.comments.map((c) => c.text)).toEqual([`Knows ${s.tag} well`]);
    expect(doc.chats).toHaveLength(1);
    const chat = doc.chats[0]!;
    const byKind = (kind: string) => chat.events.filter((e) => e.kind === kind);
    expect(byKind('message').map((e) => [e.kind === 'message' && e.text, e.visibleToCustomer])).toEqual([
      [`Hello, ${s.secretText}`, true],
      [`Also my address is 12 ${s.tag} Road`, true],
      ['Thanks, I will look into it.', true],
    ]);
    expect(byKind('coaching').map((e) => e.visibleToCustomer)).toEqual([false]);
    expect(byKind('comment').map((e) => e.visibleToCustomer)).toEqual([false]);
    expect(byKind('time-logged').map((e) => e.visibleToCustomer)).toEqual([false]);
    expect(chat.survey).toMatchObject({ rating: 4 });
    expect(chat.timeLogs).toHaveLength(1);
    expect(chat.files).toMatchObject([{ id: s.fileId, filename: 'passport.txt' }]);
    const download = await api(chat.files[0]!.download, { headers: { Cookie: adam } });
    expect(await download.text()).toBe(`scan of ${s.secretText}`);
    expect(doc.messagesLeft).toMatchObject([{ message: `Left while away: ${s.secretText}` }]);
    expect(doc.tickets).toHaveLength(1);
    expect(doc.tickets[0]!.entries.map((e) => e['kind'])).toEqual(['conversation', 'note', 'note', 'reply']);
    expect(doc.calls).toMatchObject([{ phone: '+44 20 7946 0000' }]);
  });
});

/** Every row of every table, as text (D1's own and SQLite's internal tables aside). */
async function everyRowAsText(): Promise<Record<string, string>> {
  const { results: tables } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all<{ name: string }>();
  const out: Record<string, string> = {};
  for (const { name } of tables) out[name] = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
  return out;
}

async function everyR2ObjectAsText(): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ cursor });
    for (const o of page.objects) texts.push(`${o.key} ${await (await env.FILES.get(o.key))!.text()}`);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return texts;
}

describe('erase', () => {
  it('leaves nothing of the customer in any D1 table, in R2 or in the chat objects; staff items keep their own content', async () => {
    const world = await seedWorld();
    const s = await customerWithEverything(world);
    const adam = await signInAs(world.adam);
    expect((await send('DELETE', `/api/customers/${s.customerId}`, s.mona)).status).toBe(403);
    const { erased } = await json<{ erased: Record<string, number> }>(await send('DELETE', `/api/customers/${s.customerId}`, adam));
    expect(erased).toEqual({ chats: 1, messagesLeft: 1, tickets: 1, calls: 1 });

    const needles = [s.email, s.name, s.tag, s.secretText];
    const rows = await everyRowAsText();
    expect(Object.keys(rows)).toEqual(expect.arrayContaining(['customers', 'chats', 'tickets', 'ticket_entries', 'call_logs', 'offline_messages', 'attachments', 'surveys']));
    for (const [table, text] of Object.entries(rows)) for (const needle of needles) expect(text.includes(needle), `${table} still holds ${needle}`).toBe(false);
    for (const text of await everyR2ObjectAsText()) for (const needle of needles) expect(text.includes(needle), `R2 still holds ${needle}`).toBe(false);
    const room = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(s.chatId));
    expect(await room.transcript('agent')).toBeNull();
    expect(await room.getSnapshot()).toBeNull();
    // The ticket stays the staff's: their note is kept, the customer and the conversation are gone.
    const entries = await env.DB.prepare('SELECT kind, text FROM ticket_entries WHERE ticket_id = ? ORDER BY created_at').bind(s.ticketId).all<{ kind: string; text: string }>();
    expect(entries.results.map((e) => e.kind)).toEqual(['note', 'note', 'reply']);
    expect(entries.results.map((e) => e.text)).toContain('Staff note: check warehouse');
    expect(await env.DB.prepare('SELECT customer_name AS n FROM tickets WHERE id = ?').bind(s.ticketId).first<{ n: string }>()).toEqual({ n: 'Erased customer' });
    expect((await api(`/api/customers/lookup?email=${s.email}`, { headers: { Cookie: adam } })).status).toBe(404);
  });

  it('is refused while a chat of theirs is waiting or under way, and changes nothing', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const email = `live.${randomId(6)}@example.test`.toLowerCase();
    await json(await api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name: 'Live One', email, question: 'Still here', groupId: world.groupA }) }), 201);
    const { customerId } = await json<CustomerLookupResponse>(await api(`/api/customers/lookup?email=${email}`, { headers: { Cookie: adam } }));
    const before = await everyRowAsText();
    const res = await send('DELETE', `/api/customers/${customerId}`, adam);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('customer_has_live_chat');
    const after = await everyRowAsText();
    expect(after['customers']).toBe(before['customers']);
    expect(after['chats']).toBe(before['chats']);
  });
});

describe('retention', () => {
  async function runScheduled(at: number): Promise<void> {
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: at, cron: '17 3 * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
  }

  async function endedChat(world: World, alice: string, question: string): Promise<string> {
    const { chatId } = await json<{ chatId: string }>(
      await api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name: 'Old Timer', email: `old.${randomId(6)}@example.test`.toLowerCase(), question, groupId: world.groupA }) }),
      201,
    );
    await send('POST', `/api/chats/${chatId}/take`, alice);
    await json(await send('POST', `/api/chats/${chatId}/end`, alice));
    return chatId;
  }

  it('deletes, on the daily run, exactly the completed chats that ended more than N days ago', async () => {
    const world = await seedWorld();
    const [alice, adam] = await Promise.all([signInAs(world.alice), signInAs(world.adam)]);
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const old = await endedChat(world, alice, 'An old question');
    const recent = await endedChat(world, alice, 'A recent question');
    const { chatId: live } = await json<{ chatId: string }>(
      await api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name: 'Still Waiting', email: 'wait@example.test', question: 'Waiting', groupId: world.groupA }) }),
      201,
    );
    // The old chat ended 31 days ago, the recent one 29; the live one started 40 days ago and has not ended.
    await env.DB.batch([
      env.DB.prepare('UPDATE chats SET ended_at = ? WHERE id = ?').bind(now - 31 * day, old),
      env.DB.prepare('UPDATE chats SET ended_at = ? WHERE id = ?').bind(now - 29 * day, recent),
      env.DB.prepare('UPDATE chats SET started_at = ? WHERE id = ?').bind(now - 40 * day, live),
    ]);
    // No retention set: the run deletes nothing.
    await runScheduled(now);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM chats WHERE id IN (?, ?, ?)').bind(old, recent, live).first<{ n: number }>())!.n).toBe(3);

    const settings = (body: unknown) => send('PUT', '/api/admin/settings', adam, body);
    expect((await settings({ ...TEST_THRESHOLDS, retentionDays: 0 })).status).toBe(400);
    expect((await settings({ ...TEST_THRESHOLDS, retentionDays: 'forever' })).status).toBe(400);
    expect((await json<{ settings: { retentionDays: number | null } }>(await settings({ ...TEST_THRESHOLDS, retentionDays: 30 }))).settings.retentionDays).toBe(30);
    try {
      await runScheduled(now);
      const left = await env.DB.prepare('SELECT id FROM chats WHERE id IN (?, ?, ?)').bind(old, recent, live).all<{ id: string }>();
      expect(left.results.map((r) => r.id).sort()).toEqual([recent, live].sort());
      expect(await env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(old)).getSnapshot()).toBeNull();
      const overdue = await env.DB.prepare("SELECT count(*) AS n FROM chats WHERE status = 'ended' AND ended_at < ?").bind(now - 30 * day).first<{ n: number }>();
      expect(overdue!.n).toBe(0);
    } finally {
      await json(await settings({ ...TEST_THRESHOLDS, retentionDays: null }));
    }
  });
});
