// Customers: one record per person found by email without regard to case from every source (a
// chat, a message left, a ticket, a call log), the pop-out's tabs limited to the caller's groups,
// statistics over fixed data, edits and sticky comments, merging, organizations, and identity
// verification (accepted, refused when tampered with or expired, never opening another chat to an
// unverified visitor).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signIdentity } from '../../../worker/auth/signed-identity.ts';
import type { ChatCustomerResponse, CustomerDetailsResponse, CustomerLookupResponse, OrganizationResponse, VisitorHistoryResponse } from '../../../worker/customers/wire.ts';
import { randomId } from '../../../worker/auth/encoding.ts';
import { api, seedWorld, signInAs, type World } from '../helpers.ts';

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

/** A fresh address for each test: the tests share one database. */
const freshEmail = (name: string) => `${name}.${randomId(6)}@example.test`.toLowerCase();

async function visitorStarts(groupId: string, body: { name?: string; email: string; identity?: string; timeZone?: string; browserLanguage?: string; question?: string }) {
  return api('/api/visitor/chats', {
    method: 'POST',
    body: JSON.stringify({ name: body.name ?? 'Zed Customer', question: body.question ?? 'Where is my parcel?', groupId, ...body }),
  });
}

async function lookup(cookie: string, email: string): Promise<string> {
  return (await json<CustomerLookupResponse>(await api(`/api/customers/lookup?email=${encodeURIComponent(email)}`, { headers: { Cookie: cookie } }))).customerId;
}

async function details(cookie: string, customerId: string): Promise<CustomerDetailsResponse> {
  return json<CustomerDetailsResponse>(await api(`/api/customers/${customerId}`, { headers: { Cookie: cookie } }));
}

const identityOf = (claims: { email: string; id?: string; name?: string; exp?: number }) =>
  signIdentity(env.IDENTITY_SECRET!, { exp: Math.floor(Date.now() / 1000) + 600, ...claims });

async function customerRows(email: string): Promise<number> {
  return (await env.DB.prepare('SELECT count(*) AS n FROM customer_emails WHERE email = ?').bind(email).first<{ n: number }>())!.n;
}

