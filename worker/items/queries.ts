// Named queries over the help-desk items (tickets, their thread and time logs, tasks, call logs)
// and the relations between them and chats. Every read an agent makes is joined with their
// memberships: an item of a group they are not in does not exist for them. Writes that belong
// together are one D1 batch (D1 has no interactive transactions): an item made from a chat and
// its relation to the chat are stored together or not at all.
import type { TimeLog } from '../../objects/protocol.ts';
import { isOverdue, type ItemKind, itemNumber, type ItemRef, type TicketEntryKind, type TicketStatus } from '../../objects/rules/items.ts';
import { FIRST_CALL_NUMBER, FIRST_TICKET_NUMBER } from '../../objects/rules/items.ts';
import type { CallLog, RelatedItem, Task, Ticket, TicketEntry, TicketSortKey, TicketView } from './wire.ts';

/** The caller's groups, as a sub-select on `?1` (the agent's id). */
const MY_GROUPS = 'SELECT group_id FROM memberships WHERE agent_id = ?1';

// ---- tickets ---------------------------------------------------------------------------------

const TICKET_COLUMNS = `t.id, t.number, t.subject, t.status, t.priority, t.group_id AS groupId, g.name AS groupName,
  t.agent_id AS agentId, t.agent_name AS agentName, t.customer_name AS customerName, t.customer_email AS customerEmail,
  t.created_at AS createdAt, t.updated_at AS updatedAt, t.closed_at AS closedAt`;

export const TICKET_SORT_KEYS: readonly TicketSortKey[] = ['number', 'subject', 'status', 'priority', 'customer', 'agent', 'updated', 'created'];

const TICKET_SORT: Record<TicketSortKey, string> = {
  number: 't.number',
  subject: 't.subject COLLATE NOCASE',
  status: "(CASE t.status WHEN 'open' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END)",
  priority: "(CASE t.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)",
  customer: 't.customer_name COLLATE NOCASE',
  agent: 't.agent_name COLLATE NOCASE',
  updated: 't.updated_at',
  created: 't.created_at',
};

export interface Page {
  limit: number;
  offset: number;
}

export type TicketFilter =
  | { view: 'mine' }
  | { view: 'group'; groupId: string }
  | { view: 'all'; status: TicketStatus | null };

/**
 * One page of a ticket list and how many the list has. How each is read at 100,000 tickets
 * (npm run bench -- lists): My Tickets and a group's open tickets are ranges of their indexes
 * (agent or group, then status); All Tickets walks the index of its sort key (schema.ts) and
 * checks each row's group against the caller's memberships, stopping after a page.
 */
export async function listTickets(
  db: D1Database,
  agentId: string,
  filter: TicketFilter,
  sort: { key: TicketSortKey; dir: 'asc' | 'desc' } & Page,
): Promise<{ tickets: Ticket[]; total: number }> {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const order = `ORDER BY ${TICKET_SORT[sort.key]} ${dir}, t.id ${dir}`;
  let from: string;
  /** What the count reads (All Tickets' page walks the tickets in order; its count need not). */
  let counted: string;
  let where: string;
  const binds: unknown[] = [agentId];
  switch (filter.view) {
    case 'mine':
      from = counted = 'tickets t';
      where = `t.agent_id = ?1 AND t.status IN ('open', 'pending') AND t.group_id IN (${MY_GROUPS})`;
      break;
    case 'group':
      from = counted = 'tickets t';
      where = "t.group_id = ?2 AND t.status IN ('open', 'pending')";
      binds.push(filter.groupId);
      break;
    case 'all':
      // CROSS JOIN keeps SQLite walking the tickets in the sort's index order (every sort key has
      // one ending in id), checking each row's group, and stopping after a page.
      from = 'tickets t CROSS JOIN memberships m';
      counted = 'tickets t JOIN memberships m';
      where = 'm.agent_id = ?1 AND m.group_id = t.group_id';
      if (filter.status !== null) {
        where += ' AND t.status = ?2';
        binds.push(filter.status);
      }
      break;
  }
  const n = binds.length;
  const [rows, total] = await db.batch([
    db
      .prepare(`SELECT ${TICKET_COLUMNS} FROM ${from} JOIN groups g ON g.id = t.group_id WHERE ${where} ${order} LIMIT ?${n + 1} OFFSET ?${n + 2}`)
      .bind(...binds, sort.limit, sort.offset),
    db.prepare(`SELECT COUNT(*) AS n FROM ${counted} WHERE ${where}`).bind(...binds),
  ]);
  return { tickets: rows!.results as Ticket[], total: (total!.results[0] as { n: number }).n };
}

