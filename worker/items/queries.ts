// Named queries over the help-desk items (tickets, their thread and time logs, tasks, call logs)
// and the relations between them and chats. Every read an agent makes is joined with their
// memberships: an item of a group they are not in does not exist for them. Writes that belong
// together are one D1 batch (D1 has no interactive transactions): an item made from a chat and
// its relation to the chat are stored together or not at all.
import { idSlices } from '../db/limits.ts';
import type { TimeLog } from '../../objects/protocol.ts';
import { isOverdue, type ItemKind, itemNumber, type ItemRef, type TicketEntryKind, type TicketStatus } from '../../objects/rules/items.ts';
import { FIRST_CALL_NUMBER, FIRST_TICKET_NUMBER } from '../../objects/rules/items.ts';
import type { CallLog, RelatedItem, Task, Ticket, TicketEntry, TicketSortKey } from './wire.ts';
import { insertTicketResolution, moveTicketResolutions, removeEntryResolution } from '../assistance/resolutions.ts';

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

/**
 * One page of a list and the whole list's count, in one round trip. `select` is the page's query
 * up to its ORDER BY (LIMIT and OFFSET are added as the next numbered parameters), `count` the
 * counting query; both take `binds`.
 */
async function pageAndCount<R>(db: D1Database, select: string, count: string, binds: readonly unknown[], page: Page): Promise<{ rows: R[]; total: number }> {
  const n = binds.length;
  const [rows, counted] = await db.batch([
    db.prepare(`${select} LIMIT ?${n + 1} OFFSET ?${n + 2}`).bind(...binds, page.limit, page.offset),
    db.prepare(count).bind(...binds),
  ]);
  return { rows: rows!.results as R[], total: (counted!.results[0] as { n: number }).n };
}

/** The item of one of the agent's groups (`?1` the agent, `?2` the item's id), or null. */
function findMine<R>(db: D1Database, agentId: string, select: string, id: string): Promise<R | null> {
  return db.prepare(select).bind(agentId, id).first<R>();
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
  const select = `SELECT ${TICKET_COLUMNS} FROM ${from} JOIN groups g ON g.id = t.group_id WHERE ${where} ${order}`;
  const { rows, total } = await pageAndCount<Ticket>(db, select, `SELECT COUNT(*) AS n FROM ${counted} WHERE ${where}`, binds, sort);
  return { tickets: rows, total };
}