describe('the customer record', () => {
  it('is found by email without regard to case from a chat, a message left, a ticket and a call log', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const email = freshEmail('zed');
    const shouted = email.toUpperCase();
    expect((await visitorStarts(world.groupA, { email: shouted, timeZone: 'Europe/Lisbon', browserLanguage: 'pt-PT' })).status).toBe(201);
    const left = await api('/api/visitor/messages', {
      method: 'POST',
      body: JSON.stringify({ name: 'Zed C.', email: email.replace('zed', 'ZED'), message: 'Call me back please', groupId: world.groupA }),
    });
    expect(left.status).toBe(201);
    await json(await send('POST', '/api/tickets', alice, { subject: 'Parcel lost', groupId: world.groupA, customerName: 'Zed', customerEmail: shouted }), 201);
    await json(
      await send('POST', '/api/calls', alice, {
        customerName: 'Zed',
        customerEmail: ` ${shouted} `,
        phone: '+351 21 000 0000',
        direction: 'inbound',
        startedAt: Date.now() - 60_000,
        durationSeconds: 125,
        groupId: world.groupA,
      }),
      201,
    );
    expect(await customerRows(email)).toBe(1);
    const id = await lookup(alice, shouted);
    const d = await details(alice, id);
    expect(d.customer).toMatchObject({ name: 'Zed Customer', emails: [email], timeZone: 'Europe/Lisbon', timeZoneByStaff: false, language: 'pt-PT', languageByStaff: false });
    expect(d.authentication).toBe('unverified');
    expect(d.chats).toHaveLength(1);
    expect(d.chats[0]).toMatchObject({ status: 'queued', verified: false, messageCount: 1 });
    expect(d.tickets.map((t) => t.subject)).toEqual(['Parcel lost']);
    expect(d.tickets[0]!.messages).toBe(0);
    expect(d.calls).toMatchObject([{ phone: '+351 21 000 0000', durationSeconds: 125, direction: 'inbound' }]);
    expect(d.forms).toMatchObject([{ kind: 'offline-message', message: 'Call me back please', handled: false }]);
    expect(d.history.lastChatAt).toBe(d.chats[0]!.startedAt);
    expect(d.history.lastTicketAt).toBe(d.tickets[0]!.createdAt);
    expect(d.roles).toEqual(['Customer']);
  });

  it('shows each caller only what their groups hold, and is not found by anyone whose groups hold none of it', async () => {
    const world = await seedWorld();
    const [alice, carol, adam] = await Promise.all([signInAs(world.alice), signInAs(world.carol), signInAs(world.adam)]);
    const email = freshEmail('ygritte');
    await visitorStarts(world.groupA, { email });
    const id = await lookup(alice, email);
    // Carol is in group B only: the customer does not exist for her, by address or by id.
    expect((await api(`/api/customers/lookup?email=${email}`, { headers: { Cookie: carol } })).status).toBe(404);
    expect(await code(await api(`/api/customers/${id}`, { headers: { Cookie: carol } }))).toBe('not_found');
    expect((await send('PATCH', `/api/customers/${id}`, carol, { website: 'https://evil.test' })).status).toBe(404);
    expect((await send('POST', `/api/customers/${id}/comments`, carol, { text: 'hi' })).status).toBe(404);
    // A chat in group B: Carol sees the customer, with group B's chat only.
    await visitorStarts(world.groupB, { email, question: 'A billing question' });
    const seenByCarol = await details(carol, id);
    expect(seenByCarol.chats.map((c) => c.groupId)).toEqual([world.groupB]);
    expect((await details(alice, id)).chats.map((c) => c.groupId)).toEqual([world.groupA]);
    expect((await details(adam, id)).chats).toHaveLength(2);
    // An address on nothing the caller can see is nobody's: no record is made for it.
    const stranger = freshEmail('stranger');
    expect((await api(`/api/customers/lookup?email=${stranger}`, { headers: { Cookie: adam } })).status).toBe(404);
    expect(await customerRows(stranger)).toBe(0);
    expect((await api('/api/customers/lookup?email=not-an-email', { headers: { Cookie: alice } })).status).toBe(400);
    // Nobody signed in: nothing.
    expect((await api(`/api/customers/${id}`)).status).toBe(401);
  });

  it('counts tickets, live chats, calls and time logs completed in the last 7, 30 and 90 days and all time', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const email = freshEmail('stats');
    await visitorStarts(world.groupA, { email });
    const id = await lookup(alice, email);
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const ages = [3, 20, 60, 200].map((d) => now - d * day);
    const stmts: D1PreparedStatement[] = [];
    ages.forEach((at, i) => {
      const tag = `${id}-${i}`;
      stmts.push(
        env.DB.prepare(
          `INSERT INTO tickets (id, number, subject, status, group_id, customer_name, customer_email, created_by, created_at, updated_at, closed_at)
           VALUES (?, (SELECT coalesce(max(number), 1000) + 1 FROM tickets), 'Old', 'closed', ?, 'Stats', ?, ?, ?, ?, ?)`,
        ).bind(`t-${tag}`, world.groupA, email, world.alice.id, at - day, at, at),
        env.DB.prepare(
          `INSERT INTO chats (id, status, group_id, group_name, visitor_name, visitor_email, started_at, ended_at) VALUES (?, 'ended', ?, 'Sales', 'Stats', ?, ?, ?)`,
        ).bind(`c-${tag}`, world.groupA, email, at - 60_000, at),
        env.DB.prepare(
          `INSERT INTO call_logs (id, number, customer_name, customer_email, phone, direction, started_at, duration_seconds, group_id, agent_id, agent_name, created_at)
           VALUES (?, (SELECT coalesce(max(number), 5000) + 1 FROM call_logs), 'Stats', ?, '+1 555 0100', 'outbound', ?, 60, ?, ?, 'Alice', ?)`,
        ).bind(`l-${tag}`, email, at, world.groupA, world.alice.id, at),
        env.DB.prepare(
          `INSERT INTO time_logs (id, chat_id, group_id, agent_id, agent_name, minutes, logged_at) VALUES (?, ?, ?, ?, 'Alice', 5, ?)`,
        ).bind(`tl-${tag}`, `c-${tag}`, world.groupA, world.alice.id, at),
      );
    });
    // Another group's closed ticket for them is not Alice's to count.
    stmts.push(
      env.DB.prepare(
        `INSERT INTO tickets (id, number, subject, status, group_id, customer_name, customer_email, created_by, created_at, updated_at, closed_at)
         VALUES (?, (SELECT coalesce(max(number), 1000) + 1 FROM tickets), 'Elsewhere', 'closed', ?, 'Stats', ?, ?, ?, ?, ?)`,
      ).bind(`t-${id}-b`, world.groupB, email, world.carol.id, now - day, now - day, now - day),
    );
    await env.DB.batch(stmts);
    const { statistics } = await details(alice, id);
    const expected = { last7: 1, last30: 2, last90: 3, all: 4 };
    expect(statistics).toEqual({ tickets: expected, liveChats: expected, calls: expected, timeLogs: expected });
  });
});