/** The ticket, if it is in one of the agent's groups. */
export async function findTicket(db: D1Database, agentId: string, ticketId: string): Promise<Ticket | null> {
  return db
    .prepare(`SELECT ${TICKET_COLUMNS} FROM tickets t JOIN groups g ON g.id = t.group_id WHERE t.id = ?2 AND t.group_id IN (${MY_GROUPS})`)
    .bind(agentId, ticketId)
    .first<Ticket>();
}

export interface NewTicket {
  id: string;
  subject: string;
  priority: Ticket['priority'];
  groupId: string;
  agent: { id: string; name: string } | null;
  customerName: string;
  customerEmail: string;
  createdBy: string;
  now: number;
}

export interface NewEntry {
  kind: TicketEntryKind;
  author: { id: string; name: string };
  text: string;
  emailedTo?: string | null;
  at: number;
}

/** The statements that store a ticket with its first entries; its number is the next one. */
export function insertTicket(db: D1Database, t: NewTicket, entries: readonly NewEntry[]): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO tickets (id, number, subject, status, priority, group_id, agent_id, agent_name, customer_name, customer_email, created_by, created_at, updated_at)
         SELECT ?1, COALESCE(MAX(number) + 1, ${FIRST_TICKET_NUMBER}), ?2, 'open', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10 FROM tickets
         RETURNING number`,
      )
      .bind(t.id, t.subject, t.priority, t.groupId, t.agent?.id ?? null, t.agent?.name ?? null, t.customerName, t.customerEmail, t.createdBy, t.now),
    ...entries.map((e) => insertEntry(db, t.id, e)),
  ];
}

export function insertEntry(db: D1Database, ticketId: string, e: NewEntry): D1PreparedStatement {
  return db
    .prepare('INSERT INTO ticket_entries (id, ticket_id, kind, author_id, author_name, text, emailed_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(crypto.randomUUID(), ticketId, e.kind, e.author.id, e.author.name, e.text, e.emailedTo ?? null, e.at);
}

/** A reply or note: the entry and the ticket's last change, together. */
export async function addEntry(db: D1Database, ticketId: string, e: NewEntry): Promise<TicketEntry> {
  const statement = insertEntry(db, ticketId, e);
  await db.batch([statement, db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').bind(e.at, ticketId)]);
  const entries = await ticketEntries(db, ticketId);
  return entries[entries.length - 1]!;
}

export async function ticketEntries(db: D1Database, ticketId: string): Promise<TicketEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT id, kind, author_id AS authorId, author_name AS authorName, text, emailed_to AS emailedTo, created_at AS createdAt
         FROM ticket_entries WHERE ticket_id = ? ORDER BY created_at, rowid`,
    )
    .bind(ticketId)
    .all<TicketEntry>();
  return results;
}

export interface TicketChange {
  subject?: string;
  status?: TicketStatus;
  priority?: Ticket['priority'];
  agent?: { id: string; name: string } | null;
}

export async function updateTicket(db: D1Database, ticket: Ticket, change: TicketChange, now: number): Promise<void> {
  const status = change.status ?? ticket.status;
  const closedAt = status === 'closed' ? (ticket.status === 'closed' ? ticket.closedAt : now) : null;
  const agent = change.agent === undefined ? { id: ticket.agentId, name: ticket.agentName } : change.agent;
  await db
    .prepare('UPDATE tickets SET subject = ?, status = ?, priority = ?, agent_id = ?, agent_name = ?, closed_at = ?, updated_at = ? WHERE id = ?')
    .bind(change.subject ?? ticket.subject, status, change.priority ?? ticket.priority, agent?.id ?? null, agent?.name ?? null, closedAt, now, ticket.id)
    .run();
}

