// The help-desk half of part `lists` (bench/lists.ts): 100,000 tickets, 100,000 tasks and 100,000
// call logs over the chat part's groups and agents, and the list requests timed on them (My
// Tickets, a group's open tickets, All Tickets, My Tasks, a group's and an agent's call logs).
// Pure: it builds the rows (deterministic, from the generator it is handed) and the requests;
// bench/lists.ts inserts the rows, times the requests and prints them, so this file imports
// nothing from it (a module must not import its own dependants).
import { FIRST_CALL_NUMBER, FIRST_TICKET_NUMBER, type TicketPriority, type TicketStatus } from '../objects/rules/items.ts';
import { type CallFilter, listCalls, listTasks, listTickets, TICKET_SORT_KEYS, type TicketFilter } from '../worker/items/queries.ts';
import type { TicketSortKey } from '../worker/items/wire.ts';

// ---- the data set -------------------------------------------------------------------------------

export const TICKET_COUNT = 100_000;
export const TASK_COUNT = 100_000;
export const CALL_COUNT = 100_000;
/** Shares of the tickets: open, pending; the rest are closed. */
const OPEN_SHARE = 0.25;
const PENDING_SHARE = 0.1;
/** Shares of the tickets with an agent, by status (about 70% in all: a closed one was mostly handled by someone). */
const ASSIGNED_SHARE: Record<TicketStatus, number> = { open: 0.5, pending: 0.9, closed: 0.75 };
/** Priorities skewed to normal: low, normal, high; the rest (5%) urgent. */
const PRIORITY_SHARES: readonly (readonly [TicketPriority, number])[] = [
  ['low', 0.15],
  ['normal', 0.6],
  ['high', 0.2],
];
/** Shares of the tasks: open (the rest are done), open ones already overdue, tasks with no due time. */
const TASK_OPEN_SHARE = 0.3;
const TASK_OVERDUE_SHARE = 0.3;
const TASK_NO_DUE_SHARE = 0.2;
const INBOUND_SHARE = 0.7;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const TICKET_SUBJECTS: readonly ((n: number) => string)[] = [
  (n) => `Refund for order ${n}`,
  (n) => `Order ${n} has not arrived`,
  () => "Can't sign in to my account",
  (n) => `Invoice INV-${n} is wrong`,
  () => 'Change of billing address',
  () => 'Cancel my subscription',
  (n) => `Error ${n % 600} when paying`,
  () => 'Wrong size delivered',
  () => 'Password reset email never came',
  () => 'Question about the Pro plan',
  () => 'API returns 500 on /orders',
  () => 'Export to CSV is empty',
  () => 'Damaged parcel',
  () => 'Upgrade to Enterprise',
  () => 'Please call me back',
  () => 'Two charges on my card',
  () => 'Ärger mit der Lieferung',
];
const TASK_TITLES: readonly ((n: number, who: string) => string)[] = [
  (_, who) => `Call back ${who}`,
  (n) => `Follow up on order ${n}`,
  (_, who) => `Send the quote to ${who}`,
  (n) => `Check refund ${n} went through`,
  () => 'Update the returns FAQ',
  (n) => `Chase the courier about parcel ${n}`,
  (_, who) => `Confirm the new address with ${who}`,
  () => 'Review the pending tickets',
];
const CALL_NOTES = ['', '', '', 'Asked about delivery times.', 'Wants a callback tomorrow.', 'Card declined twice; sent a payment link.', 'Escalated to Technical.'];

type Sql = string | number | null;

export interface ItemAgent {
  id: string;
  name: string;
  /** Indexes into the groups. */
  groups: readonly number[];
}

/** What the chat part's data set lends the items: its generator, groups and agents. */
export interface ItemKit {
  random: () => number;
  /** A fresh row id. */
  id: () => string;
  now: number;
  historyMs: number;
  agents: readonly ItemAgent[];
  measuredAgent: ItemAgent;
  groupIds: readonly string[];
  /** The group whose lists are measured (the measured agent's biggest). */
  measuredGroup: number;
  /** The agents of each group. */
  members: readonly (readonly ItemAgent[])[];
  /** A group index, by the groups' weights. */
  pickGroup: () => number;
  firstNames: readonly string[];
  lastNames: readonly string[];
}

/** One table's rows, in the order they go in (that of their creation, as in production). */
export interface ItemTable {
  table: 'tickets' | 'tasks' | 'call_logs';
  columns: readonly string[];
  rows: Sql[][];
}