describe('what staff keep about a customer', () => {
  it('edits only the fields named; a time zone staff set is kept when the next chat brings the browser’s', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const email = freshEmail('edit');
    await visitorStarts(world.groupA, { email, timeZone: 'Europe/Lisbon' });
    const id = await lookup(alice, email);
    await json(await send('PATCH', `/api/customers/${id}`, alice, { timeZone: 'America/New_York', workPhone: '+1 212 555 0100', address: '1 Main St\nSpringfield' }));
    await json(await send('PATCH', `/api/customers/${id}`, alice, { website: 'https://zed.example' }));
    await visitorStarts(world.groupA, { email, timeZone: 'Asia/Tokyo' });
    const { customer } = await details(alice, id);
    expect(customer).toMatchObject({ timeZone: 'America/New_York', timeZoneByStaff: true, workPhone: '+1 212 555 0100', address: '1 Main St\nSpringfield', website: 'https://zed.example' });
    // Bad input names its field and changes nothing.
    for (const bad of [{ timeZone: 'Mars/Olympus' }, { language: 'not a tag' }, { name: '' }, { workPhone: 'a\nb' }, { subscribed: 'yes' }, {}, { organizationId: 'nope' }]) {
      const res = await send('PATCH', `/api/customers/${id}`, alice, bad);
      expect([400, 404], JSON.stringify(bad)).toContain(res.status);
    }
    expect((await details(alice, id)).customer).toEqual(customer);
  });

  it('shows a sticky comment on every chat of theirs; only its author or a supervisor removes it', async () => {
    const world = await seedWorld();
    const [alice, bob, mona] = await Promise.all([signInAs(world.alice), signInAs(world.bob), signInAs(world.mona)]);
    const email = freshEmail('sticky');
    await visitorStarts(world.groupA, { email });
    const id = await lookup(alice, email);
    const { comment } = await json<{ comment: { id: string } }>(await send('POST', `/api/customers/${id}/comments`, alice, { text: 'Prefers email, never phone', sticky: true }), 201);
    await json(await send('POST', `/api/customers/${id}/comments`, alice, { text: 'Asked about invoices once' }), 201);
    const { chatId } = await json<{ chatId: string }>(await visitorStarts(world.groupA, { email, question: 'Another question' }), 201);
    const ofChat = await json<ChatCustomerResponse>(await api(`/api/customers/of-chat/${chatId}`, { headers: { Cookie: bob } }));
    expect(ofChat).toMatchObject({ customerId: id, email, verified: false });
    expect(ofChat.stickyComments.map((c) => c.text)).toEqual(['Prefers email, never phone']);
    expect((await details(bob, id)).comments).toHaveLength(2);
    expect(await code(await send('DELETE', `/api/customers/${id}/comments/${comment.id}`, bob))).toBe('not_allowed');
    expect((await send('POST', `/api/customers/${id}/comments`, alice, { text: '   ' })).status).toBe(400);
    expect((await send('DELETE', `/api/customers/${id}/comments/${comment.id}`, mona)).status).toBe(204);
    expect((await json<ChatCustomerResponse>(await api(`/api/customers/of-chat/${chatId}`, { headers: { Cookie: bob } }))).stickyComments).toEqual([]);
  });

  it('merges two records of one person: addresses, items and comments move, the other record is gone', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const work = freshEmail('merge-work');
    const home = freshEmail('merge-home');
    await visitorStarts(world.groupA, { email: work, name: 'Wanda Work' });
    await visitorStarts(world.groupA, { email: home, name: 'Wanda Home', timeZone: 'Europe/Paris' });
    const [into, from] = [await lookup(alice, work), await lookup(alice, home)];
    await send('POST', `/api/customers/${from}/comments`, alice, { text: 'Same person as the work address' });
    await send('PATCH', `/api/customers/${from}`, alice, { mobilePhone: '+33 6 00 00 00 00' });
    expect(await code(await send('POST', `/api/customers/${into}/merge`, alice, { customerId: into }))).toBe('same_customer');
    expect(await code(await send('POST', `/api/customers/${into}/merge`, alice, { customerId: 'nobody' }))).toBe('not_found');
    await json(await send('POST', `/api/customers/${into}/merge`, alice, { customerId: from }));
    const d = await details(alice, into);
    expect(d.customer).toMatchObject({ name: 'Wanda Work', emails: [work, home], mobilePhone: '+33 6 00 00 00 00', timeZone: 'Europe/Paris' });
    expect(d.chats).toHaveLength(2);
    expect(d.comments.map((c) => c.text)).toEqual(['Same person as the work address']);
    expect(await lookup(alice, home)).toBe(into);
    expect((await api(`/api/customers/${from}`, { headers: { Cookie: alice } })).status).toBe(404);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM customers WHERE id = ?').bind(from).first<{ n: number }>())!.n).toBe(0);
  });

  it('belongs to an organization: suggested from the email domain, assigned by staff, listed on its page', async () => {
    const world = await seedWorld();
    const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
    const domain = `acme-${randomId(4).toLowerCase().replace(/[^a-z0-9]/g, 'x')}.example`;
    const email = `olga@${domain}`;
    await visitorStarts(world.groupA, { email, name: 'Olga Org' });
    expect(await code(await send('POST', '/api/organizations', alice, { name: `Acme ${domain}`, domain }))).toBe('not_allowed');
    const { organization } = await json<{ organization: { id: string } }>(await send('POST', '/api/organizations', mona, { name: `Acme ${domain}`, domain: domain.toUpperCase() }), 201);
    expect(await code(await send('POST', '/api/organizations', mona, { name: `Other ${domain}`, domain }))).toBe('organization_exists');
    expect((await send('POST', '/api/organizations', mona, { name: 'Bad', domain: 'not a domain' })).status).toBe(400);
    const id = await lookup(alice, email);
    let d = await details(alice, id);
    expect(d.customer.organization).toBeNull();
    expect(d.customer.suggestedOrganization).toMatchObject({ id: organization.id, domain });
    await json(await send('PATCH', `/api/customers/${id}`, alice, { organizationId: organization.id }));
    d = await details(alice, id);
    expect(d.customer.organization).toMatchObject({ id: organization.id });
    expect(d.customer.suggestedOrganization).toBeNull();
    const page = await json<OrganizationResponse>(await api(`/api/organizations/${organization.id}`, { headers: { Cookie: alice } }));
    expect(page.customers).toEqual([{ id, name: 'Olga Org', email, chats: 1, tickets: 0, calls: 0, lastSeenAt: d.customer.lastSeenAt }]);
  });
});

