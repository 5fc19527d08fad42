// The help-desk items made beside a chat: tickets (from a chat, with its conversation and comments,
// edited, closed, replied to by email, noted internally, with time logs), tasks (done, due and
// told), call logs (prefilled from the chat, phone numbers checked), related items both ways with
// History lines, the lists and who sees them, and every refusal leaving nothing behind.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, LobbyFrame, Notice } from '../../../objects/protocol.ts';
import type { CallLogResponse, RelatedResponse, TaskListResponse, TaskResponse, TicketListResponse, TicketResponse } from '../../../worker/items/wire.ts';
import { api, connectAgent, connectLobby, seedWorld, signInAs, startChat, type TestSocket, type World } from '../helpers.ts';

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function created<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as T;
}

/** How many rows of this world's groups and chat each item table holds: a refusal must leave every one as it was. */
async function rowCounts(world: World, chatId: string): Promise<Record<string, number>> {
  const groups = `('${world.groupA}', '${world.groupB}')`;
  const queries: Record<string, string> = {
    tickets: `SELECT COUNT(*) AS n FROM tickets WHERE group_id IN ${groups}`,
    ticket_entries: `SELECT COUNT(*) AS n FROM ticket_entries e JOIN tickets t ON t.id = e.ticket_id WHERE t.group_id IN ${groups}`,
    tasks: `SELECT COUNT(*) AS n FROM tasks WHERE group_id IN ${groups}`,
    call_logs: `SELECT COUNT(*) AS n FROM call_logs WHERE group_id IN ${groups}`,
    relations: `SELECT COUNT(*) AS n FROM relations WHERE from_id = '${chatId}' OR to_id = '${chatId}'`,
    time_logs: `SELECT COUNT(*) AS n FROM time_logs WHERE group_id IN ${groups}`,
  };
  const counted = await Promise.all(Object.entries(queries).map(async ([table, sql]) => [table, (await env.DB.prepare(sql).first<{ n: number }>())!.n] as const));
  return Object.fromEntries(counted);
}

async function relatedEvents(socket: TestSocket): Promise<ChatEvent[]> {
  return socket.events().filter((e) => e.kind === 'related');
}

/** A taken chat in group A with a staff comment, and Alice's and Carol's sessions. */
async function chatWithComment(world: World) {
  const [alice, carol] = await Promise.all([signInAs(world.alice), signInAs(world.carol)]);
  const { chatId, token } = await startChat(world.groupA, 'My order 77 arrived broken.');
  await send('POST', `/api/chats/${chatId}/take`, alice);
  await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'general', text: 'Photo shows a cracked lid' });
  return { alice, carol, chatId, token };
}