/** What the measured agent should see, counted while the rows are built: the routes' totals must match. */
export interface ItemTotals {
  tickets: Record<TicketStatus, number>;
  assignedTickets: number;
  /** My Tickets: open and pending, assigned to the measured agent. */
  mine: number;
  /** The measured group's open and pending tickets. */
  group: number;
  /** All Tickets: every ticket of the measured agent's groups, and by status. */
  all: number;
  allByStatus: Record<TicketStatus, number>;
  tasks: { open: number; done: number };
  myTasks: { open: number; overdue: number; noDue: number; done: number };
  calls: number;
  groupCalls: number;
  myCalls: number;
}

const TICKET_COLUMNS = [
  'id', 'number', 'subject', 'status', 'priority', 'group_id', 'agent_id', 'agent_name', 'customer_name', 'customer_email', 'created_by',
  'created_at', 'updated_at', 'closed_at',
] as const;
const TASK_COLUMNS = ['id', 'title', 'details', 'due_at', 'group_id', 'assignee_id', 'assignee_name', 'created_by', 'created_at', 'done_at'] as const;
const CALL_COLUMNS = [
  'id', 'number', 'customer_name', 'customer_email', 'phone', 'direction', 'started_at', 'duration_seconds', 'group_id', 'agent_id', 'agent_name',
  'notes', 'created_at',
] as const;