describe('identity verification', () => {
  async function refusedWithoutTrace(world: World, email: string, identity: string, expected: string) {
    const res = await visitorStarts(world.groupA, { email: freshEmail('typed'), identity });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await code(res)).toBe(expected);
    expect(await customerRows(email)).toBe(0);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM chats WHERE visitor_email = ?').bind(email).first<{ n: number }>())!.n).toBe(0);
  }

  it('verifies a signed identity, and refuses one tampered with, expired, too long-lived or signed with another secret', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const email = freshEmail('verified');
    const good = await identityOf({ email, id: 'site-42', name: 'Vicky Verified' });
    const [payload, signature] = good.split('.') as [string, string];
    const forged = btoa(JSON.stringify({ email: freshEmail('victim'), exp: Math.floor(Date.now() / 1000) + 600 })).replace(/=+$/, '');
    await refusedWithoutTrace(world, email, `${forged}.${signature}`, 'identity_invalid');
    await refusedWithoutTrace(world, email, `${payload}.${signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`, 'identity_invalid');
    await refusedWithoutTrace(world, email, await identityOf({ email, exp: Math.floor(Date.now() / 1000) - 1 }), 'identity_expired');
    await refusedWithoutTrace(world, email, await identityOf({ email, exp: Math.floor(Date.now() / 1000) + 3 * 24 * 3600 }), 'identity_invalid');
    await refusedWithoutTrace(world, email, await signIdentity('another-secret', { email, exp: Math.floor(Date.now() / 1000) + 600 }), 'identity_invalid');
    await refusedWithoutTrace(world, email, 'not-an-identity', 'identity_invalid');

    // The identity's email and name win over what the form says.
    const { chatId } = await json<{ chatId: string }>(await visitorStarts(world.groupA, { email: freshEmail('typed'), name: 'Typed Name', identity: good }), 201);
    const ofChat = await json<ChatCustomerResponse>(await api(`/api/customers/of-chat/${chatId}`, { headers: { Cookie: alice } }));
    expect(ofChat).toMatchObject({ email, name: 'Vicky Verified', verified: true });
    const d = await details(alice, ofChat.customerId!);
    expect(d.authentication).toBe('verified');
    expect(d.roles).toContain('Verified by website');
    expect(d.customer).toMatchObject({ externalId: 'site-42' });
    expect(d.history.lastSignInAt).not.toBeNull();
    expect(d.chats[0]!.verified).toBe(true);
  });

  it('shows a verified returning customer their earlier chats, and an unverified visitor with the same email none', async () => {
    const world = await seedWorld();
    const email = freshEmail('returning');
    const identity = await identityOf({ email });
    const first = await json<{ chatId: string; token: string }>(await visitorStarts(world.groupA, { email, identity, question: 'First visit' }), 201);
    // Someone types the same address without the website's signature.
    const typed = await json<{ chatId: string; token: string }>(await visitorStarts(world.groupA, { email, question: 'Pretending' }), 201);

    const history = await json<VisitorHistoryResponse>(await api('/api/visitor/history', { method: 'POST', body: JSON.stringify({ identity }) }));
    expect(history.chats.map((c) => c.id)).toEqual([first.chatId]);
    const transcript = await json<{ events: { kind: string; text?: string }[] }>(
      await api(`/api/visitor/history/${first.chatId}/transcript`, { method: 'POST', body: JSON.stringify({ identity }) }),
    );
    expect(transcript.events.some((e) => e.text === 'First visit')).toBe(true);
    // The verified customer is not shown the unverified chat started with their address either.
    expect((await api(`/api/visitor/history/${typed.chatId}/transcript`, { method: 'POST', body: JSON.stringify({ identity }) })).status).toBe(404);

    // The unverified visitor: their token opens their chat only; without a signature, no history.
    expect((await api(`/api/visitor/chats/${first.chatId}/transcript?token=${typed.token}`)).status).toBe(401);
    expect(await code(await api('/api/visitor/history', { method: 'POST', body: JSON.stringify({ identity: '' }) }))).toBe('identity_invalid');
    const unsigned = btoa(JSON.stringify({ email, exp: Math.floor(Date.now() / 1000) + 600 })).replace(/=+$/, '');
    expect(await code(await api(`/api/visitor/history/${first.chatId}/transcript`, { method: 'POST', body: JSON.stringify({ identity: `${unsigned}.${'0'.repeat(64)}` }) }))).toBe(
      'identity_invalid',
    );
    expect((await api('/api/visitor/history', { method: 'POST', body: '{' })).status).toBe(400);
  });
});