describe('tickets', () => {
  it('made from a chat start with its conversation and comments, are related both ways, and say so in History', async () => {
    const world = await seedWorld();
    const { alice, carol, chatId } = await chatWithComment(world);
    const view = await connectAgent(chatId, alice);
    await view.replay();

    const { ticket, entries, related } = await created<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Broken lid, order 77', chatId, priority: 'high' }));
    expect(ticket).toMatchObject({ subject: 'Broken lid, order 77', status: 'open', priority: 'high', groupId: world.groupA, customerName: 'Vera Visitor', customerEmail: 'vera@example.test' });
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(entries.map((e) => e.kind)).toEqual(['conversation', 'note']);
    expect(entries[0]!.text).toContain('Vera Visitor: My order 77 arrived broken.');
    // The staff comment is an internal note, and never part of the customer-visible entry.
    expect(entries[0]!.text).not.toContain('cracked lid');
    expect(entries[1]!.text).toContain('Photo shows a cracked lid');
    expect(related).toMatchObject([{ kind: 'chat', id: chatId, label: expect.stringMatching(/^Chat with Vera Visitor \(Sales /) }]);

    const fromChat = (await (await send('GET', `/api/related/chat/${chatId}`, alice)).json()) as RelatedResponse;
    expect(fromChat.related).toMatchObject([{ kind: 'ticket', id: ticket.id, label: `Ticket #${ticket.number}: Broken lid, order 77`, state: 'open' }]);
    await view.nextOf('event');
    expect(await relatedEvents(view)).toMatchObject([{ kind: 'related', audience: 'staff', change: 'added', item: { kind: 'ticket', id: ticket.id } }]);

    // An agent outside the group sees none of it.
    expect((await send('GET', `/api/tickets/${ticket.id}`, carol)).status).toBe(404);
    expect((await send('GET', `/api/related/chat/${chatId}`, carol)).status).toBe(404);
    expect(((await (await send('GET', '/api/tickets?view=mine', carol)).json()) as TicketListResponse).total).toBe(0);
  });

  it('are edited, assigned, closed and reopened; lists show them by permission', async () => {
    const world = await seedWorld();
    const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
    const { ticket } = await created<TicketResponse>(
      await send('POST', '/api/tickets', alice, { subject: 'Invoice copy', groupId: world.groupA, customerName: 'Ann', customerEmail: 'Ann@Example.test', text: 'Asked by phone' }),
    );
    expect(ticket.customerEmail).toBe('ann@example.test');
    const assigned = (await (await send('PATCH', `/api/tickets/${ticket.id}`, alice, { agentId: world.alice.id, priority: 'urgent' })).json()) as TicketResponse;
    expect(assigned.ticket).toMatchObject({ agentId: world.alice.id, agentName: 'Alice', priority: 'urgent' });

    const mine = (await (await send('GET', '/api/tickets?view=mine', alice)).json()) as TicketListResponse;
    expect(mine.tickets.map((t) => t.id)).toEqual([ticket.id]);
    const group = (await (await send('GET', `/api/tickets?view=group&group=${world.groupA}&sort=priority&dir=desc`, alice)).json()) as TicketListResponse;
    expect(group.tickets.map((t) => t.id)).toEqual([ticket.id]);
    // All Tickets is for managers and administrators.
    expect(await code(await send('GET', '/api/tickets?view=all', alice))).toBe('not_allowed');
    expect(((await (await send('GET', '/api/tickets?view=all', mona)).json()) as TicketListResponse).total).toBe(1);

    const closed = (await (await send('PATCH', `/api/tickets/${ticket.id}`, alice, { status: 'closed' })).json()) as TicketResponse;
    expect(closed.ticket.status).toBe('closed');
    expect(closed.ticket.closedAt).not.toBeNull();
    // A closed ticket leaves My Tickets and the group's open list, but not All Tickets.
    expect(((await (await send('GET', '/api/tickets?view=mine', alice)).json()) as TicketListResponse).total).toBe(0);
    expect(((await (await send('GET', '/api/tickets?view=all&status=closed', mona)).json()) as TicketListResponse).total).toBe(1);
    const reopened = (await (await send('PATCH', `/api/tickets/${ticket.id}`, alice, { status: 'open' })).json()) as TicketResponse;
    expect(reopened.ticket.closedAt).toBeNull();
  });

  it('take replies (emailed to the customer), internal notes and time logs', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const { ticket } = await created<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Where is my refund?', groupId: world.groupA, customerName: 'Ann', customerEmail: 'ann@example.test' }));
    const reply = await created<{ entry: { kind: string; emailedTo: string | null } }>(await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'reply', text: 'Your refund left today.' }));
    expect(reply.entry).toMatchObject({ kind: 'reply', emailedTo: 'ann@example.test' });
    const note = await created<{ entry: { kind: string; emailedTo: string | null } }>(await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'note', text: 'Finance confirmed' }));
    expect(note.entry).toMatchObject({ kind: 'note', emailedTo: null });

    const log = await created<{ timeLog: { id: string; minutes: number } }>(await send('POST', `/api/tickets/${ticket.id}/time-logs`, alice, { minutes: 20, billable: true, note: 'Refund check' }));
    const shown = (await (await send('GET', `/api/tickets/${ticket.id}`, alice)).json()) as TicketResponse;
    expect(shown.entries.map((e) => e.kind)).toEqual(['reply', 'note']);
    expect(shown.total).toEqual({ all: 20, billable: 20 });
    // Only whoever logged it (or a supervisor) removes a time log.
    expect(await code(await send('DELETE', `/api/tickets/${ticket.id}/time-logs/${log.timeLog.id}`, bob))).toBe('not_allowed');
    expect((await send('DELETE', `/api/tickets/${ticket.id}/time-logs/${log.timeLog.id}`, alice)).status).toBe(204);
    expect(await code(await send('DELETE', `/api/tickets/${ticket.id}/time-logs/${log.timeLog.id}`, alice))).toBe('no_such_time_log');
  });

  it('refuse bad input and other groups, and store nothing when they do', async () => {
    const world = await seedWorld();
    const { alice, carol, chatId } = await chatWithComment(world);
    const before = await rowCounts(world, chatId);
    const refusals: [string, Response][] = [
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: 'x'.repeat(201), chatId })],
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: '   ', chatId })],
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: 'No place' })],
      ['not_found', await send('POST', '/api/tickets', alice, { subject: 'Unknown chat', chatId: 'no-such-chat' })],
      ['not_found', await send('POST', '/api/tickets', carol, { subject: 'Chat of another group', chatId })],
      ['unknown_group', await send('POST', '/api/tickets', alice, { subject: 'Other group', groupId: world.groupB, customerName: 'A', customerEmail: 'a@x.test' })],
      ['unknown_agent', await send('POST', '/api/tickets', alice, { subject: 'To Carol', chatId, agentId: world.carol.id })],
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: 'Bad email', groupId: world.groupA, customerName: 'A', customerEmail: 'not-an-email' })],
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: 'Bad priority', chatId, priority: 'whenever' })],
      ['invalid_body', await send('POST', '/api/tasks', alice, { title: 'Bad due', chatId, dueAt: '2026-13-45' })],
      ['invalid_body', await send('POST', '/api/tasks', alice, { title: 'Due in a century', chatId, dueAt: Date.now() + 100 * 365 * 86_400_000 })],
      ['invalid_phone', await send('POST', '/api/calls', alice, { chatId, phone: 'call me maybe', direction: 'inbound', startedAt: Date.now() - 1000, durationSeconds: 60 })],
      ['invalid_body', await send('POST', '/api/calls', alice, { chatId, phone: '+1 555 0100', direction: 'inbound', startedAt: Date.now() - 1000, durationSeconds: -5 })],
      ['invalid_body', await send('POST', '/api/calls', alice, { chatId, phone: '+1 555 0100', direction: 'sideways', startedAt: Date.now() - 1000, durationSeconds: 5 })],
      ['invalid_body', await send('POST', `/api/chats/${chatId}/time-logs`, alice, { minutes: -10 })],
      ['not_found', await send('POST', `/api/related/chat/${chatId}`, alice, { kind: 'ticket', id: 'no-such-ticket' })],
      ['same_item', await send('POST', `/api/related/chat/${chatId}`, alice, { kind: 'chat', id: chatId })],
      // An item made from a chat is in the chat's group: its conversation never moves to another.
      ['invalid_body', await send('POST', '/api/tickets', await signInAs(world.bob), { subject: 'Into B', chatId, groupId: world.groupB })],
      // Direction marks and line breaks have no place in a subject (it becomes an email's subject).
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: 'Refund \u202Efdp.exe', chatId })],
      ['invalid_body', await send('POST', '/api/tickets', alice, { subject: 'Two\nlines', chatId })],
    ];
    for (const [expected, res] of refusals) expect([res.status, await code(res)]).toEqual([expect.any(Number), expected]);
    expect(await rowCounts(world, chatId)).toEqual(before);
  });
});

