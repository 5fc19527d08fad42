// Manual events end to end: the administrator's definitions and their refusals; who may run which
// event on which chat (its group, the caller's groups, read at the run); each action's effect in
// the chat (comment, field, follow-up, transfer, end, email through send_email, webhook through
// the WEBHOOKS queue to a receiving Worker, signed); retries with backoff and the final failure
// in History; a failed action that undoes nothing; runs on several selected chats; and none of
// it ever reaching the customer.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../objects/protocol.ts';
import { verifyWebhook, WEBHOOK_MAX_ATTEMPTS, type ManualAction } from '../../../objects/rules/manual-events.ts';
import type { BulkRunResponse, ManualEvent, ManualEventsResponse, RunnableEventsResponse, RunResponse } from '../../../worker/manual-events/wire.ts';
import { findDelivery, insertDelivery } from '../../../worker/manual-events/queries.ts';
import { runManualEvent } from '../../../worker/manual-events/run.ts';
import { api, seedWorld, signInAs, startChat, type World } from '../helpers.ts';

/** Where the receiving Worker listens (vitest.workers.config.ts sends every outbound fetch there). */
const RECEIVER = 'https://receiver.test';
/** How long the queue may take to deliver (its batches wait up to a second). */
const QUEUE_WAIT_MS = 10_000;
/** The webhooks' queue (wrangler.toml). */
const QUEUE = 'switchboard-webhooks';

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string; field?: string }> {
  const { error } = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return { status: res.status, ...error };
}