// ---- time logs on tickets --------------------------------------------------------------------

export async function ticketTimeLogs(db: D1Database, ticketId: string): Promise<TimeLog[]> {
  const { results } = await db
    .prepare('SELECT id, agent_id, agent_name, logged_at, minutes, note, billable FROM time_logs WHERE ticket_id = ? ORDER BY logged_at, id')
    .bind(ticketId)
    .all<{ id: string; agent_id: string; agent_name: string; logged_at: number; minutes: number; note: string; billable: number }>();
  return results.map((r) => ({
    id: r.id,
    by: { role: 'agent', id: r.agent_id, name: r.agent_name },
    at: r.logged_at,
    minutes: r.minutes,
    note: r.note,
    billable: r.billable === 1,
  }));
}

export async function insertTicketTimeLog(db: D1Database, ticket: Ticket, log: TimeLog): Promise<void> {
  await db
    .prepare('INSERT INTO time_logs (id, chat_id, ticket_id, group_id, agent_id, agent_name, minutes, note, billable, logged_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(log.id, ticket.id, ticket.groupId, log.by.id, log.by.name, log.minutes, log.note, log.billable ? 1 : 0, log.at)
    .run();
}

export async function deleteTicketTimeLog(db: D1Database, ticketId: string, timeLogId: string): Promise<void> {
  await db.prepare('DELETE FROM time_logs WHERE id = ? AND ticket_id = ?').bind(timeLogId, ticketId).run();
}

// ---- tasks -----------------------------------------------------------------------------------

const TASK_COLUMNS = `k.id, k.title, k.details, k.due_at AS dueAt, k.group_id AS groupId, g.name AS groupName,
  k.assignee_id AS assigneeId, k.assignee_name AS assigneeName, k.created_at AS createdAt, k.done_at AS doneAt`;

/**
 * My Tasks: the open ones by due time (overdue first, then those due later, then those with no
 * due time), or the done ones, latest first. Both are ranges of `tasks_assignee`.
 */
export async function listTasks(db: D1Database, agentId: string, state: 'open' | 'done', page: Page): Promise<{ tasks: Task[]; total: number }> {
  const where = `k.assignee_id = ?1 AND k.done_at IS ${state === 'open' ? '' : 'NOT '}NULL AND k.group_id IN (${MY_GROUPS})`;
  const order = state === 'open' ? 'ORDER BY k.due_at IS NULL, k.due_at, k.created_at, k.id' : 'ORDER BY k.done_at DESC, k.id';
  const [rows, counted] = await db.batch([
    db.prepare(`SELECT ${TASK_COLUMNS} FROM tasks k JOIN groups g ON g.id = k.group_id WHERE ${where} ${order} LIMIT ?2 OFFSET ?3`).bind(agentId, page.limit, page.offset),
    db.prepare(`SELECT COUNT(*) AS n FROM tasks k WHERE ${where}`).bind(agentId),
  ]);
  return { tasks: rows!.results as Task[], total: (counted!.results[0] as { n: number }).n };
}

export async function findTask(db: D1Database, agentId: string, taskId: string): Promise<Task | null> {
  return db
    .prepare(`SELECT ${TASK_COLUMNS} FROM tasks k JOIN groups g ON g.id = k.group_id WHERE k.id = ?2 AND k.group_id IN (${MY_GROUPS})`)
    .bind(agentId, taskId)
    .first<Task>();
}

export interface NewTask {
  id: string;
  title: string;
  details: string;
  dueAt: number | null;
  groupId: string;
  assignee: { id: string; name: string };
  createdBy: string;
  now: number;
}

export function insertTask(db: D1Database, t: NewTask): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO tasks (id, title, details, due_at, group_id, assignee_id, assignee_name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(t.id, t.title, t.details, t.dueAt, t.groupId, t.assignee.id, t.assignee.name, t.createdBy, t.now);
}

export async function updateTask(db: D1Database, task: Task): Promise<void> {
  await db
    .prepare('UPDATE tasks SET title = ?, details = ?, due_at = ?, assignee_id = ?, assignee_name = ?, done_at = ? WHERE id = ?')
    .bind(task.title, task.details, task.dueAt, task.assigneeId, task.assigneeName, task.doneAt, task.id)
    .run();
}

// ---- call logs -------------------------------------------------------------------------------

const CALL_COLUMNS = `c.id, c.number, c.customer_name AS customerName, c.customer_email AS customerEmail, c.phone, c.direction,
  c.started_at AS startedAt, c.duration_seconds AS durationSeconds, c.group_id AS groupId, g.name AS groupName,
  c.agent_id AS agentId, c.agent_name AS agentName, c.notes, c.created_at AS createdAt`;

export type CallFilter = { view: 'group'; groupId: string } | { view: 'agent'; agentId: string };

/** A group's call logs, or an agent's (in the caller's groups), latest first: ranges of their indexes. */
export async function listCalls(db: D1Database, agentId: string, filter: CallFilter, page: Page): Promise<{ calls: CallLog[]; total: number }> {
  const where = filter.view === 'group' ? 'c.group_id = ?2' : `c.agent_id = ?2 AND c.group_id IN (${MY_GROUPS})`;
  const key = filter.view === 'group' ? filter.groupId : filter.agentId;
  const [rows, counted] = await db.batch([
    db
      .prepare(`SELECT ${CALL_COLUMNS} FROM call_logs c JOIN groups g ON g.id = c.group_id WHERE ${where} ORDER BY c.started_at DESC, c.id LIMIT ?3 OFFSET ?4`)
      .bind(agentId, key, page.limit, page.offset),
    db.prepare(`SELECT COUNT(*) AS n FROM call_logs c WHERE ${where}`).bind(agentId, key),
  ]);
  return { calls: rows!.results as CallLog[], total: (counted!.results[0] as { n: number }).n };
}

export async function findCall(db: D1Database, agentId: string, callId: string): Promise<CallLog | null> {
  return db
    .prepare(`SELECT ${CALL_COLUMNS} FROM call_logs c JOIN groups g ON g.id = c.group_id WHERE c.id = ?2 AND c.group_id IN (${MY_GROUPS})`)
    .bind(agentId, callId)
    .first<CallLog>();
}

export interface NewCall {
  id: string;
  customerName: string;
  customerEmail: string;
  phone: string;
  direction: CallLog['direction'];
  startedAt: number;
  durationSeconds: number;
  groupId: string;
  agent: { id: string; name: string };
  notes: string;
  now: number;
}

export function insertCall(db: D1Database, c: NewCall): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO call_logs (id, number, customer_name, customer_email, phone, direction, started_at, duration_seconds, group_id, agent_id, agent_name, notes, created_at)
       SELECT ?1, COALESCE(MAX(number) + 1, ${FIRST_CALL_NUMBER}), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 FROM call_logs
       RETURNING number`,
    )
    .bind(c.id, c.customerName, c.customerEmail, c.phone, c.direction, c.startedAt, c.durationSeconds, c.groupId, c.agent.id, c.agent.name, c.notes, c.now);
}

export async function updateCall(db: D1Database, call: CallLog): Promise<void> {
  await db.prepare('UPDATE call_logs SET notes = ?, phone = ?, duration_seconds = ? WHERE id = ?').bind(call.notes, call.phone, call.durationSeconds, call.id).run();
}

// ---- related items ---------------------------------------------------------------------------

export interface ItemKey {
  kind: ItemKind;
  id: string;
}

/** Both rows of a relation (one each way). */
export function insertRelation(db: D1Database, a: ItemKey, b: ItemKey, by: string, now: number): D1PreparedStatement[] {
  const row = (from: ItemKey, to: ItemKey) =>
    db
      .prepare('INSERT OR IGNORE INTO relations (from_kind, from_id, to_kind, to_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(from.kind, from.id, to.kind, to.id, by, now);
  return [row(a, b), row(b, a)];
}

export function deleteRelation(db: D1Database, a: ItemKey, b: ItemKey): D1PreparedStatement[] {
  const row = (from: ItemKey, to: ItemKey) =>
    db.prepare('DELETE FROM relations WHERE from_kind = ? AND from_id = ? AND to_kind = ? AND to_id = ?').bind(from.kind, from.id, to.kind, to.id);
  return [row(a, b), row(b, a)];
}

export async function isRelated(db: D1Database, a: ItemKey, b: ItemKey): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS yes FROM relations WHERE from_kind = ? AND from_id = ? AND to_kind = ? AND to_id = ?')
    .bind(a.kind, a.id, b.kind, b.id)
    .first();
  return row !== null;
}

/** Every item of the relation's kinds that the caller may see, by id, named and with its state. */
async function describeItems(db: D1Database, agentId: string, keys: readonly ItemKey[], now: number): Promise<Map<string, Omit<RelatedItem, 'relatedAt'>>> {
  const out = new Map<string, Omit<RelatedItem, 'relatedAt'>>();
  const idsOf = (kind: ItemKind) => keys.filter((k) => k.kind === kind).map((k) => k.id);
  const lookup = async <R>(kind: ItemKind, sql: (marks: string) => string, name: (r: R) => Omit<RelatedItem, 'relatedAt'>) => {
    const ids = idsOf(kind);
    if (ids.length === 0) return;
    const marks = ids.map((_, i) => `?${i + 2}`).join(', ');
    const { results } = await db.prepare(sql(marks)).bind(agentId, ...ids).all<R>();
    for (const r of results) {
      const item = name(r);
      out.set(`${kind}:${item.id}`, item);
    }
  };
  await Promise.all([
    lookup<{ id: string; number: number; subject: string; status: string }>(
      'ticket',
      (m) => `SELECT id, number, subject, status FROM tickets WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ticketRef(r),
    ),
    lookup<{ id: string; title: string; due_at: number | null; done_at: number | null }>(
      'task',
      (m) => `SELECT id, title, due_at, done_at FROM tasks WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...taskRef(r), state: r.done_at !== null ? 'done' : isOverdue({ dueAt: r.due_at, doneAt: r.done_at }, now) ? 'overdue' : 'open' }),
    ),
    lookup<{ id: string; number: number; customer_name: string; phone: string; direction: string }>(
      'call',
      (m) => `SELECT id, number, customer_name, phone, direction FROM call_logs WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...callRef({ number: r.number, customerName: r.customer_name, phone: r.phone, id: r.id }), state: r.direction }),
    ),
    lookup<{ id: string; visitor_name: string; group_name: string; status: string }>(
      'chat',
      (m) => `SELECT id, visitor_name, group_name, status FROM chats WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...chatRef({ id: r.id, visitorName: r.visitor_name, groupName: r.group_name }), state: r.status }),
    ),
  ]);
  return out;
}

export const ticketRef = (t: { id: string; number: number; subject: string; status: string }) => ({
  kind: 'ticket' as const,
  id: t.id,
  label: `Ticket ${itemNumber(t.number)}: ${t.subject}`,
  state: t.status,
});
export const taskRef = (t: { id: string; title: string }): ItemRef => ({ kind: 'task', id: t.id, label: `Task: ${t.title}` });
export const callRef = (c: { id: string; number: number; customerName: string; phone: string }): ItemRef => ({
  kind: 'call',
  id: c.id,
  label: `Call log ${itemNumber(c.number)}: ${c.customerName} (${c.phone})`,
});
export const chatRef = (c: { id: string; visitorName: string; groupName: string }): ItemRef => ({
  kind: 'chat',
  id: c.id,
  label: `Chat with ${c.visitorName} (${c.groupName})`,
});

/** What is related to the item, as far as the caller may see: newest relation first. */
export async function relatedOf(db: D1Database, agentId: string, item: ItemKey, now: number): Promise<RelatedItem[]> {
  const { results } = await db
    .prepare('SELECT to_kind AS kind, to_id AS id, created_at AS relatedAt FROM relations WHERE from_kind = ? AND from_id = ? ORDER BY created_at DESC')
    .bind(item.kind, item.id)
    .all<ItemKey & { relatedAt: number }>();
  const described = await describeItems(db, agentId, results, now);
  return results.flatMap((r) => {
    const found = described.get(`${r.kind}:${r.id}`);
    return found ? [{ ...found, relatedAt: r.relatedAt }] : [];
  });
}

/** One item the caller may see, named (for relating it), or null. */
export async function describeItem(db: D1Database, agentId: string, item: ItemKey, now: number): Promise<Omit<RelatedItem, 'relatedAt'> | null> {
  return (await describeItems(db, agentId, [item], now)).get(`${item.kind}:${item.id}`) ?? null;
}

/** The most items one search for relating offers. */
export const MAX_FOUND = 20;

/**
 * Items the caller may relate, by number ("1042" or "#1042": tickets and call logs), else by
 * subject or customer (name or email) for tickets, customer or phone for call logs, customer for
 * chats. Newest first, at most MAX_FOUND of each kind asked.
 */
export async function findItems(db: D1Database, agentId: string, query: string, kinds: readonly ItemKind[], now: number): Promise<RelatedItem[]> {
  const number = /^#?(\d{1,9})$/.exec(query.trim());
  const like = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const keys: (ItemKey & { at: number })[] = [];
  const take = async (sql: string, ...binds: unknown[]) => {
    const { results } = await db.prepare(sql).bind(agentId, ...binds).all<ItemKey & { at: number }>();
    keys.push(...results);
  };
  const jobs: Promise<void>[] = [];
  const mine = `group_id IN (${MY_GROUPS})`;
  if (kinds.includes('ticket')) {
    jobs.push(
      number
        ? take(`SELECT 'ticket' AS kind, id, updated_at AS at FROM tickets WHERE number = ?2 AND ${mine}`, Number(number[1]))
        : take(
            `SELECT 'ticket' AS kind, id, updated_at AS at FROM tickets WHERE (subject LIKE ?2 ESCAPE '\\' OR customer_name LIKE ?2 ESCAPE '\\' OR customer_email LIKE ?2 ESCAPE '\\') AND ${mine} ORDER BY updated_at DESC LIMIT ${MAX_FOUND}`,
            like,
          ),
    );
  }
  if (kinds.includes('call')) {
    jobs.push(
      number
        ? take(`SELECT 'call' AS kind, id, started_at AS at FROM call_logs WHERE number = ?2 AND ${mine}`, Number(number[1]))
        : take(
            `SELECT 'call' AS kind, id, started_at AS at FROM call_logs WHERE (customer_name LIKE ?2 ESCAPE '\\' OR customer_email LIKE ?2 ESCAPE '\\' OR phone LIKE ?2 ESCAPE '\\') AND ${mine} ORDER BY started_at DESC LIMIT ${MAX_FOUND}`,
            like,
          ),
    );
  }
  if (kinds.includes('chat') && !number) {
    jobs.push(
      take(
        `SELECT 'chat' AS kind, id, started_at AS at FROM chats WHERE (visitor_name LIKE ?2 ESCAPE '\\' OR visitor_email LIKE ?2 ESCAPE '\\') AND ${mine} ORDER BY started_at DESC LIMIT ${MAX_FOUND}`,
        like,
      ),
    );
  }
  await Promise.all(jobs);
  keys.sort((a, b) => b.at - a.at);
  const described = await describeItems(db, agentId, keys, now);
  return keys.flatMap((k) => {
    const found = described.get(`${k.kind}:${k.id}`);
    return found ? [{ ...found, relatedAt: k.at }] : [];
  });
}

/** Removing a ticket, task or call log's relations when it goes (none is deleted yet; chats do). */
export function deleteRelationsOf(db: D1Database, item: ItemKey): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM relations WHERE from_kind = ? AND from_id = ?').bind(item.kind, item.id),
    db.prepare('DELETE FROM relations WHERE to_kind = ? AND to_id = ?').bind(item.kind, item.id),
  ];
}
