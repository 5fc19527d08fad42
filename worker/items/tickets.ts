// Tickets (the seed's Add → New Ticket): made from a chat (its customer-visible conversation is the
// first entry, its staff comments become internal notes, and the two are related) or on their
// own; lists of My Tickets, a group's open tickets and, for managers and administrators, all
// tickets of their groups; replies emailed to the customer through send_email, internal notes
// kept with staff; time logs. Mounted at /api/tickets.
import type { CallLog, NewTicketBody, TicketEditBody, TicketEntryBody, TicketEntryResponse, TicketListResponse, TicketResponse } from './wire.ts';
import type { TimeLogBody, TimeLogResponse, TimeLogsResponse } from '../chats/wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { transcriptText } from '../../objects/chat/transcript.ts';
import { COMMENT_LABELS } from '../../objects/rules/comments.ts';
import { MAX_EMAIL_LENGTH } from '../../objects/rules/email.ts';
import { DIRECTION_LABELS, formatSeconds, itemNumber, MAX_ENTRY_LENGTH, MAX_NAME_LENGTH, MAX_SUBJECT_LENGTH, NEW_TICKET_ENTRY_KINDS, reachesCustomer, TICKET_PRIORITIES, TICKET_STATUSES } from '../../objects/rules/items.ts';
import { supervises } from '../../objects/rules/ranks.ts';
import { mayRemoveTimeLog, totalMinutes } from '../../objects/rules/time-logs.ts';
import { requireAgent } from '../auth/session.ts';
import { chatStub } from '../chats/actions.ts';
import { NewTimeLog, timeLogInput } from '../chats/record-routes.ts';
import type { AppEnv, SessionAgent } from '../http/app-env.ts';
import { readBody, readQuery } from '../http/body.ts';
import { idField, pageQuery } from '../http/paging.ts';
import { ApiError } from '../http/errors.ts';
import {
  findCall,
  mergeTickets,
  addEntry,
  deleteEntry,
  deleteTicketTimeLog,
  findTicket,
  insertRelation,
  insertTicket,
  insertTicketTimeLog,
  listTickets,
  markEmailed,
  type NewEntry,
  type TicketFilter,
  relatedOf,
  TICKET_SORT_KEYS,
  ticketEntries,
  ticketRef,
  ticketTimeLogs,
  updateTicket,
} from './queries.ts';
import { noteCustomerQuietly } from '../customers/queries.ts';
import { customerOf, manyLines, noteOnChat, oneLine, placeOf, requireMember, requireMyGroup } from './scope.ts';

const subject = oneLine(MAX_SUBJECT_LENGTH);
const id = idField;

const NewTicket = z.object({
  subject,
  priority: z.optional(z.enum(TICKET_PRIORITIES)),
  groupId: z.optional(id),
  agentId: z.optional(z.nullable(id)),
  customerName: z.optional(oneLine(MAX_NAME_LENGTH)),
  customerEmail: z.optional(z.string().check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH))),
  text: z.optional(manyLines(MAX_ENTRY_LENGTH, 1)),
  chatId: z.optional(id),
  callId: z.optional(id),
});

const MergeBody = z.object({ ticketId: id });

const TicketEdit = z.object({
  subject: z.optional(subject),
  status: z.optional(z.enum(TICKET_STATUSES)),
  priority: z.optional(z.enum(TICKET_PRIORITIES)),
  agentId: z.optional(z.nullable(id)),
});

const NewEntryBody = z.object({
  kind: z.enum(NEW_TICKET_ENTRY_KINDS),
  text: manyLines(MAX_ENTRY_LENGTH, 1),
});

const page = {
  sort: z._default(z.enum(TICKET_SORT_KEYS as [string, ...string[]]), 'updated'),
  dir: z._default(z.enum(['asc', 'desc']), 'desc'),
  ...pageQuery,
};
const ListQuery = z.discriminatedUnion('view', [
  z.object({ view: z.literal('mine'), ...page }),
  z.object({ view: z.literal('group'), group: id, ...page }),
  z.object({ view: z.literal('all'), status: z.optional(z.enum(TICKET_STATUSES)), ...page }),
]);

async function requireTicket(env: Env, agent: SessionAgent, ticketId: string) {
  const ticket = await findTicket(env.DB, agent.id, ticketId);
  if (!ticket) throw new ApiError(404, 'not_found', 'No such ticket in your groups.');
  return ticket;
}

/** The chat as the ticket's first entries: what the customer saw, then each staff comment as an internal note. */
async function chatEntries(env: Env, chatId: string, by: { id: string; name: string }, now: number): Promise<NewEntry[]> {
  const room = chatStub(env, chatId);
  const [seen, comments] = await Promise.all([room.transcript('visitor'), room.comments()]);
  if (!seen) throw new ApiError(404, 'not_found', 'No such chat.');
  const conversation: NewEntry = { kind: 'conversation', author: by, text: transcriptText(seen.chat, seen.events).trim(), at: now };
  return [
    conversation,
    ...comments.map((c): NewEntry => ({ kind: 'note', author: c.by, text: `${COMMENT_LABELS[c.kind]} comment on the chat: ${c.text}`, at: now })),
  ];
}