async function defineEvent(admin: string, body: { name: string; groupIds: string[]; actions: ManualAction[] }): Promise<string> {
  const res = await send('POST', '/api/admin/manual-events', admin, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function defineField(admin: string): Promise<string> {
  const key = `plan-${crypto.randomUUID().slice(0, 8)}`;
  const res = await send('POST', '/api/admin/fields', admin, { key, label: 'Plan', type: 'text' });
  expect(res.status).toBe(201);
  return key;
}

async function run(cookie: string, chatId: string, eventId: string): Promise<RunResponse['run']> {
  const res = await send('POST', `/api/chats/${chatId}/manual-events/${eventId}/run`, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as RunResponse).run;
}

async function history(cookie: string, chatId: string): Promise<ChatEvent[]> {
  const res = await send('GET', `/api/chats/${chatId}/transcript`, cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: ChatEvent[] }).events;
}

const ofKind = <K extends ChatEvent['kind']>(events: ChatEvent[], kind: K) => events.filter((e): e is Extract<ChatEvent, { kind: K }> => e.kind === kind);

/** What the receiving Worker kept for one delivery. */
async function received(deliveryId: string): Promise<{ method: string; url: string; headers: Record<string, string>; body: string }[]> {
  const res = await fetch(`${RECEIVER}/__received?delivery=${encodeURIComponent(deliveryId)}`);
  return res.json();
}

/** What the Worker's queue handler decided for each message, as the Queue hears it. */
interface QueueResult {
  outcome: string;
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

/**
 * Hands the Worker's queue handler one delivery attempt, as the Queue does (SELF.queue, with the
 * `service_binding_extra_handlers` flag of vitest.workers.config.ts; workers-types do not declare it).
 */
async function deliverAttempt(deliveryId: string, attempts: number): Promise<QueueResult & { id: string }> {
  const id = `attempt-${attempts}-${crypto.randomUUID().slice(0, 8)}`;
  const queue: unknown = Reflect.get(SELF, 'queue');
  if (typeof queue !== 'function') throw new Error('SELF.queue needs the service_binding_extra_handlers flag');
  const result: QueueResult = await queue.call(SELF, QUEUE, [{ id, timestamp: new Date(), attempts, body: { deliveryId } }]);
  return { ...result, id };
}

async function chatIn(world: World, group: 'A' | 'B', takenBy?: string): Promise<{ chatId: string; token: string }> {
  const chat = await startChat(group === 'A' ? world.groupA : world.groupB);
  if (takenBy) expect((await send('POST', `/api/chats/${chat.chatId}/take`, takenBy)).status).toBe(200);
  return chat;
}

describe('defining manual events', () => {
  it('lets an administrator create, list, change and delete one, with its groups and actions', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const name = `Escalate ${crypto.randomUUID().slice(0, 6)}`;
    const actions: ManualAction[] = [
      { type: 'add-comment', kind: 'general', text: 'Escalated by {{agent.name}}' },
      { type: 'transfer', to: { kind: 'group', groupId: world.groupB } },
    ];
    const id = await defineEvent(adam, { name, groupIds: [world.groupA], actions });
    const listed = (await (await send('GET', '/api/admin/manual-events', adam)).json()) as ManualEventsResponse;
    expect(listed.events.find((e) => e.id === id)).toMatchObject({ name, groupIds: [world.groupA], actions });

    const changed = { name: `${name} (billing)`, groupIds: [world.groupA, world.groupB], actions: [actions[1]!] };
    expect((await send('PUT', `/api/admin/manual-events/${id}`, adam, changed)).status).toBe(200);
    const after = (await (await send('GET', '/api/admin/manual-events', adam)).json()) as ManualEventsResponse;
    const event = after.events.find((e) => e.id === id)!;
    expect([event.name, [...event.groupIds].sort(), event.actions]).toEqual([changed.name, [world.groupA, world.groupB].sort(), changed.actions]);

    expect((await send('DELETE', `/api/admin/manual-events/${id}`, adam)).status).toBe(204);
    const gone = (await (await send('GET', '/api/admin/manual-events', adam)).json()) as ManualEventsResponse;
    expect(gone.events.some((e) => e.id === id)).toBe(false);
    expect((await errorOf(await send('DELETE', `/api/admin/manual-events/${id}`, adam))).code).toBe('not_found');
  });

  it('refuses what breaks a rule, with a stable code and the field at fault, and stores nothing', async () => {
    const world = await seedWorld();
    const [adam, alice] = await Promise.all([signInAs(world.adam), signInAs(world.alice)]);
    const taken = `Taken ${crypto.randomUUID().slice(0, 6)}`;
    await defineEvent(adam, { name: taken, groupIds: [world.groupA], actions: [{ type: 'end-chat' }] });
    const before = ((await (await send('GET', '/api/admin/manual-events', adam)).json()) as ManualEventsResponse).events.length;
    const ok = { name: `New ${crypto.randomUUID().slice(0, 6)}`, groupIds: [world.groupA], actions: [{ type: 'end-chat' }] };
    const refusals: [unknown, { status: number; code: string; field?: string }][] = [
      [{ ...ok, name: taken }, { status: 409, code: 'event_name_taken', field: 'name' }],
      [{ ...ok, groupIds: ['no-such-group'] }, { status: 404, code: 'unknown_group', field: 'groupIds' }],
      [{ ...ok, groupIds: [] }, { status: 400, code: 'invalid_body', field: 'groupIds' }],
      [{ ...ok, actions: [] }, { status: 400, code: 'invalid_action', field: 'actions' }],
      [{ ...ok, actions: Array.from({ length: 11 }, () => ({ type: 'end-chat' })) }, { status: 400, code: 'invalid_action', field: 'actions' }],
      [
        { ...ok, actions: [{ type: 'end-chat' }, { type: 'send-email', to: 'customer', subject: 'Hi {{customer.nickname}}', body: 'B' }] },
        { status: 400, code: 'unknown_variable', field: 'actions.1.subject' },
      ],
      [{ ...ok, actions: [{ type: 'webhook', url: 'http://crm.example.test/hook' }] }, { status: 400, code: 'invalid_action', field: 'actions.0.url' }],
      [{ ...ok, actions: [{ type: 'set-field', key: 'no-such-field', value: 'x' }] }, { status: 400, code: 'invalid_field', field: 'actions.0.key' }],
      [{ ...ok, actions: [{ type: 'transfer', to: { kind: 'group', groupId: 'nope' } }] }, { status: 404, code: 'unknown_group', field: 'actions.0.to' }],
      [{ ...ok, actions: [{ type: 'transfer', to: { kind: 'agent', agentId: 'nobody' } }] }, { status: 404, code: 'unknown_agent', field: 'actions.0.to' }],
      [{ ...ok, actions: [{ type: 'launch-rocket' }] }, { status: 400, code: 'invalid_body' }],
    ];
    for (const [body, expected] of refusals) {
      const got = await errorOf(await send('POST', '/api/admin/manual-events', adam, body));
      expect({ status: got.status, code: got.code, ...(expected.field ? { field: got.field } : {}) }, JSON.stringify(body)).toEqual(expected);
    }
    const after = ((await (await send('GET', '/api/admin/manual-events', adam)).json()) as ManualEventsResponse).events.length;
    expect(after).toBe(before);
    // Administrators only.
    expect((await errorOf(await send('POST', '/api/admin/manual-events', alice, ok))).code).toBe('forbidden');
  });
});

describe('who may run an event', () => {
  it('is staff of the chat, on chats of the event’s groups, decided at the run', async () => {
    const world = await seedWorld();
    const [adam, alice, bob, carol] = await Promise.all([signInAs(world.adam), signInAs(world.alice), signInAs(world.bob), signInAs(world.carol)]);
    const name = `Note ${crypto.randomUUID().slice(0, 6)}`;
    const eventId = await defineEvent(adam, { name, groupIds: [world.groupA], actions: [{ type: 'add-comment', kind: 'general', text: 'Noted' }] });
    const inA = await chatIn(world, 'A');
    const inB = await chatIn(world, 'B');
    const offered = async (cookie: string, chatId: string) => {
      const res = await send('GET', `/api/chats/${chatId}/manual-events`, cookie);
      return res.status === 200 ? ((await res.json()) as RunnableEventsResponse).events.map((e) => e.name) : res.status;
    };
    expect(await offered(alice, inA.chatId)).toEqual([name]);
    expect(await offered(bob, inB.chatId)).toEqual([]); // Bob sees the chat, but the event is not for Billing
    expect(await offered(carol, inA.chatId)).toBe(404); // Carol is not in Sales: the chat does not exist for her
    const everywhere = async (cookie: string) => ((await (await send('GET', '/api/manual-events', cookie)).json()) as RunnableEventsResponse).events;
    expect((await everywhere(bob)).find((e) => e.id === eventId)).toMatchObject({ name, groupIds: [world.groupA], actions: ['add-comment'] });
    expect((await everywhere(carol)).some((e) => e.id === eventId)).toBe(false);

    expect(await errorOf(await send('POST', `/api/chats/${inA.chatId}/manual-events/${eventId}/run`, carol))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await errorOf(await send('POST', `/api/chats/${inB.chatId}/manual-events/${eventId}/run`, bob))).toMatchObject({ status: 403, code: 'event_not_for_group' });
    expect(await errorOf(await send('POST', `/api/chats/${inA.chatId}/manual-events/nope/run`, alice))).toMatchObject({ status: 404, code: 'not_found' });
    expect(ofKind(await history(bob, inB.chatId), 'comment')).toEqual([]);

    // The administrator widens the event to Billing: Bob may run it there from now on.
    expect((await send('PUT', `/api/admin/manual-events/${eventId}`, adam, { name, groupIds: [world.groupA, world.groupB], actions: [{ type: 'add-comment', kind: 'general', text: 'Noted' }] })).status).toBe(200);
    expect((await run(bob, inB.chatId, eventId)).outcomes).toEqual([{ action: 'add-comment', ok: true, detail: 'Added a general comment: Noted' }]);
    // And narrows it again: the menu Bob opened earlier does not let him run it.
    expect((await send('PUT', `/api/admin/manual-events/${eventId}`, adam, { name, groupIds: [world.groupA], actions: [{ type: 'end-chat' }] })).status).toBe(200);
    expect((await errorOf(await send('POST', `/api/chats/${inB.chatId}/manual-events/${eventId}/run`, bob))).code).toBe('event_not_for_group');
  });
});

describe('running an event', () => {
  it('does each action in order, fills the templates, and shows the run in History but never to the customer', async () => {
    const world = await seedWorld();
    const [adam, alice] = await Promise.all([signInAs(world.adam), signInAs(world.alice)]);
    const field = await defineField(adam);
    const { chatId, token } = await chatIn(world, 'A', alice);
    const name = `Escalate to billing ${crypto.randomUUID().slice(0, 6)}`;
    const eventId = await defineEvent(adam, {
      name,
      groupIds: [world.groupA],
      actions: [
        { type: 'add-comment', kind: 'general', text: 'Escalated by {{agent.name}} for {{customer.first_name}}' },
        { type: 'set-field', key: field, value: 'priority' },
        { type: 'follow-up', inMinutes: 60, comment: 'Call {{customer.name}} back about {{field.' + field + '}}' },
        { type: 'send-email', to: 'customer', subject: 'Your chat {{chat.id}} with {{group.name}}', body: 'Hello {{customer.first_name|there}}, {{agent.name}} has passed it on.' },
        { type: 'transfer', to: { kind: 'group', groupId: world.groupB } },
      ],
    });
    const before = Date.now();
    const result = await run(alice, chatId, eventId);
    expect(result.outcomes.map((o) => [o.action, o.ok])).toEqual([
      ['add-comment', true],
      ['set-field', true],
      ['follow-up', true],
      ['send-email', true],
      ['transfer', true],
    ]);
    expect(result.outcomes[0]!.detail).toBe('Added a general comment: Escalated by Alice for Vera');
    // The mail went through the send_email binding, which answered with its message id.
    expect(result.outcomes[3]!.detail).toMatch(new RegExp(`^Sent “Your chat ${chatId} with Sales [^”]+” to vera@example\\.test \\(message .+\\)\\.$`));

    // Alice is not in Billing: the chat is no longer hers to read. Bob (both groups) reads its History.
    const bob = await signInAs(world.bob);
    const events = await history(bob, chatId);
    expect(ofKind(events, 'comment').map((c) => [c.commentKind, c.text])).toEqual([
      ['general', 'Escalated by Alice for Vera'],
      ['follow-up', 'Call Vera Visitor back about priority'],
    ]);
    expect(ofKind(events, 'fields-edited')[0]!.changes).toEqual([{ key: field, from: '', to: 'priority' }]);
    const followUp = ofKind(events, 'follow-up')[0]!;
    expect(followUp.dueAt).toBeGreaterThanOrEqual(before + 60 * 60_000);
    expect(ofKind(events, 'transferred')[0]!.to).toMatchObject({ kind: 'group', groupId: world.groupB });
    const [line] = ofKind(events, 'manual-event');
    expect(line).toMatchObject({ audience: 'staff', by: { id: world.alice.id }, eventId, name, runId: result.runId, outcomes: result.outcomes });
    expect(events.at(-1)!.kind).toBe('manual-event');

    // The customer saw the transfer (everyone does) and nothing else of it.
    const theirs = (await (await api(`/api/visitor/chats/${chatId}/transcript?token=${encodeURIComponent(token)}`)).json()) as { events: ChatEvent[] };
    expect(theirs.events.filter((e) => e.audience === 'staff')).toEqual([]);
    expect(theirs.events.map((e) => e.kind)).not.toContain('manual-event');

    // Ending is an action too (Bob holds no claim on it: the chat is queued in Billing).
    const endId = await defineEvent(adam, { name: `Close ${crypto.randomUUID().slice(0, 6)}`, groupIds: [world.groupB], actions: [{ type: 'end-chat' }] });
    expect((await run(bob, chatId, endId)).outcomes).toEqual([{ action: 'end-chat', ok: true, detail: 'Ended the chat.' }]);
    expect(((await (await send('GET', `/api/chats/${chatId}`, bob)).json()) as { chat: { status: string } }).chat.status).toBe('ended');
  });

  it('goes on past a failed action, undoing nothing, and says which failed and why', async () => {
    const world = await seedWorld();
    const [adam, alice, bob] = await Promise.all([signInAs(world.adam), signInAs(world.alice), signInAs(world.bob)]);
    const field = await defineField(adam);
    const { chatId } = await chatIn(world, 'A', bob); // Bob's chat: Alice may not end it
    const eventId = await defineEvent(adam, {
      name: `Wrap up ${crypto.randomUUID().slice(0, 6)}`,
      groupIds: [world.groupA],
      actions: [
        { type: 'add-comment', kind: 'resolution', text: 'Refund issued' },
        { type: 'end-chat' },
        { type: 'set-field', key: field, value: 'refunded' },
      ],
    });
    const { outcomes } = await run(alice, chatId, eventId);
    expect(outcomes).toEqual([
      { action: 'add-comment', ok: true, detail: 'Added a resolution comment: Refund issued' },
      { action: 'end-chat', ok: false, detail: 'Only the assigned agent can end this chat.' },
      { action: 'set-field', ok: true, detail: 'Set Plan to “refunded”.' },
    ]);
    const events = await history(alice, chatId);
    expect(ofKind(events, 'comment').map((c) => c.text)).toEqual(['Refund issued']);
    expect(ofKind(events, 'fields-edited')).toHaveLength(1);
    expect(ofKind(events, 'ended')).toEqual([]);
    expect(ofKind(events, 'manual-event')[0]!.outcomes).toEqual(outcomes);
  });

  it('fails a webhook action clearly, sending nothing, where no WEBHOOK_SECRET is set', async () => {
    const world = await seedWorld();
    const [adam, alice] = await Promise.all([signInAs(world.adam), signInAs(world.alice)]);
    const { chatId } = await chatIn(world, 'A', alice);
    const eventId = await defineEvent(adam, { name: `CRM ${crypto.randomUUID().slice(0, 6)}`, groupIds: [world.groupA], actions: [{ type: 'webhook', url: `${RECEIVER}/ok` }] });
    const row = (await (await send('GET', `/api/chats/${chatId}`, alice)).json()) as { chat: Parameters<typeof runManualEvent>[2] };
    const event = ((await (await send('GET', '/api/admin/manual-events', adam)).json()) as ManualEventsResponse).events.find((e) => e.id === eventId) as ManualEvent;
    // The same run the route does, in a deployment without the secret.
    const unsigned = { ...env, WEBHOOK_SECRET: undefined };
    const result = await runManualEvent(unsigned, { id: world.alice.id, email: world.alice.email, name: world.alice.name, role: 'agent' }, row.chat, event);
    expect(result.outcomes).toEqual([{ action: 'webhook', ok: false, detail: expect.stringContaining('no WEBHOOK_SECRET') }]);
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE chat_id = ?').bind(chatId).first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });
});

describe('webhooks', () => {
  it('are POSTed by the queue, signed, with the delivery id, and History says they were delivered', async () => {
    const world = await seedWorld();
    const [adam, alice] = await Promise.all([signInAs(world.adam), signInAs(world.alice)]);
    const field = await defineField(adam);
    const { chatId } = await chatIn(world, 'A', alice);
    await send('PUT', `/api/chats/${chatId}/fields`, alice, { fields: { [field]: 'gold' } });
    const name = `Notify CRM ${crypto.randomUUID().slice(0, 6)}`;
    const eventId = await defineEvent(adam, { name, groupIds: [world.groupA], actions: [{ type: 'webhook', url: `${RECEIVER}/ok/crm` }] });
    const result = await run(alice, chatId, eventId);
    expect(result.outcomes[0]).toMatchObject({ action: 'webhook', ok: true });
    const deliveryId = /delivery ([0-9a-f-]{36})/.exec(result.outcomes[0]!.detail)![1]!;

    await expect.poll(async () => (await received(deliveryId)).length, { timeout: QUEUE_WAIT_MS }).toBe(1);
    const [request] = await received(deliveryId);
    expect(request).toMatchObject({ method: 'POST', url: `${RECEIVER}/ok/crm` });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-switchboard-delivery']).toBe(deliveryId);
    expect(request!.headers['x-switchboard-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const headers = { timestamp: request!.headers['x-switchboard-timestamp'] ?? null, signature: request!.headers['x-switchboard-signature'] ?? null };
    expect(await verifyWebhook(env.WEBHOOK_SECRET!, headers, request!.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await verifyWebhook('another-secret', headers, request!.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(request!.body)).toMatchObject({
      deliveryId,
      runId: result.runId,
      event: { id: eventId, name },
      ranBy: { id: world.alice.id, name: 'Alice' },
      chat: { id: chatId, status: 'active', groupId: world.groupA, customer: { name: 'Vera Visitor', email: 'vera@example.test' }, agent: { id: world.alice.id }, fields: { [field]: 'gold' } },
    });

    await expect.poll(async () => ofKind(await history(alice, chatId), 'webhook-delivered').length, { timeout: QUEUE_WAIT_MS }).toBe(1);
    const [delivered] = ofKind(await history(alice, chatId), 'webhook-delivered');
    expect(delivered).toMatchObject({ audience: 'staff', deliveryId, runId: result.runId, name, url: `${RECEIVER}/ok/crm`, attempts: 1, status: 200 });
    expect(await findDelivery(env.DB, deliveryId)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });

    // Queues deliver at least once: the same message again is acknowledged and sends nothing.
    const again = await deliverAttempt(deliveryId, 1);
    expect([again.outcome, again.explicitAcks]).toEqual(['ok', [again.id]]);
    expect(await received(deliveryId)).toHaveLength(1);
    expect(ofKind(await history(alice, chatId), 'webhook-delivered')).toHaveLength(1);

    // Deleting the chat deletes its deliveries (their bodies name the customer).
    await send('POST', `/api/chats/${chatId}/end`, alice);
    expect((await send('DELETE', `/api/chats/${chatId}`, alice)).status).toBe(204);
    expect(await findDelivery(env.DB, deliveryId)).toBeUndefined();
  });

  it('are retried with backoff while the receiver fails, and the last failure shows in History', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await chatIn(world, 'A', alice);
    // A delivery as a run stores it, handed to the consumer attempt by attempt as the Queue does
    // (deliverAttempt): the real Queue would wait 10 s to 30 min between them.
    const deliveryId = crypto.randomUUID();
    const body = JSON.stringify({ deliveryId, event: { id: 'ev', name: 'Notify CRM' } });
    await insertDelivery(env.DB, { id: deliveryId, eventId: 'ev', runId: 'run-1', chatId, url: `${RECEIVER}/fail`, body, now: Date.now() });
    const delays: number[] = [];
    for (let n = 1; n < WEBHOOK_MAX_ATTEMPTS; n++) {
      const result = await deliverAttempt(deliveryId, n);
      expect(result.explicitAcks).toEqual([]);
      delays.push(...result.retryMessages.map((r) => r.delaySeconds ?? 0));
      expect(await findDelivery(env.DB, deliveryId)).toMatchObject({ status: 'pending', attempts: n, lastError: 'The receiver answered HTTP 503 Service Unavailable.' });
    }
    expect(delays).toEqual([10, 60, 300, 1800]);
    expect(ofKind(await history(alice, chatId), 'webhook-failed')).toEqual([]);

    const last = await deliverAttempt(deliveryId, WEBHOOK_MAX_ATTEMPTS);
    expect([last.explicitAcks, last.retryMessages]).toEqual([[last.id], []]);
    expect(await findDelivery(env.DB, deliveryId)).toMatchObject({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS });
    const [failed] = ofKind(await history(alice, chatId), 'webhook-failed');
    expect(failed).toMatchObject({ audience: 'staff', deliveryId, runId: 'run-1', name: 'Notify CRM', attempts: 5, reason: 'The receiver answered HTTP 503 Service Unavailable.' });
    // Every attempt was the same delivery, each signed afresh and valid.
    const requests = await received(deliveryId);
    expect(requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    for (const r of requests) {
      const headers = { timestamp: r.headers['x-switchboard-timestamp'] ?? null, signature: r.headers['x-switchboard-signature'] ?? null };
      expect([r.body, await verifyWebhook(env.WEBHOOK_SECRET!, headers, r.body, Math.floor(Date.now() / 1000))]).toEqual([body, true]);
    }
  });
});

describe('running an event on selected chats', () => {
  it('runs it on each, or refuses the whole request when one is outside the event’s groups', async () => {
    const world = await seedWorld();
    const [adam, alice, bob, carol] = await Promise.all([signInAs(world.adam), signInAs(world.alice), signInAs(world.bob), signInAs(world.carol)]);
    const eventId = await defineEvent(adam, {
      name: `Tag ${crypto.randomUUID().slice(0, 6)}`,
      groupIds: [world.groupA],
      actions: [{ type: 'add-comment', kind: 'general', text: 'Seen by {{agent.name}}' }, { type: 'end-chat' }],
    });
    const one = await chatIn(world, 'A', alice);
    const two = await chatIn(world, 'A'); // queued: anyone of the group may end it
    const billing = await chatIn(world, 'B');
    const bulk = (cookie: string, chatIds: string[]) => send('POST', `/api/bulk/manual-events/${eventId}/run`, cookie, { chatIds });

    expect(await errorOf(await bulk(bob, [one.chatId, billing.chatId]))).toMatchObject({ status: 403, code: 'event_not_for_group' });
    expect(await errorOf(await bulk(carol, [one.chatId]))).toMatchObject({ status: 404, code: 'not_found' });
    expect(ofKind(await history(alice, one.chatId), 'manual-event')).toEqual([]);

    const res = await bulk(alice, [one.chatId, two.chatId]);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as BulkRunResponse;
    expect(results.map((r) => (r.ok ? [r.chatId, r.run.outcomes.map((o) => o.ok)] : [r.chatId, r.code]))).toEqual([
      [one.chatId, [true, true]],
      [two.chatId, [true, true]],
    ]);
    for (const { chatId } of [one, two]) {
      const events = await history(alice, chatId);
      expect(ofKind(events, 'manual-event')).toHaveLength(1);
      expect(ofKind(events, 'comment')[0]!.text).toBe('Seen by Alice');
      expect(ofKind(events, 'ended')).toHaveLength(1);
    }
  });
});