describe('tasks', () => {
  it('made from a chat are the creator’s, listed overdue first, done and undone', async () => {
    const world = await seedWorld();
    const { alice, chatId } = await chatWithComment(world);
    const now = Date.now();
    const later = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: 'Send a new lid', chatId, dueAt: now + 86_400_000 }));
    expect(later.task).toMatchObject({ assigneeId: world.alice.id, groupId: world.groupA, doneAt: null });
    expect(later.related).toMatchObject([{ kind: 'chat', id: chatId }]);
    const overdue = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: 'Call the courier', groupId: world.groupA, dueAt: now - 60_000 }));
    const undated = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: 'Someday', groupId: world.groupA }));
    const forBob = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: 'For Bob', groupId: world.groupA, assigneeId: world.bob.id }));
    expect(forBob.task.assigneeName).toBe('Bob');

    const mine = (await (await send('GET', '/api/tasks', alice)).json()) as TaskListResponse;
    expect(mine.tasks.map((t) => t.id)).toEqual([overdue.task.id, later.task.id, undated.task.id]);
    // The group's open tasks, whoever holds them; not for someone outside the group.
    const group = (await (await send('GET', `/api/tasks?view=group&group=${world.groupA}`, alice)).json()) as TaskListResponse;
    expect(new Set(group.tasks.map((t) => t.id))).toEqual(new Set([overdue.task.id, later.task.id, undated.task.id, forBob.task.id]));
    expect(await code(await send('GET', `/api/tasks?view=group&group=${world.groupA}`, await signInAs(world.carol)))).toBe('unknown_group');
    expect(await code(await send('GET', '/api/tasks?view=group', alice))).toBe('invalid_query');
    const done = (await (await send('PATCH', `/api/tasks/${overdue.task.id}`, alice, { done: true })).json()) as TaskResponse;
    expect(done.task.doneAt).not.toBeNull();
    expect(((await (await send('GET', '/api/tasks?state=done', alice)).json()) as TaskListResponse).tasks.map((t) => t.id)).toEqual([overdue.task.id]);
    const undone = (await (await send('PATCH', `/api/tasks/${overdue.task.id}`, alice, { done: false })).json()) as TaskResponse;
    expect(undone.task.doneAt).toBeNull();
    expect(await code(await send('PATCH', `/api/tasks/${overdue.task.id}`, alice, {}))).toBe('invalid_body');
    expect(await code(await send('PATCH', `/api/tasks/${overdue.task.id}`, alice, { assigneeId: world.carol.id }))).toBe('unknown_agent');
  });

  it('tell their assignee in the console when they fall due, once, and not when done first', async () => {
    const world = await seedWorld();
    const bob = await signInAs(world.bob);
    const alice = await signInAs(world.alice);
    const bobConsole = await connectLobby(bob, world.groupA);
    const dueAt = Date.now() + 1200;
    const { task } = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: 'Ring the customer', groupId: world.groupA, assigneeId: world.bob.id, dueAt }));
    const { task: finished } = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: 'Done before due', groupId: world.groupA, assigneeId: world.bob.id, dueAt }));
    await send('PATCH', `/api/tasks/${finished.id}`, alice, { done: true });

    await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now() + 50));
    await runDurableObjectAlarm(env.AGENT_HUB.get(env.AGENT_HUB.idFromName(world.bob.id)));
    let notice: Notice | undefined;
    while (!notice) {
      const frame = (await bobConsole.next()) as unknown as LobbyFrame;
      if (frame.type === 'notice') notice = frame.notice;
    }
    expect(notice).toEqual({ id: `task:${task.id}:${dueAt}`, kind: 'task-due', taskId: task.id, title: 'Ring the customer', at: dueAt });
    // Nothing about the finished task, however often the alarm runs.
    await runDurableObjectAlarm(env.AGENT_HUB.get(env.AGENT_HUB.idFromName(world.bob.id)));
    await send('GET', '/api/me', bob);
    const notices = bobConsole.frames.filter((f) => (f as unknown as LobbyFrame).type === 'notice');
    expect(notices).toHaveLength(1);
  });
});