/** A ticket started from a call log begins with what the call log says. */
function callEntry(call: CallLog, by: { id: string; name: string }, now: number): NewEntry {
  const what = `${DIRECTION_LABELS[call.direction]} call ${itemNumber(call.number)} with ${call.customerName} (${call.phone}), ${formatSeconds(call.durationSeconds)}, by ${call.agentName}.`;
  return { kind: 'note', author: by, text: call.notes ? `${what}\n${call.notes}` : what, at: now };
}

export const ticketRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const agent = c.get('agent');
    const q = readQuery(c, ListQuery, {
      defaults: { view: 'mine' },
      hint: `view is mine, group with group=<id>, or all (managers and administrators) with an optional status; sort is one of ${TICKET_SORT_KEYS.join(', ')}.`,
    });
    if (q.view === 'group') await requireMyGroup(c.env, agent, q.group);
    if (q.view === 'all' && !supervises(agent.role)) throw new ApiError(403, 'not_allowed', 'All Tickets is for managers and administrators.');
    const filter: TicketFilter = q.view === 'group' ? { view: q.view, groupId: q.group } : q.view === 'all' ? { view: q.view, status: q.status ?? null } : { view: q.view };
    const sort = { key: q.sort as (typeof TICKET_SORT_KEYS)[number], dir: q.dir, limit: q.limit, offset: q.offset };
    return c.json((await listTickets(c.env.DB, agent.id, filter, sort)) satisfies TicketListResponse);
  })
  .post('/', async (c) => {
    const agent = c.get('agent');
    const body = await readBody<NewTicketBody>(c, NewTicket);
    // Started from a call log (the seed's Calls tab): in the call's group, for its customer.
    if (body.callId !== undefined && body.chatId !== undefined) throw new ApiError(400, 'invalid_body', 'A ticket is made from a chat or from a call log, not both.', 'callId');
    const call = body.callId === undefined ? null : await findCall(c.env.DB, agent.id, body.callId);
    if (body.callId !== undefined && !call) throw new ApiError(404, 'not_found', 'No such call log in your groups.');
    if (call && body.groupId !== undefined && body.groupId !== call.groupId) {
      throw new ApiError(400, 'invalid_body', 'A ticket made from a call log is in the call’s group: leave groupId out.', 'groupId');
    }
    const { chat, groupId } = await placeOf(c.env, agent, call ? { groupId: call.groupId } : body);
    const assignee = body.agentId === undefined ? null : body.agentId === null ? null : await requireMember(c.env, groupId, body.agentId, 'agentId');
    const from = call ? { customerName: body.customerName ?? call.customerName, customerEmail: body.customerEmail ?? (call.customerEmail || undefined) } : body;
    const { customerName, customerEmail } = customerOf(from, chat, 'required');
    const now = Date.now();
    const me = { id: agent.id, name: agent.name };
    const entries: NewEntry[] = chat ? await chatEntries(c.env, chat.id, me, now) : call ? [callEntry(call, me, now)] : [];
    if (body.text !== undefined) entries.push({ kind: 'note', author: me, text: body.text, at: now });
    const ticketId = crypto.randomUUID();
    const statements = insertTicket(c.env.DB, { id: ticketId, subject: body.subject, priority: body.priority ?? 'normal', groupId, agent: assignee, customerName, customerEmail, createdBy: agent.id, now }, entries);
    // The ticket, its first entries and its relation to the chat or call: one batch, all or nothing.
    if (chat) statements.push(...insertRelation(c.env.DB, { kind: 'ticket', id: ticketId }, { kind: 'chat', id: chat.id }, agent.id, now));
    if (call) statements.push(...insertRelation(c.env.DB, { kind: 'ticket', id: ticketId }, { kind: 'call', id: call.id }, agent.id, now));
    const results = await c.env.DB.batch(statements);
    if (customerEmail !== '') await noteCustomerQuietly(c.env.DB, { email: customerEmail, name: customerName, at: now });
    const number = (results[0]!.results[0] as { number: number }).number;
    if (chat) await noteOnChat(c.env, agent, chat.id, ticketRef({ id: ticketId, number, subject: body.subject }), 'added');
    return c.json((await ticketAnswer(c.env, agent, ticketId)) satisfies TicketResponse, 201);
  })
  // The answer finds the ticket among the caller's groups itself (404 otherwise).
  .get('/:id', async (c) => c.json((await ticketAnswer(c.env, c.get('agent'), c.req.param('id'))) satisfies TicketResponse))
  .patch('/:id', async (c) => {
    const agent = c.get('agent');
    const ticket = await requireTicket(c.env, agent, c.req.param('id'));
    const body = await readBody<TicketEditBody>(c, TicketEdit);
    if (Object.keys(body).length === 0) throw new ApiError(400, 'invalid_body', 'Change at least one of subject, status, priority, agentId.');
    const agentChange = body.agentId === undefined ? undefined : body.agentId === null ? null : await requireMember(c.env, ticket.groupId, body.agentId, 'agentId');
    await updateTicket(c.env.DB, ticket, { subject: body.subject, status: body.status, priority: body.priority, agent: agentChange }, Date.now());
    return c.json((await ticketAnswer(c.env, agent, ticket.id)) satisfies TicketResponse);
  })
  // The seed's "merging them with other tickets": the other ticket's thread, time logs and related
  // items move here, a note on each says what happened, the two stay related, and the other is
  // closed. One batch.
  .post('/:id/merge', async (c) => {
    const agent = c.get('agent');
    const into = await requireTicket(c.env, agent, c.req.param('id'));
    const { ticketId } = await readBody<{ ticketId: string }>(c, MergeBody);
    if (ticketId === into.id) throw new ApiError(400, 'same_item', 'A ticket cannot be merged into itself.', 'ticketId');
    const from = await requireTicket(c.env, agent, ticketId);
    await mergeTickets(c.env.DB, into, from, { id: agent.id, name: agent.name }, Date.now());
    return c.json((await ticketAnswer(c.env, agent, into.id)) satisfies TicketResponse);
  })
  .post('/:id/entries', async (c) => {
    const agent = c.get('agent');
    const ticket = await requireTicket(c.env, agent, c.req.param('id'));
    const body = await readBody<TicketEntryBody>(c, NewEntryBody);
    const entry = await addEntry(c.env.DB, ticket, { kind: body.kind, author: { id: agent.id, name: agent.name }, text: body.text, at: Date.now() });
    // A note or a resolution stays with staff: only a reply is ever sent.
    if (!reachesCustomer(body.kind)) return c.json({ entry } satisfies TicketEntryResponse, 201);
    // A reply is stored first, then sent, then marked with where it went: a reply that could not
    // be sent is removed again (the thread never shows what did not leave), and one that was sent
    // is in the thread whatever happens next.
    try {
      await c.env.EMAIL.send({
        from: { email: c.env.SENDER_EMAIL, name: `${ticket.groupName} (Switchboard)` },
        to: ticket.customerEmail,
        subject: `[Ticket ${itemNumber(ticket.number)}] ${ticket.subject}`,
        text: `${body.text}\n\n— ${agent.name}, ${ticket.groupName}\nTicket ${itemNumber(ticket.number)}`,
      });
    } catch (err) {
      console.error('ticket reply not sent', err);
      await deleteEntry(c.env.DB, entry.id);
      throw new ApiError(502, 'email_failed', 'The reply could not be emailed; it was not stored. Try again.');
    }
    await markEmailed(c.env.DB, entry.id, ticket.customerEmail);
    return c.json({ entry: { ...entry, emailedTo: ticket.customerEmail } } satisfies TicketEntryResponse, 201);
  })
  .get('/:id/time-logs', async (c) => {
    const ticket = await requireTicket(c.env, c.get('agent'), c.req.param('id'));
    const timeLogs = await ticketTimeLogs(c.env.DB, ticket.id);
    return c.json({ timeLogs, total: totalMinutes(timeLogs) } satisfies TimeLogsResponse);
  })
  .post('/:id/time-logs', async (c) => {
    const agent = c.get('agent');
    const ticket = await requireTicket(c.env, agent, c.req.param('id'));
    const input = timeLogInput(await readBody<TimeLogBody>(c, NewTimeLog), Date.now());
    const timeLog = { id: crypto.randomUUID(), by: { role: 'agent' as const, id: agent.id, name: agent.name }, ...input };
    await insertTicketTimeLog(c.env.DB, ticket, timeLog);
    return c.json({ timeLog } satisfies TimeLogResponse, 201);
  })
  .delete('/:id/time-logs/:timeLogId', async (c) => {
    const agent = c.get('agent');
    const ticket = await requireTicket(c.env, agent, c.req.param('id'));
    const log = (await ticketTimeLogs(c.env.DB, ticket.id)).find((t) => t.id === c.req.param('timeLogId'));
    if (!log) throw new ApiError(404, 'no_such_time_log', 'No time log with that id on this ticket.');
    if (!mayRemoveTimeLog(log, { person: { role: 'agent', id: agent.id, name: agent.name }, supervisor: supervises(agent.role) })) {
      throw new ApiError(403, 'not_allowed', 'Only whoever logged it, a manager or an administrator can remove this time log.');
    }
    await deleteTicketTimeLog(c.env.DB, ticket.id, log.id);
    return c.body(null, 204);
  });

/** The ticket with its thread, related items and time logs. */
async function ticketAnswer(env: Env, agent: SessionAgent, ticketId: string): Promise<TicketResponse> {
  const now = Date.now();
  const [ticket, entries, related, timeLogs] = await Promise.all([
    findTicket(env.DB, agent.id, ticketId),
    ticketEntries(env.DB, ticketId),
    relatedOf(env.DB, agent.id, { kind: 'ticket', id: ticketId }, now),
    ticketTimeLogs(env.DB, ticketId),
  ]);
  if (!ticket) throw new ApiError(404, 'not_found', 'No such ticket in your groups.');
  return { ticket, entries, related, timeLogs, total: totalMinutes(timeLogs) };
}