/** The ticket, if it is in one of the agent's groups. */
export async function findTicket(db: D1Database, agentId: string, ticketId: string): Promise<Ticket | null> {
  return findMine<Ticket>(db, agentId, `SELECT ${TICKET_COLUMNS} FROM tickets t JOIN groups g ON g.id = t.group_id WHERE t.id = ?2 AND t.group_id IN (${MY_GROUPS})`, ticketId);
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

export function insertEntry(db: D1Database, ticketId: string, e: NewEntry, id: string = crypto.randomUUID()): D1PreparedStatement {
  return db
    .prepare('INSERT INTO ticket_entries (id, ticket_id, kind, author_id, author_name, text, emailed_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(id, ticketId, e.kind, e.author.id, e.author.name, e.text, e.emailedTo ?? null, e.at);
}

/**
 * A reply, note or resolution: the entry and the ticket's last change, together (and a
 * resolution's place in the staff-only index assistance searches); the entry as stored.
 */
export async function addEntry(db: D1Database, ticket: Pick<Ticket, 'id' | 'groupId'>, e: NewEntry): Promise<TicketEntry> {
  const id = crypto.randomUUID();
  const indexed = e.kind === 'resolution' ? [insertTicketResolution(db, ticket, { id, authorName: e.author.name, text: e.text, at: e.at })] : [];
  await db.batch([insertEntry(db, ticket.id, e, id), db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').bind(e.at, ticket.id), ...indexed]);
  return { id, kind: e.kind, authorId: e.author.id, authorName: e.author.name, text: e.text, emailedTo: e.emailedTo ?? null, createdAt: e.at };
}

/**
 * `from` merged into `into`, in one batch: its thread and time logs move (the time logs, and
 * the resolutions assistance suggests, into `into`'s group), its related items become `into`'s, each ticket gets a note saying so, the two
 * are related, and `from` is closed.
 */
export async function mergeTickets(db: D1Database, into: Ticket, from: Ticket, by: { id: string; name: string }, now: number): Promise<void> {
  const self = "NOT (to_kind = 'ticket' AND to_id = ?1)";
  await db.batch([
    db.prepare('UPDATE ticket_entries SET ticket_id = ?1 WHERE ticket_id = ?2').bind(into.id, from.id),
    moveTicketResolutions(db, from.id, into),
    db.prepare('UPDATE time_logs SET ticket_id = ?1, group_id = ?3 WHERE ticket_id = ?2').bind(into.id, from.id, into.groupId),
    db
      .prepare(`INSERT OR IGNORE INTO relations (from_kind, from_id, to_kind, to_id, created_by, created_at)
        SELECT 'ticket', ?1, to_kind, to_id, created_by, created_at FROM relations WHERE from_kind = 'ticket' AND from_id = ?2 AND ${self}`)
      .bind(into.id, from.id),
    db
      .prepare(`INSERT OR IGNORE INTO relations (from_kind, from_id, to_kind, to_id, created_by, created_at)
        SELECT to_kind, to_id, 'ticket', ?1, created_by, created_at FROM relations WHERE from_kind = 'ticket' AND from_id = ?2 AND ${self}`)
      .bind(into.id, from.id),
    db.prepare("DELETE FROM relations WHERE (from_kind = 'ticket' AND from_id = ?1) OR (to_kind = 'ticket' AND to_id = ?1)").bind(from.id),
    ...insertRelation(db, { kind: 'ticket', id: into.id }, { kind: 'ticket', id: from.id }, by.id, now),
    insertEntry(db, into.id, { kind: 'note', author: by, text: `Ticket ${itemNumber(from.number)} (${from.subject}) was merged into this one.`, at: now }),
    insertEntry(db, from.id, { kind: 'note', author: by, text: `Merged into ticket ${itemNumber(into.number)} (${into.subject}); its thread is there now.`, at: now + 1 }),
    db.prepare("UPDATE tickets SET status = 'closed', closed_at = coalesce(closed_at, ?2), updated_at = ?2 WHERE id = ?1").bind(from.id, now),
    db.prepare('UPDATE tickets SET updated_at = ?2 WHERE id = ?1').bind(into.id, now),
  ]);
}

/** A reply whose email was sent: where it went. */
export async function markEmailed(db: D1Database, entryId: string, to: string): Promise<void> {
  await db.prepare('UPDATE ticket_entries SET emailed_to = ? WHERE id = ?').bind(to, entryId).run();
}

/** A reply whose email could not be sent: it goes, so the thread never shows what did not leave. */
export async function deleteEntry(db: D1Database, entryId: string): Promise<void> {
  await db.batch([db.prepare('DELETE FROM ticket_entries WHERE id = ?').bind(entryId), removeEntryResolution(db, entryId)]);
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

/** `UPDATE … SET` of only the columns given: two people changing different things both keep theirs. */
function setOnly(db: D1Database, table: string, id: string, columns: Record<string, unknown>): D1PreparedStatement {
  const names = Object.keys(columns).filter((name) => columns[name] !== undefined);
  return db.prepare(`UPDATE ${table} SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE id = ?`).bind(...names.map((name) => columns[name]), id);
}

export async function updateTicket(db: D1Database, ticket: Ticket, change: TicketChange, now: number): Promise<void> {
  // Closing stamps closed_at (a ticket closed already keeps its time); reopening clears it.
  const closedAt = change.status === undefined ? undefined : change.status === 'closed' ? (ticket.status === 'closed' ? ticket.closedAt : now) : null;
  const agent = change.agent === undefined ? {} : { agent_id: change.agent?.id ?? null, agent_name: change.agent?.name ?? null };
  await setOnly(db, 'tickets', ticket.id, { subject: change.subject, status: change.status, priority: change.priority, ...agent, closed_at: closedAt, updated_at: now }).run();
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
 * My Tasks (or a group's tasks): the open ones by due time (overdue first, then those due later,
 * then those with no due time), or the done ones, latest first. Ranges of `tasks_assignee` (or
 * `tasks_group`).
 */
export type TaskFilter = { view: 'mine' } | { view: 'group'; groupId: string };

export async function listTasks(db: D1Database, agentId: string, filter: TaskFilter, state: 'open' | 'done', page: Page): Promise<{ tasks: Task[]; total: number }> {
  // ?1 is the caller for My Tasks, the group for a group's tasks.
  const whose = filter.view === 'mine' ? `k.assignee_id = ?1 AND k.group_id IN (${MY_GROUPS})` : 'k.group_id = ?1';
  const key = filter.view === 'mine' ? agentId : filter.groupId;
  const where = `${whose} AND k.done_at IS ${state === 'open' ? '' : 'NOT '}NULL`;
  const order = state === 'open' ? 'ORDER BY k.due_at IS NULL, k.due_at, k.created_at, k.id' : 'ORDER BY k.done_at DESC, k.id';
  const select = `SELECT ${TASK_COLUMNS} FROM tasks k JOIN groups g ON g.id = k.group_id WHERE ${where} ${order}`;
  const { rows, total } = await pageAndCount<Task>(db, select, `SELECT COUNT(*) AS n FROM tasks k WHERE ${where}`, [key], page);
  return { tasks: rows, total };
}

export async function findTask(db: D1Database, agentId: string, taskId: string): Promise<Task | null> {
  return findMine<Task>(db, agentId, `SELECT ${TASK_COLUMNS} FROM tasks k JOIN groups g ON g.id = k.group_id WHERE k.id = ?2 AND k.group_id IN (${MY_GROUPS})`, taskId);
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

export interface TaskChange {
  title?: string;
  details?: string;
  dueAt?: number | null;
  assignee?: { id: string; name: string };
  doneAt?: number | null;
}

export async function updateTask(db: D1Database, taskId: string, change: TaskChange): Promise<void> {
  await setOnly(db, 'tasks', taskId, {
    title: change.title,
    details: change.details,
    due_at: change.dueAt,
    assignee_id: change.assignee?.id,
    assignee_name: change.assignee?.name,
    done_at: change.doneAt,
  }).run();
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
  const select = `SELECT ${CALL_COLUMNS} FROM call_logs c JOIN groups g ON g.id = c.group_id WHERE ${where} ORDER BY c.started_at DESC, c.id`;
  const { rows, total } = await pageAndCount<CallLog>(db, select, `SELECT COUNT(*) AS n FROM call_logs c WHERE ${where}`, [agentId, key], page);
  return { calls: rows, total };
}

export async function findCall(db: D1Database, agentId: string, callId: string): Promise<CallLog | null> {
  return findMine<CallLog>(db, agentId, `SELECT ${CALL_COLUMNS} FROM call_logs c JOIN groups g ON g.id = c.group_id WHERE c.id = ?2 AND c.group_id IN (${MY_GROUPS})`, callId);
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

export async function updateCall(db: D1Database, callId: string, change: { notes?: string; phone?: string; durationSeconds?: number }): Promise<void> {
  await setOnly(db, 'call_logs', callId, { notes: change.notes, phone: change.phone, duration_seconds: change.durationSeconds }).run();
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

/** An item as a relation shows it, and the group it is in (which decides who may read its name). */
export type DescribedItem = Omit<RelatedItem, 'relatedAt'> & { groupId: string };

/** Every item of the relation's kinds that the caller may see, by id, named and with its state. */
async function describeItems(db: D1Database, agentId: string, keys: readonly ItemKey[], now: number): Promise<Map<string, DescribedItem>> {
  const out = new Map<string, DescribedItem>();
  const idsOf = (kind: ItemKind) => [...new Set(keys.filter((k) => k.kind === kind).map((k) => k.id))];
  const lookup = async <R extends { group_id: string }>(kind: ItemKind, sql: (marks: string) => string, name: (r: R) => Omit<RelatedItem, 'relatedAt'>) => {
    for (const chunk of idSlices(idsOf(kind))) {
      const marks = chunk.map((_, i) => `?${i + 2}`).join(', ');
      const { results } = await db.prepare(sql(marks)).bind(agentId, ...chunk).all<R>();
      for (const r of results) {
        const item = name(r);
        out.set(`${kind}:${item.id}`, { ...item, groupId: r.group_id });
      }
    }
  };
  await Promise.all([
    lookup<{ id: string; number: number; subject: string; status: string; group_id: string }>(
      'ticket',
      (m) => `SELECT id, number, subject, status, group_id FROM tickets WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...ticketRef(r), state: r.status }),
    ),
    lookup<{ id: string; title: string; due_at: number | null; done_at: number | null; group_id: string }>(
      'task',
      (m) => `SELECT id, title, due_at, done_at, group_id FROM tasks WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...taskRef(r), state: r.done_at !== null ? 'done' : isOverdue({ dueAt: r.due_at, doneAt: r.done_at }, now) ? 'overdue' : 'open' }),
    ),
    lookup<{ id: string; number: number; customer_name: string; phone: string; direction: string; group_id: string }>(
      'call',
      (m) => `SELECT id, number, customer_name, phone, direction, group_id FROM call_logs WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...callRef({ number: r.number, customerName: r.customer_name, phone: r.phone, id: r.id }), state: r.direction }),
    ),
    lookup<{ id: string; visitor_name: string; group_name: string; status: string; group_id: string }>(
      'chat',
      (m) => `SELECT id, visitor_name, group_name, status, group_id FROM chats WHERE id IN (${m}) AND group_id IN (${MY_GROUPS})`,
      (r) => ({ ...chatRef({ id: r.id, visitorName: r.visitor_name, groupName: r.group_name }), state: r.status }),
    ),
  ]);
  return out;
}

export const ticketRef = (t: { id: string; number: number; subject: string }): ItemRef => ({ kind: 'ticket', id: t.id, label: `Ticket ${itemNumber(t.number)}: ${t.subject}` });
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
    return found ? [relatedItem(found, r.relatedAt)] : [];
  });
}

/** The wire's shape of a described item (its group stays here). */
function relatedItem(d: DescribedItem, at: number): RelatedItem {
  return { kind: d.kind, id: d.id, label: d.label, state: d.state, relatedAt: at };
}

/** One item the caller may see, named (for relating it), with its group, or null. */
export async function describeItem(db: D1Database, agentId: string, item: ItemKey, now: number): Promise<DescribedItem | null> {
  return (await describeItems(db, agentId, [item], now)).get(`${item.kind}:${item.id}`) ?? null;
}

/** The most items one search for relating offers. */
export const MAX_FOUND = 20;

/**
 * Items the caller may relate, by number ("1042" or "#1042": tickets and call logs), else by
 * subject or customer (name or email) for tickets, customer or phone for call logs, title for
 * tasks, customer for chats. Newest first (by last change, call or chat start, task creation), at
 * most MAX_FOUND of each kind asked; `relatedAt` carries that time.
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
  if (kinds.includes('task') && !number) {
    jobs.push(
      take(
        `SELECT 'task' AS kind, id, created_at AS at FROM tasks WHERE title LIKE ?2 ESCAPE '\\' AND ${mine} ORDER BY created_at DESC LIMIT ${MAX_FOUND}`,
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
    return found ? [relatedItem(found, k.at)] : [];
  });
}