describe('call logs', () => {
  it('from a chat are prefilled with its customer, listed by group and agent, and changed only by their agent or a supervisor', async () => {
    const world = await seedWorld();
    const { alice, chatId } = await chatWithComment(world);
    const [bob, mona] = await Promise.all([signInAs(world.bob), signInAs(world.mona)]);
    const startedAt = Date.now() - 300_000;
    const { call, related } = await created<CallLogResponse>(
      await send('POST', '/api/calls', alice, { chatId, phone: '+44 (20) 7946-0958', direction: 'outbound', startedAt, durationSeconds: 185, notes: 'Promised a new lid' }),
    );
    expect(call).toMatchObject({ customerName: 'Vera Visitor', customerEmail: 'vera@example.test', groupId: world.groupA, agentId: world.alice.id, durationSeconds: 185 });
    expect(call.number).toBeGreaterThanOrEqual(5001);
    expect(related).toMatchObject([{ kind: 'chat', id: chatId }]);
    const byGroup = (await (await send('GET', `/api/calls?view=group&group=${world.groupA}`, bob)).json()) as { calls: { id: string }[] };
    expect(byGroup.calls.map((c) => c.id)).toEqual([call.id]);
    const byAgent = (await (await send('GET', `/api/calls?view=agent&agent=${world.alice.id}`, bob)).json()) as { calls: { id: string }[] };
    expect(byAgent.calls.map((c) => c.id)).toEqual([call.id]);
    expect(await code(await send('PATCH', `/api/calls/${call.id}`, bob, { notes: 'Not mine to change' }))).toBe('not_allowed');
    const changed = (await (await send('PATCH', `/api/calls/${call.id}`, mona, { notes: 'Lid sent' })).json()) as CallLogResponse;
    expect(changed.call.notes).toBe('Lid sent');
    expect(await code(await send('PATCH', `/api/calls/${call.id}`, alice, { phone: '12' }))).toBe('invalid_phone');
  });
});