/** Builds the three tables in memory (deterministic for a given generator), with what the measured agent should see. */
export function buildItems(kit: ItemKit): { tables: ItemTable[]; totals: ItemTotals } {
  const { random, now, historyMs, members, measuredAgent } = kit;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const mine = new Set(measuredAgent.groups);
  const customer = () => {
    const first = pick(kit.firstNames);
    const last = pick(kit.lastNames);
    const email = `${first}.${last}${Math.floor(random() * 1000)}@example.test`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
    return { name: `${first} ${last}`, email };
  };
  const totals: ItemTotals = {
    tickets: { open: 0, pending: 0, closed: 0 },
    assignedTickets: 0,
    mine: 0,
    group: 0,
    all: 0,
    allByStatus: { open: 0, pending: 0, closed: 0 },
    tasks: { open: 0, done: 0 },
    myTasks: { open: 0, overdue: 0, noDue: 0, done: 0 },
    calls: 0,
    groupCalls: 0,
    myCalls: 0,
  };

  // Tickets: open and pending ones are mostly recent, closed ones spread over the history; numbered
  // from FIRST_TICKET_NUMBER in the order they were opened (which is also their rowid order).
  // (Each row's number, column 1, is set once they are in order.)
  const tickets: { at: number; row: Sql[] }[] = [];
  for (let i = 0; i < TICKET_COUNT; i++) {
    const g = kit.pickGroup();
    const u = random();
    const status: TicketStatus = u < OPEN_SHARE ? 'open' : u < OPEN_SHARE + PENDING_SHARE ? 'pending' : 'closed';
    const p = random();
    let priority: TicketPriority = 'urgent';
    for (let k = 0, sum = 0; k < PRIORITY_SHARES.length; k++) {
      if (p < (sum += PRIORITY_SHARES[k]![1])) {
        priority = PRIORITY_SHARES[k]![0];
        break;
      }
    }
    const agent = random() < ASSIGNED_SHARE[status] ? pick(members[g]!) : null;
    const createdBy = agent && random() < 0.6 ? agent : pick(members[g]!);
    const who = customer();
    const r = random();
    const base = pick(TICKET_SUBJECTS)(1000 + Math.floor(random() * 90_000));
    // Customers' own subjects: some in lower case, some replies.
    const subject = r < 0.05 ? base.toLowerCase() : r < 0.08 ? `Re: ${base}` : base;
    let createdAt: number;
    let updatedAt: number;
    let closedAt: number | null = null;
    if (status === 'closed') {
      createdAt = now - 2 * HOUR - random() * (historyMs - 2 * HOUR);
      updatedAt = Math.min(now, createdAt + 10 * MINUTE + exp(2 * DAY));
      closedAt = updatedAt;
    } else {
      createdAt = now - Math.min(historyMs, 5 * MINUTE + exp(10 * DAY));
      updatedAt = createdAt + random() * (now - createdAt);
    }
    totals.tickets[status]++;
    if (agent) totals.assignedTickets++;
    if (mine.has(g)) {
      totals.all++;
      totals.allByStatus[status]++;
      if (status !== 'closed' && agent === measuredAgent) totals.mine++;
    }
    if (status !== 'closed' && g === kit.measuredGroup) totals.group++;
    tickets.push({
      at: createdAt,
      row: [
        kit.id(), 0, subject, status, priority, kit.groupIds[g]!, agent?.id ?? null, agent?.name ?? null, who.name, who.email, createdBy.id,
        createdAt, updatedAt, closedAt,
      ],
    });
  }

  // Tasks: each agent's, in one of their groups; 30% open (some overdue), the rest done.
  const tasks: { at: number; row: Sql[] }[] = [];
  for (let i = 0; i < TASK_COUNT; i++) {
    const assignee = pick(kit.agents);
    const g = pick(assignee.groups);
    const createdBy = random() < 0.6 ? assignee : pick(members[g]!);
    const open = random() < TASK_OPEN_SHARE;
    const noDue = random() < TASK_NO_DUE_SHARE;
    let createdAt: number;
    let dueAt: number | null = null;
    let doneAt: number | null = null;
    let overdue = false;
    if (open) {
      createdAt = now - Math.min(historyMs, 5 * MINUTE + exp(6 * DAY));
      if (!noDue) {
        overdue = random() < TASK_OVERDUE_SHARE;
        dueAt = overdue ? createdAt + random() * (now - createdAt) : now + HOUR + exp(5 * DAY);
      }
    } else {
      createdAt = now - HOUR - random() * (historyMs - HOUR);
      doneAt = Math.min(now, createdAt + 5 * MINUTE + exp(2 * DAY));
      if (!noDue) dueAt = createdAt + HOUR + exp(3 * DAY);
    }
    totals.tasks[open ? 'open' : 'done']++;
    if (assignee === measuredAgent) {
      if (open) {
        totals.myTasks.open++;
        if (overdue) totals.myTasks.overdue++;
        if (noDue) totals.myTasks.noDue++;
      } else totals.myTasks.done++;
    }
    const title = pick(TASK_TITLES)(1000 + Math.floor(random() * 90_000), customer().name);
    const details = random() < 0.6 ? '' : `Asked for in a chat on ${new Date(createdAt).toISOString().slice(0, 10)}.`;
    tasks.push({ at: createdAt, row: [kit.id(), title, details, dueAt, kit.groupIds[g]!, assignee.id, assignee.name, createdBy.id, createdAt, doneAt] });
  }

  // Call logs: a group's agent and a customer, spread over the history, logged when the call ended.
  const calls: { at: number; row: Sql[] }[] = [];
  for (let i = 0; i < CALL_COUNT; i++) {
    const g = kit.pickGroup();
    const agent = pick(members[g]!);
    const who = customer();
    const startedAt = now - HOUR - random() * (historyMs - HOUR);
    const seconds = Math.round(20 + exp(6 * 60));
    const phone = `+1 555 ${String(Math.floor(random() * 10_000)).padStart(4, '0')} ${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
    const direction = random() < INBOUND_SHARE ? 'inbound' : 'outbound';
    const email = random() < 0.3 ? '' : who.email;
    const notes = pick(CALL_NOTES);
    const createdAt = startedAt + seconds * 1000 + exp(2 * MINUTE);
    totals.calls++;
    if (g === kit.measuredGroup) totals.groupCalls++;
    if (agent === measuredAgent) totals.myCalls++;
    calls.push({ at: startedAt, row: [kit.id(), 0, who.name, email, phone, direction, startedAt, seconds, kit.groupIds[g]!, agent.id, agent.name, notes, createdAt] });
  }

  /** The rows in the order they were written; numbered from `first` in that order (column 1) if numbered. */
  const inOrder = (rows: { at: number; row: Sql[] }[], first?: number) => {
    rows.sort((a, b) => a.at - b.at);
    if (first !== undefined) rows.forEach((r, i) => (r.row[1] = first + i));
    return rows.map((r) => r.row);
  };
  return {
    tables: [
      { table: 'tickets', columns: TICKET_COLUMNS, rows: inOrder(tickets, FIRST_TICKET_NUMBER) },
      { table: 'tasks', columns: TASK_COLUMNS, rows: inOrder(tasks) },
      { table: 'call_logs', columns: CALL_COLUMNS, rows: inOrder(calls, FIRST_CALL_NUMBER) },
    ],
    totals,
  };
}

// ---- the requests -------------------------------------------------------------------------------

export type ItemList = 'tickets' | 'tasks' | 'calls';

export interface ItemQuery {
  kind: 'item';
  /** The route's list, and the key of its rows in the answer. */
  list: ItemList;
  /** As printed: tickets-mine, tickets-group, tickets-all, tickets-all-open, tasks-open, calls-agent… */
  view: string;
  /** Tickets: the sort key; tasks and calls have one order each (named here for the table). */
  sort: string;
  dir: 'asc' | 'desc';
  offset: number;
  path: string;
  /** The total the route must report (counted while seeding). */
  expected: number;
  /** The route's query function (worker/items/queries.ts) on `db`: how the bench learns the SQL it sends. */
  run(db: D1Database, agentId: string): Promise<unknown>;
}

/** Where a deep page starts: `deepOffset`, or the last page of a shorter list. */
const deepOf = (deepOffset: number, pageSize: number, total: number) => Math.max(0, Math.min(deepOffset, total - pageSize));

/**
 * Every help-desk list request measured: the three ticket views for each sort key and direction
 * (first page), deep pages of the two big ticket views (the default order, which an index serves,
 * and priority, which none can), All Tickets filtered by status, and My Tasks and the call logs,
 * first page and a deep one.
 */
export function itemQueries(groupId: string, measuredAgentId: string, totals: ItemTotals, pageSize: number, deepOffset: number): ItemQuery[] {
  const out: ItemQuery[] = [];
  const ticket = (view: string, filter: TicketFilter, expected: number, sort: TicketSortKey, dir: 'asc' | 'desc', offset: number) => {
    const params = new URLSearchParams(
      filter.view === 'group' ? { view: 'group', group: filter.groupId } : filter.view === 'all' && filter.status ? { view: 'all', status: filter.status } : { view: filter.view },
    );
    for (const [k, v] of [['sort', sort], ['dir', dir], ['limit', String(pageSize)], ['offset', String(offset)]] as const) params.set(k, v);
    out.push({
      kind: 'item',
      list: 'tickets',
      view,
      sort,
      dir,
      offset,
      path: `/api/tickets?${params}`,
      expected,
      run: (db, agentId) => listTickets(db, agentId, filter, { key: sort, dir, limit: pageSize, offset }),
    });
  };
  const views: { view: string; filter: TicketFilter; expected: number; deep: boolean }[] = [
    { view: 'tickets-mine', filter: { view: 'mine' }, expected: totals.mine, deep: false },
    { view: 'tickets-group', filter: { view: 'group', groupId }, expected: totals.group, deep: true },
    { view: 'tickets-all', filter: { view: 'all', status: null }, expected: totals.all, deep: true },
  ];
  for (const v of views) for (const sort of TICKET_SORT_KEYS) for (const dir of ['asc', 'desc'] as const) ticket(v.view, v.filter, v.expected, sort, dir, 0);
  const deepSorts = [['updated', 'desc'], ['priority', 'desc']] as const;
  for (const v of views) if (v.deep) for (const [sort, dir] of deepSorts) ticket(v.view, v.filter, v.expected, sort, dir, deepOf(deepOffset, pageSize, v.expected));
  for (const status of ['open', 'closed'] as const) {
    for (const [sort, dir] of deepSorts) ticket(`tickets-all-${status}`, { view: 'all', status }, totals.allByStatus[status], sort, dir, 0);
  }

  // My Tasks: open ones by due time (overdue first), done ones latest first.
  for (const state of ['open', 'done'] as const) {
    const expected = totals.myTasks[state];
    for (const offset of [0, deepOf(deepOffset, pageSize, expected)]) {
      out.push({
        kind: 'item',
        list: 'tasks',
        view: `tasks-${state}`,
        sort: state === 'open' ? 'due' : 'done',
        dir: state === 'open' ? 'asc' : 'desc',
        offset,
        path: `/api/tasks?${new URLSearchParams({ state, limit: String(pageSize), offset: String(offset) })}`,
        expected,
        run: (db, agentId) => listTasks(db, agentId, { view: 'mine' }, state, { limit: pageSize, offset }),
      });
    }
  }

  // Call logs, latest first: the measured group's and the measured agent's own.
  const callViews: { view: string; params: Record<string, string>; filter: CallFilter; expected: number }[] = [
    { view: 'calls-group', params: { view: 'group', group: groupId }, filter: { view: 'group', groupId }, expected: totals.groupCalls },
    { view: 'calls-agent', params: { view: 'agent', agent: measuredAgentId }, filter: { view: 'agent', agentId: measuredAgentId }, expected: totals.myCalls },
  ];
  for (const c of callViews) {
    for (const offset of [0, deepOf(deepOffset, pageSize, c.expected)]) {
      out.push({
        kind: 'item',
        list: 'calls',
        view: c.view,
        sort: 'started',
        dir: 'desc',
        offset,
        path: `/api/calls?${new URLSearchParams({ ...c.params, limit: String(pageSize), offset: String(offset) })}`,
        expected: c.expected,
        run: (db, agentId) => listCalls(db, agentId, c.filter, { limit: pageSize, offset }),
      });
    }
  }
  return out;
}