describe('related items', () => {
  it('name an item of another group in a chat’s History only by its kind', async () => {
    const world = await seedWorld();
    const { alice, chatId } = await chatWithComment(world);
    const bob = await signInAs(world.bob); // in groups A and B
    const { ticket } = await created<TicketResponse>(await send('POST', '/api/tickets', bob, { subject: 'Secret B matter', groupId: world.groupB, customerName: 'Bea', customerEmail: 'bea@example.test' }));
    await created<RelatedResponse>(await send('POST', `/api/related/chat/${chatId}`, bob, { kind: 'ticket', id: ticket.id }));
    // Alice (group A only) reads the chat's History: a ticket of another group, no subject.
    const view = await connectAgent(chatId, alice);
    const events = await view.replay();
    const line = events.find((e) => e.kind === 'related');
    expect(line).toMatchObject({ item: { kind: 'ticket', id: ticket.id, label: 'a ticket of another group' } });
    expect(JSON.stringify(events)).not.toContain('Secret B matter');
    // Nor does her Related Items list show it; Bob's does.
    expect(((await (await send('GET', `/api/related/chat/${chatId}`, alice)).json()) as RelatedResponse).related).toEqual([]);
    expect(((await (await send('GET', `/api/related/chat/${chatId}`, bob)).json()) as RelatedResponse).related).toMatchObject([{ id: ticket.id }]);
  });

  it('list more items than one D1 statement can bind', async () => {
    const world = await seedWorld();
    const { alice, chatId } = await chatWithComment(world);
    const now = Date.now();
    const ids = Array.from({ length: 120 }, () => crypto.randomUUID());
    await env.DB.batch(
      ids.flatMap((id, i) => [
        env.DB.prepare(
          `INSERT INTO tickets (id, number, subject, status, priority, group_id, customer_name, customer_email, created_by, created_at, updated_at)
           SELECT ?, COALESCE(MAX(number) + 1, 1001), ?, 'open', 'normal', ?, 'Vera', 'vera@example.test', ?, ?, ? FROM tickets`,
        ).bind(id, `Bulk ${i}`, world.groupA, world.alice.id, now, now),
        env.DB.prepare("INSERT INTO relations (from_kind, from_id, to_kind, to_id, created_by, created_at) VALUES ('chat', ?, 'ticket', ?, ?, ?)").bind(chatId, id, world.alice.id, now + i),
        env.DB.prepare("INSERT INTO relations (from_kind, from_id, to_kind, to_id, created_by, created_at) VALUES ('ticket', ?, 'chat', ?, ?, ?)").bind(id, chatId, world.alice.id, now + i),
      ]),
    );
    const res = await send('GET', `/api/related/chat/${chatId}`, alice);
    expect(res.status).toBe(200);
    expect(((await res.json()) as RelatedResponse).related).toHaveLength(120);
  });

  it('relate a chat to an existing ticket found by number, show on both sides and in History, and unrelate', async () => {
    const world = await seedWorld();
    const { alice, carol, chatId } = await chatWithComment(world);
    const { ticket } = await created<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Earlier breakage', groupId: world.groupA, customerName: 'Vera', customerEmail: 'vera@example.test' }));
    const view = await connectAgent(chatId, alice);
    await view.replay();

    const found = (await (await send('GET', `/api/related/find?q=%23${ticket.number}`, alice)).json()) as { items: { kind: string; id: string }[] };
    expect(found.items).toMatchObject([{ kind: 'ticket', id: ticket.id }]);
    const bySubject = (await (await send('GET', '/api/related/find?q=breakage&kinds=ticket', alice)).json()) as { items: { id: string }[] };
    expect(bySubject.items.map((i) => i.id)).toEqual([ticket.id]);
    // Carol is not in the group: she finds nothing of it.
    expect(((await (await send('GET', '/api/related/find?q=breakage', carol)).json()) as { items: unknown[] }).items).toEqual([]);

    const related = await created<RelatedResponse>(await send('POST', `/api/related/chat/${chatId}`, alice, { kind: 'ticket', id: ticket.id }));
    expect(related.related).toMatchObject([{ kind: 'ticket', id: ticket.id }]);
    expect(await code(await send('POST', `/api/related/chat/${chatId}`, alice, { kind: 'ticket', id: ticket.id }))).toBe('already_related');
    const ticketSide = (await (await send('GET', `/api/tickets/${ticket.id}`, alice)).json()) as TicketResponse;
    expect(ticketSide.related).toMatchObject([{ kind: 'chat', id: chatId }]);

    expect((await send('DELETE', `/api/related/chat/${chatId}/ticket/${ticket.id}`, alice)).status).toBe(204);
    expect(await code(await send('DELETE', `/api/related/chat/${chatId}/ticket/${ticket.id}`, alice))).toBe('not_related');
    expect(((await (await send('GET', `/api/tickets/${ticket.id}`, alice)).json()) as TicketResponse).related).toEqual([]);
    await view.nextOf('event');
    await view.nextOf('event');
    expect((await relatedEvents(view)).map((e) => (e.kind === 'related' ? e.change : null))).toEqual(['added', 'removed']);

    // A task is found by its title.
    const { task } = await created<TaskResponse>(await send('POST', '/api/tasks', alice, { title: `Ring Vera ${world.groupA}`, groupId: world.groupA }));
    const byTitle = (await (await send('GET', `/api/related/find?q=${encodeURIComponent(`Ring Vera ${world.groupA}`)}&kinds=task`, alice)).json()) as { items: { id: string }[] };
    expect(byTitle.items.map((i) => i.id)).toEqual([task.id]);

    // Deleting the chat takes its relations with it.
    await send('POST', `/api/chats/${chatId}/end`, alice);
    expect((await send('DELETE', `/api/chats/${chatId}`, alice)).status).toBe(204);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM relations WHERE (from_kind = 'chat' AND from_id = ?) OR (to_kind = 'chat' AND to_id = ?)").bind(chatId, chatId).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });
});

describe('a group with open items', () => {
  it('is not deleted while it has open tickets or tasks (they would be in nobody’s list)', async () => {
    const world = await seedWorld();
    const [bob, adam] = await Promise.all([signInAs(world.bob), signInAs(world.adam)]);
    const { ticket } = await created<TicketResponse>(await send('POST', '/api/tickets', bob, { subject: 'Open in B', groupId: world.groupB, customerName: 'Bea', customerEmail: 'bea@example.test' }));
    const refused = await send('DELETE', `/api/admin/groups/${world.groupB}`, adam);
    expect([refused.status, await code(refused)]).toEqual([409, 'group_has_open_items']);
    await send('PATCH', `/api/tickets/${ticket.id}`, bob, { status: 'closed' });
    const { task } = await created<TaskResponse>(await send('POST', '/api/tasks', bob, { title: 'Open task in B', groupId: world.groupB }));
    expect(await code(await send('DELETE', `/api/admin/groups/${world.groupB}`, adam))).toBe('group_has_open_items');
    await send('PATCH', `/api/tasks/${task.id}`, bob, { done: true });
    expect((await send('DELETE', `/api/admin/groups/${world.groupB}`, adam)).status).toBe(204);
  });
});

describe('tickets from the customer’s lists', () => {
  it('start from a call log: in its group, for its customer, beginning with what the call log says, related to it', async () => {
    const world = await seedWorld();
    const [alice, carol] = await Promise.all([signInAs(world.alice), signInAs(world.carol)]);
    const { call } = await created<CallLogResponse>(
      await send('POST', '/api/calls', alice, {
        customerName: 'Cora Caller',
        customerEmail: 'cora@example.test',
        phone: '+1 555 0199',
        direction: 'inbound',
        startedAt: Date.now() - 120_000,
        durationSeconds: 150,
        groupId: world.groupA,
        notes: 'Wants a refund for order 9',
      }),
    );
    const before = await rowCounts(world, 'none');
    expect(await code(await send('POST', '/api/tickets', carol, { subject: 'Refund', callId: call.id }))).toBe('not_found');
    expect(await code(await send('POST', '/api/tickets', alice, { subject: 'Refund', callId: call.id, groupId: world.groupB }))).toBe('invalid_body');
    expect(await code(await send('POST', '/api/tickets', alice, { subject: 'Refund', callId: call.id, chatId: 'some-chat' }))).toBe('invalid_body');
    expect(await rowCounts(world, 'none')).toEqual(before);

    const { ticket, entries, related } = await created<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Refund order 9', callId: call.id }));
    expect(ticket).toMatchObject({ groupId: world.groupA, customerName: 'Cora Caller', customerEmail: 'cora@example.test' });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.text).toContain('Inbound call');
    expect(entries[0]!.text).toContain('Wants a refund for order 9');
    expect(related.map((r) => [r.kind, r.id])).toEqual([['call', call.id]]);

    // A call log without an email needs one for the ticket (its replies go there).
    const { call: anonymous } = await created<CallLogResponse>(
      await send('POST', '/api/calls', alice, { customerName: 'No Mail', phone: '+1 555 0198', direction: 'outbound', startedAt: Date.now() - 1000, durationSeconds: 5, groupId: world.groupA }),
    );
    expect(await code(await send('POST', '/api/tickets', alice, { subject: 'Follow up', callId: anonymous.id }))).toBe('invalid_body');
  });

  it('merge: the other ticket’s thread, time logs and related items move; both say so; the two stay related; the other is closed', async () => {
    const world = await seedWorld();
    const { alice, carol, chatId } = await chatWithComment(world);
    const into = (await created<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Lid broken', groupId: world.groupA, customerName: 'Vera Visitor', customerEmail: 'vera@example.test' }))).ticket;
    const from = (await created<TicketResponse>(await send('POST', '/api/tickets', alice, { subject: 'Broken lid again', chatId }))).ticket;
    await created(await send('POST', `/api/tickets/${from.id}/time-logs`, alice, { minutes: 9 }));
    const before = await rowCounts(world, chatId);
    expect(await code(await send('POST', `/api/tickets/${into.id}/merge`, alice, { ticketId: into.id }))).toBe('same_item');
    expect(await code(await send('POST', `/api/tickets/${into.id}/merge`, carol, { ticketId: from.id }))).toBe('not_found');
    expect(await code(await send('POST', `/api/tickets/${into.id}/merge`, alice, { ticketId: 'nope' }))).toBe('not_found');
    expect(await rowCounts(world, chatId)).toEqual(before);

    const res = await send('POST', `/api/tickets/${into.id}/merge`, alice, { ticketId: from.id });
    expect(res.status).toBe(200);
    const merged = (await res.json()) as TicketResponse;
    expect(merged.entries.map((e) => e.kind)).toEqual(['conversation', 'note', 'note']);
    expect(merged.entries.at(-1)!.text).toContain('was merged into this one');
    expect(merged.timeLogs.map((t) => t.minutes)).toEqual([9]);
    expect(merged.related.map((r) => r.kind).sort()).toEqual(['chat', 'ticket']);
    const closed = (await (await send('GET', `/api/tickets/${from.id}`, alice)).json()) as TicketResponse;
    expect(closed.ticket.status).toBe('closed');
    expect(closed.entries.map((e) => e.text)).toEqual([expect.stringContaining('Merged into ticket')]);
    expect(closed.related.map((r) => [r.kind, r.id])).toEqual([['ticket', into.id]]);
  });
});
