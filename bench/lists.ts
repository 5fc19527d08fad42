// Part `lists` of `npm run bench`: the chat lists at 100,000 chats. Seeds D1 (in the same kind of
// Miniflare instance as the message bench) with chats spread over 10 groups and 40 agents, signs in
// as one agent through the real route, and times GET /api/chats for every view × sort key ×
// direction (first page, plus a deep page for the big views) and GET /api/chats/counts, over real
// HTTP on 127.0.0.1. Queries over SLOW_P95_MS at p95 are flagged and their query plans printed.
// Then the help-desk lists the same way, on 100,000 tickets, tasks and call logs over the same
// groups and agents (bench/lists-items.ts builds them): GET /api/tickets (My Tickets, a group's,
// All Tickets), /api/tasks and /api/calls, with fewer repetitions each, in a share of the budget.
//
// `npm run bench -- lists --experiment` then also tries candidate indexes in the bench's own
// throw-away D1 and prints before/after figures: an experiment, never part of the bench's verdict.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type ChatFilter, type ListOptions, countChats, listChats, SORT_KEYS } from '../worker/chats/queries.ts';
import type { PartContext } from './common.ts';
import { fmt, table } from './common.ts';
import { idMaker, lit, rng, type Sql } from './seeding.ts';
import { buildItems, CALL_COUNT, type ItemQuery, itemQueries, type ItemTotals, TASK_COUNT, TICKET_COUNT } from './lists-items.ts';
import { percentile, signIn } from './load.ts';
import { BENCH_HOST, type Servers } from './server.ts';

/**
 * What this part aims to take (its soft budget), and how much longer it may run before it is stopped.
 * (100 s for the chat lists alone; the help-desk items add some 20 s of seeding and 25–30 s of requests.)
 */
export const LISTS_BUDGET_MS = 140_000;
export const LISTS_GRACE_MS = 30_000;
/** With --experiment, the part may take this much longer (the experiment is never part of a default run). */
export const LISTS_EXPERIMENT_EXTRA_MS = 200_000;

// ---- the data set -------------------------------------------------------------------------------

type SortKey = ListOptions['sort'];

const CHAT_COUNT = 100_000;
/** Shares of the chats: queued, active; the rest have ended. */
const QUEUED_SHARE = 0.02;
const ACTIVE_SHARE = 0.08;
/** Ended chats nobody took (the visitor left the queue). */
const ABANDONED_SHARE = 0.06;
/** Taken chats that were transferred once (two chat_agents rows). */
const TRANSFERRED_SHARE = 0.05;
/** Chats with a follow-up time set. */
const FOLLOW_UP_SHARE = 0.01;
const HISTORY_DAYS = 90;
const AGENT_COUNT = 40;
/** Ten groups of uneven size (weights sum to 100); the measured agent is in MEASURED_GROUPS. */
const GROUPS = [
  ['Support', 22],
  ['Sales', 16],
  ['Billing', 13],
  ['Technical', 11],
  ['Returns', 9],
  ['Shipping', 8],
  ['Accounts', 7],
  ['Partners', 6],
  ['Enterprise', 5],
  ['Onboarding', 3],
] as const;
/** Indexes into GROUPS: the largest group, a middling one and a small one (41% of all chats). */
const MEASURED_GROUPS = [0, 2, 7];
/** The group whose active and inactive views are measured (the largest: 22% of all chats). */
const MEASURED_GROUP = 0;
/** As objects/chat/timers.ts DEFAULT_THRESHOLDS. */
const IDLE_WARNING_MS = 2 * 60_000;
const IDLE_HIGH_MS = 5 * 60_000;
/** Rows per multi-row INSERT, and INSERTs per db.batch call. */
const ROWS_PER_INSERT = 500;
/** D1 refuses statements of 100,000 bytes or more (SQLITE_TOOBIG). */
const MAX_STATEMENT_BYTES = 99_000;
const INSERTS_PER_BATCH = 10;
const SEED = 20_260_426;

// ---- the measurement ---------------------------------------------------------------------------

export const PAGE_SIZE = 50;
const DEEP_OFFSET = 5000;
/** Deep pages: the routes' default order (an index can serve it) and a computed one (none can). */
const DEEP_SORTS: readonly { sort: SortKey; dir: 'asc' | 'desc' }[] = [
  { sort: 'started', dir: 'desc' },
  { sort: 'idle', dir: 'desc' },
];
const WARMUPS = 2;
/** A query whose first warm-up took longer than this gets only that one (the data is warm by then). */
const SLOW_WARMUP_MS = 100;
const REPETITIONS = 20;
/**
 * Fewer than REPETITIONS only when the time budget cannot fit them all: the budget is shared so
 * that fast queries keep all theirs and slow ones get an equal share of what is left, but never
 * fewer than MIN_REPETITIONS — or MIN_REPETITIONS_CLEARLY_SLOW for a query whose warm-up alone
 * took over CLEARLY_SLOW_MS (at 3× the SLOW line, more samples would not change its verdict).
 */
const MIN_REPETITIONS = 3;
const MIN_REPETITIONS_CLEARLY_SLOW = 1;
const CLEARLY_SLOW_MS = 300;
/** How far past its deadline the measurement may run before it stops (see timeAll). */
const OVERRUN_MS = 10_000;
/** A query whose p95 is above this is flagged SLOW. */
export const SLOW_P95_MS = 100;
/** How long one request may take before the bench gives up on it. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Time kept back from the measurement for the query plans of the slow queries. */
const PLANS_RESERVE_MS = 8_000;
/** The help-desk lists: fewer measured requests per query, in at most this share of the measuring time, and their plans' reserve. */
const ITEM_REPETITIONS = 10;
const ITEMS_SHARE = 0.35;
const ITEM_PLANS_RESERVE_MS = 4_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'Lucas', 'Mia', 'Mateo',
  'Amelia', 'Levi', 'Harper', 'Ezra', 'Evelyn', 'James', 'Luna', 'Leo', 'Chloé', 'Zoë', 'Björn', 'Ngozi',
  'Aiko', 'Rahul', 'Fatima', 'Diego', 'Ingrid', 'Kwame', 'Sven', 'Yara', 'Mei', 'Omar', 'Priya', 'Tomás',
];
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  "O'Brien", 'van der Berg', 'Nakamura', 'Okafor', 'Müller', 'Kowalski', 'Singh', 'Haddad', 'Nguyen', 'Rossi',
  'Andersson', 'Dubois', 'Silva', 'Kim', 'Ivanova', 'Papadopoulos', 'Cohen', 'Mensah',
];
const AGENT_NAMES = [
  'Ada', 'Bea', 'Cal', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kai', 'Lou', 'Max', 'Nia', 'Oz', 'Pia',
  'Quin', 'Ray', 'Sol', 'Tia', 'Uma', 'Vic', 'Wes', 'Xia', 'Yul', 'Zed', 'amy', 'ben', 'Cleo', 'Dan', 'Eve',
  'Finn', 'Gia', 'Hugo', 'Iris', 'Jude', 'Kit', 'Lia', 'Milo',
];

interface SeedAgent {
  id: string;
  name: string;
  groups: number[];
}

const CHAT_COLUMNS = [
  'id', 'status', 'group_id', 'group_name', 'visitor_name', 'visitor_email', 'agent_id', 'agent_name', 'started_at',
  'taken_at', 'ended_at', 'last_agent_message_at', 'message_count', 'idle_since', 'idle_level', 'follow_up_at', 'version',
] as const;

interface Seeded {
  measuredAgent: SeedAgent;
  groupIds: string[];
  chats: number;
  chatAgentRows: number;
  byStatus: Record<'queued' | 'active' | 'ended', number>;
  mine: { active: number; completed: number };
  /** What the measured agent should see of the help-desk items. */
  items: ItemTotals;
  /** How long building and inserting the items took (without rebuilding their indexes). */
  itemsMs: number;
}

/** A group index drawn by the groups' weights, from `random`. */
function groupPicker(random: () => number): () => number {
  const weights = GROUPS.map(([, w]) => w);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = random() * totalWeight;
    for (let g = 0; g < weights.length; g++) if ((r -= weights[g]!) < 0) return g;
    return weights.length - 1;
  };
}

/** Builds the whole data set in memory (deterministic), then inserts it in multi-row batches. */
async function seed(servers: Servers, log: (line: string) => void): Promise<Seeded> {
  const db = await servers.mf.getD1Database('DB');
  const random = rng(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const id = idMaker(random);
  const now = Date.now();

  // Groups and agents: the bench's seed agent (bench/server.ts) is the measured agent, moved from
  // its one bench group into three of these; the others are in 2–3 groups each, every group staffed.
  // The measured agent is made a manager, so that the one sign-in may also open All Tickets (agents
  // get 403 there) with the same memberships: the chat lists and counts read only memberships, never
  // the role (worker/chats/routes.ts, worker/chats/queries.ts), so the chat figures are unchanged.
  const groupIds = GROUPS.map((_, i) => `grp-${String(i).padStart(2, '0')}-${id().slice(0, 8)}`);
  const measuredAgent: SeedAgent = { id: servers.agent.id, name: 'Bench Agent', groups: MEASURED_GROUPS };
  const agents: SeedAgent[] = [measuredAgent];
  for (let i = 1; i < AGENT_COUNT; i++) {
    const groups = new Set([i % GROUPS.length]);
    const size = random() < 0.5 ? 2 : 3;
    while (groups.size < size) groups.add(Math.floor(random() * GROUPS.length));
    agents.push({ id: `agent-${String(i).padStart(2, '0')}`, name: `${AGENT_NAMES[i - 1]} ${pick(LAST_NAMES)}`, groups: [...groups] });
  }
  const members = GROUPS.map((_, g) => agents.filter((a) => a.groups.includes(g)));
  const setup = [
    db.prepare('DELETE FROM memberships WHERE agent_id = ?').bind(measuredAgent.id),
    db.prepare("UPDATE agents SET name = ?, role = 'manager' WHERE id = ?").bind(measuredAgent.name, measuredAgent.id),
    ...GROUPS.map(([name], g) => db.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)').bind(groupIds[g], name, now - 400 * DAY)),
    ...agents
      .slice(1)
      .map((a, i) =>
        db
          .prepare('INSERT INTO agents (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .bind(a.id, `${a.id}@example.test`, a.name, 'not-a-hash', i % 13 === 0 ? 'manager' : 'agent', now - 300 * DAY),
      ),
    ...agents.flatMap((a) => a.groups.map((g) => db.prepare('INSERT INTO memberships (agent_id, group_id) VALUES (?, ?)').bind(a.id, groupIds[g]))),
  ];
  await db.batch(setup);

  // The chats, and every assignment in chat_agents.
  const pickGroup = groupPicker(random);
  // Rows with the time they would have been written, so they go in in that order, as in production
  // (a chat's row is written when it starts, so the table's rowid order follows started_at).
  const chatRows: { at: number; sql: string }[] = [];
  const assignmentRows: { at: number; sql: string }[] = [];
  const byStatus = { queued: 0, active: 0, ended: 0 };
  const mine = { active: 0, completed: 0 };
  for (let i = 0; i < CHAT_COUNT; i++) {
    const g = pickGroup();
    const u = random();
    const status = u < QUEUED_SHARE ? 'queued' : u < QUEUED_SHARE + ACTIVE_SHARE ? 'active' : 'ended';
    byStatus[status]++;
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const r = random();
    // A few visitors type their name in lower case or give only a first name.
    const visitorName = r < 0.03 ? `${first} ${last}`.toLowerCase() : r < 0.1 ? first : `${first} ${last}`;
    const visitorEmail = `${first}.${last}${Math.floor(random() * 1000)}@example.test`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
    let agent: SeedAgent | null = null;
    let startedAt: number;
    let takenAt: number | null = null;
    let endedAt: number | null = null;
    let lastAgentMessageAt: number | null = null;
    let messageCount: number;
    let idleSince: number;
    let idleLevel: string;
    if (status === 'queued') {
      startedAt = now - random() * 15 * MINUTE;
      messageCount = 1 + Math.floor(random() * 3);
      idleSince = startedAt;
      const idle = now - idleSince;
      idleLevel = idle >= IDLE_HIGH_MS ? 'high' : idle >= IDLE_WARNING_MS ? 'warning' : 'none';
    } else if (status === 'active') {
      startedAt = now - 2 * MINUTE - random() * 3 * HOUR;
      takenAt = startedAt + Math.min(exp(90_000), now - startedAt - 10_000);
      agent = pick(members[g]!);
      lastAgentMessageAt = random() < 0.85 ? takenAt + random() * (now - takenAt) : null;
      messageCount = 1 + Math.floor(exp(14));
      idleSince = Math.max(takenAt, startedAt, lastAgentMessageAt ?? 0);
      const idle = now - idleSince;
      idleLevel = idle >= IDLE_HIGH_MS ? 'high' : idle >= IDLE_WARNING_MS ? 'warning' : 'normal';
    } else {
      startedAt = now - 3 * HOUR - random() * (HISTORY_DAYS * DAY - 3 * HOUR);
      if (random() < ABANDONED_SHARE) {
        endedAt = startedAt + 10_000 + exp(4 * MINUTE);
        messageCount = 1 + Math.floor(random() * 2);
      } else {
        takenAt = startedAt + exp(90_000);
        agent = pick(members[g]!);
        const duration = 30_000 + exp(12 * MINUTE);
        endedAt = takenAt + duration;
        lastAgentMessageAt = takenAt + random() * duration;
        messageCount = 2 + Math.floor(exp(18));
      }
      idleSince = Math.max(startedAt, lastAgentMessageAt ?? 0);
      idleLevel = 'closed';
    }
    const followUpAt = status !== 'queued' && random() < FOLLOW_UP_SHARE ? now + (random() - 0.3) * 7 * DAY : null;
    const chatId = id();
    const values: Sql[] = [
      chatId, status, groupIds[g]!, GROUPS[g]![0], visitorName, visitorEmail, agent?.id ?? null, agent?.name ?? null, startedAt,
      takenAt, endedAt, lastAgentMessageAt, messageCount, idleSince, idleLevel, followUpAt, messageCount + 3,
    ];
    chatRows.push({ at: startedAt, sql: `(${values.map(lit).join(',')})` });
    if (agent && takenAt !== null) {
      const others = members[g]!.filter((a) => a !== agent);
      if (others.length > 0 && random() < TRANSFERRED_SHARE) {
        // Taken by someone else first, then transferred to `agent` a few minutes later.
        const previous = pick(others);
        const transferredAt = takenAt + 60_000 + random() * 4 * MINUTE;
        assignmentRows.push({ at: takenAt, sql: `(${[chatId, previous.id, takenAt].map(lit).join(',')})` });
        assignmentRows.push({ at: transferredAt, sql: `(${[chatId, agent.id, transferredAt].map(lit).join(',')})` });
        if (previous === measuredAgent && status === 'ended') mine.completed++;
      } else {
        assignmentRows.push({ at: takenAt, sql: `(${[chatId, agent.id, takenAt].map(lit).join(',')})` });
      }
      if (agent === measuredAgent) mine[status === 'active' ? 'active' : 'completed']++;
    }
  }

  const insert = async (what: string, head: string, rows: string[]) => {
    const t = performance.now();
    // Multi-row INSERTs of up to ROWS_PER_INSERT rows, each under D1's statement length limit.
    const statements: { sql: string; rows: number }[] = [];
    for (let s = 0; s < rows.length; ) {
      let e = s;
      let bytes = Buffer.byteLength(head) + 8;
      while (e < rows.length && e - s < ROWS_PER_INSERT && bytes + Buffer.byteLength(rows[e]!) + 1 < MAX_STATEMENT_BYTES) {
        bytes += Buffer.byteLength(rows[e++]!) + 1;
      }
      statements.push({ sql: `${head} VALUES ${rows.slice(s, e).join(',')}`, rows: e - s });
      s = e;
    }
    let done = 0;
    for (let b = 0; b < statements.length; b += INSERTS_PER_BATCH) {
      const batch = statements.slice(b, b + INSERTS_PER_BATCH);
      await db.batch(batch.map((st) => db.prepare(st.sql)));
      const before = done;
      done += batch.reduce((n, st) => n + st.rows, 0);
      if (b + INSERTS_PER_BATCH >= statements.length || Math.floor(done / 20_000) > Math.floor(before / 20_000)) {
        log(
          `  ${what}: ${done.toLocaleString('en')}/${rows.length.toLocaleString('en')} rows in ${b + batch.length} INSERTs ` +
            `(${fmt((performance.now() - t) / 1000, 1)} s)`,
        );
      }
    }
  };
  // The secondary indexes are dropped during the bulk load and rebuilt after it (2–3× faster on
  // this machine), from their own definitions in sqlite_master, so the schema is the migrations'.
  const { results: indexes } = await db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('chats', 'chat_agents', 'tickets', 'tasks', 'call_logs') AND sql IS NOT NULL",
    )
    .all<{ name: string; sql: string }>();
  await db.batch(indexes.map((i) => db.prepare(`DROP INDEX "${i.name}"`)));
  const inOrder = (rows: { at: number; sql: string }[]) => rows.sort((a, b) => a.at - b.at).map((r) => r.sql);
  await insert('chats', `INSERT INTO chats (${CHAT_COLUMNS.join(', ')})`, inOrder(chatRows));
  await insert('chat_agents', 'INSERT INTO chat_agents (chat_id, agent_id, assigned_at)', inOrder(assignmentRows));

  // The help-desk items over the same groups and agents, from a generator of their own (so the
  // chats are the same rows as before there were items).
  const itemsStart = performance.now();
  const itemRandom = rng(SEED + 1);
  const items = buildItems({
    random: itemRandom,
    id: idMaker(itemRandom),
    now,
    historyMs: HISTORY_DAYS * DAY,
    agents,
    measuredAgent,
    groupIds,
    measuredGroup: MEASURED_GROUP,
    members,
    pickGroup: groupPicker(itemRandom),
    firstNames: FIRST_NAMES,
    lastNames: LAST_NAMES,
  });
  for (const t of items.tables) {
    await insert(t.table, `INSERT INTO ${t.table} (${t.columns.join(', ')})`, t.rows.map((r) => `(${r.map(lit).join(',')})`));
  }
  const itemsMs = performance.now() - itemsStart;

  const rebuild = performance.now();
  await db.batch(indexes.map((i) => db.prepare(i.sql)));
  log(`  rebuilt the ${indexes.length} indexes (${indexes.map((i) => i.name).join(', ')}) in ${fmt((performance.now() - rebuild) / 1000, 1)} s`);
  return { measuredAgent, groupIds, chats: chatRows.length, chatAgentRows: assignmentRows.length, byStatus, mine, items: items.totals, itemsMs };
}

// ---- the queries -------------------------------------------------------------------------------

export interface ListQuery {
  kind: 'list';
  /** As printed: my-active, my-completed, queued, global, group-active, group-inactive. */
  view: string;
  filter: ChatFilter;
  sort: SortKey;
  dir: 'asc' | 'desc';
  offset: number;
  path: string;
}

interface CountsQuery {
  kind: 'counts';
  view: 'counts';
  path: string;
}

/** A chat list page, the chat counts, or a help-desk list page (bench/lists-items.ts). */
export type Query = ListQuery | CountsQuery | ItemQuery;

export interface Timing {
  query: Query;
  p50: number;
  p95: number;
  n: number;
  rows: number;
  total: number;
  /** A page of the wrong length (the route answered, but not as expected). */
  problem: string | null;
  /** No measured request fitted the time budget: p50 and p95 are the (last) warm-up's time. */
  warmupOnly?: boolean;
}

export const COUNTS_QUERY: CountsQuery = { kind: 'counts', view: 'counts', path: '/api/chats/counts' };

export function listQueries(groupId: string): ListQuery[] {
  const views: { view: string; filter: ChatFilter; deep: boolean }[] = [
    { view: 'my-active', filter: { view: 'my-active' }, deep: false },
    { view: 'my-completed', filter: { view: 'my-completed' }, deep: false },
    { view: 'queued', filter: { view: 'queued' }, deep: false },
    { view: 'global', filter: { view: 'global' }, deep: true },
    { view: 'group-active', filter: { view: 'group', groupId, state: 'active' }, deep: false },
    { view: 'group-inactive', filter: { view: 'group', groupId, state: 'inactive' }, deep: true },
  ];
  const out: ListQuery[] = [];
  const make = (v: (typeof views)[number], sort: SortKey, dir: 'asc' | 'desc', offset: number): ListQuery => {
    const params = new URLSearchParams(
      v.filter.view === 'group' ? { view: 'group', group: v.filter.groupId, state: v.filter.state } : { view: v.filter.view },
    );
    params.set('sort', sort);
    params.set('dir', dir);
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String(offset));
    return { kind: 'list', view: v.view, filter: v.filter, sort, dir, offset, path: `/api/chats?${params}` };
  };
  for (const v of views) for (const sort of SORT_KEYS) for (const dir of ['asc', 'desc'] as const) out.push(make(v, sort, dir, 0));
  // Deep pages (offset 5000) of the two big views.
  for (const v of views) if (v.deep) for (const d of DEEP_SORTS) out.push(make(v, d.sort, d.dir, DEEP_OFFSET));
  return out;
}

async function get(origin: string, path: string, cookie: string): Promise<{ ms: number; body: string }> {
  const url = new URL(path, origin);
  if (url.hostname !== BENCH_HOST) throw new Error(`refusing to connect to ${url.hostname}`);
  const t = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

/** The last counts answer seen, to check it against the lists' totals. */
let lastCounts: { myActive: number; queued: number; groups: Record<string, { active: number; inactive: number }> } | undefined;

function describeBody(query: Query, body: string): Pick<Timing, 'rows' | 'total' | 'problem'> {
  if (query.kind === 'counts') {
    const counts = JSON.parse(body) as { myActive: number; queued: number; groups: Record<string, { active: number; inactive: number }> };
    const groups = Object.values(counts.groups);
    lastCounts = counts;
    return { rows: groups.length, total: groups.reduce((n, g) => n + g.active + g.inactive, 0), problem: null };
  }
  if (query.kind === 'item') {
    // The route's total must be what the seeding counted, and the page as long as the total allows.
    const page = JSON.parse(body) as Record<string, unknown[]> & { total: number };
    const rows = page[query.list]!.length;
    const expected = Math.max(0, Math.min(PAGE_SIZE, page.total - query.offset));
    const problem =
      page.total !== query.expected ? `total ${page.total}, seeded ${query.expected}` : rows !== expected ? `${rows} rows, expected ${expected}` : null;
    return { rows, total: page.total, problem };
  }
  const page = JSON.parse(body) as { chats: unknown[]; total: number };
  const expected = Math.max(0, Math.min(PAGE_SIZE, page.total - query.offset));
  return { rows: page.chats.length, total: page.total, problem: page.chats.length === expected ? null : `${page.chats.length} rows, expected ${expected}` };
}

/**
 * How many measured requests each query gets: REPETITIONS where the budget allows, otherwise an
 * equal share of time T per query (found by bisection), never fewer than the query's minimum
 * (or than one, `bare`, when even the minimums do not fit).
 */
function allocate(costs: readonly number[], budgetMs: number, bare: boolean, repetitions: number): number[] {
  const floor = costs.map((c) => Math.min(repetitions, bare || c > CLEARLY_SLOW_MS ? MIN_REPETITIONS_CLEARLY_SLOW : MIN_REPETITIONS));
  const reps = (t: number) => costs.map((c, i) => Math.max(floor[i]!, Math.min(repetitions, Math.floor(t / Math.max(c, 0.5)))));
  const spend = (r: number[]) => r.reduce((n, k, i) => n + k * costs[i]!, 0);
  if (spend(reps(Infinity)) <= budgetMs) return reps(Infinity);
  let lo = 0;
  let hi = Math.max(...costs) * repetitions;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (spend(reps(mid)) <= budgetMs) lo = mid;
    else hi = mid;
  }
  return reps(lo);
}

/**
 * Times every query through the route: first the warm-ups of all of them (which also measure what
 * each costs), then the measured requests, as many as the time left until `deadline` allows (at
 * most `repetitions` each). Past `deadline` + OVERRUN_MS nothing more is measured: the queries left
 * are reported as not measured (n = 0), so the part always prints its table within its time limit.
 */
export async function timeAll(
  origin: string,
  cookie: string,
  queries: readonly Query[],
  deadline: number,
  log: (line: string) => void,
  signal: AbortSignal,
  repetitions = REPETITIONS,
): Promise<Timing[]> {
  const hardStop = deadline + OVERRUN_MS;
  const costs: number[] = [];
  const bodies: (string | undefined)[] = [];
  const t = performance.now();
  // Second warm-ups only in the first part of the budget: on a busy machine, samples matter more.
  const secondWarmUpsUntil = t + (deadline - t) * 0.4;
  for (const q of queries) {
    if (signal.aborted) throw new Error('stopped');
    if (performance.now() > hardStop) {
      costs.push(Infinity);
      bodies.push(undefined);
      continue;
    }
    let { ms, body } = await get(origin, q.path, cookie);
    for (let i = 1; i < WARMUPS && ms <= SLOW_WARMUP_MS && performance.now() < secondWarmUpsUntil; i++) {
      ({ ms, body } = await get(origin, q.path, cookie));
    }
    costs.push(ms);
    bodies.push(body);
  }
  const budget = Math.max(0, deadline - performance.now());
  const measurable = costs.map((c) => (Number.isFinite(c) ? c : 0));
  let reps = allocate(measurable, budget, false, repetitions);
  if (reps.reduce((n, k, i) => n + k * measurable[i]!, 0) > budget) reps = allocate(measurable, budget, true, repetitions);
  reps = reps.map((r, i) => (Number.isFinite(costs[i]!) ? r : 0));
  const planned = reps.reduce((n, k, i) => n + k * measurable[i]!, 0);
  log(
    `warm-ups done in ${fmt((performance.now() - t) / 1000, 1)} s; measuring ${reps.reduce((a, b) => a + b, 0)} requests ` +
      `(~${fmt(planned / 1000, 0)} s of ${fmt(budget / 1000, 0)} s left; ${reps.filter((r) => r === repetitions).length}/${queries.length} queries get all ${repetitions})`,
  );
  // Round-robin: round k requests every query that is to get at least k samples, so that when the
  // time runs out every query has had its first rounds, and a load that drifts over the run falls
  // on all queries alike. The slow ones drop out after their few rounds; the later rounds are quick.
  const times: number[][] = queries.map(() => []);
  const lastBody = [...bodies];
  const rounds = Math.max(0, ...reps);
  let stopped = false;
  for (let round = 0; round < rounds && !stopped; round++) {
    for (let i = 0; i < queries.length; i++) {
      if (signal.aborted) throw new Error('stopped');
      if (reps[i]! <= round) continue;
      if (performance.now() > hardStop) {
        stopped = true;
        break;
      }
      const r = await get(origin, queries[i]!.path, cookie);
      times[i]!.push(r.ms);
      lastBody[i] = r.body;
    }
    if (round === 0 || round + 1 === rounds || (round + 1) % 5 === 0) log(`  round ${round + 1}/${rounds} done`);
  }
  const out = queries.map((q, i): Timing => {
    const sorted = times[i]!.sort((a, b) => a - b);
    const body = lastBody[i];
    const shape = body === undefined ? { rows: 0, total: 0, problem: null } : describeBody(q, body);
    if (sorted.length === 0 && Number.isFinite(costs[i]!)) return { query: q, p50: costs[i]!, p95: costs[i]!, n: 0, ...shape, warmupOnly: true };
    return { query: q, p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length, ...shape };
  });
  const short = out.filter((x, i) => x.n > 0 && x.n < reps[i]!).length;
  const none = out.filter((x) => x.n === 0).length;
  if (short + none > 0) {
    log(`the time budget ran out: ${short} queries measured fewer times than planned, ${none} not at all (their warm-up time is shown, n = 0)`);
  }
  return out;
}

// ---- what drizzle sends, for EXPLAIN QUERY PLAN -------------------------------------------------

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * A D1Database that runs nothing and records every statement: listChats and countChats (the real
 * functions, from worker/db/chats.ts) called on it reveal exactly the SQL drizzle generates, and
 * the help-desk list functions (worker/items/queries.ts) the SQL they write.
 */
export function recordingDb(into: Statement[]): D1Database {
  const prepare = (sql: string) => {
    const statement: Statement = { sql, params: [] };
    into.push(statement);
    const stmt = {
      bind(...params: unknown[]) {
        statement.params = params;
        return stmt;
      },
      all: async () => ({ results: [], success: true, meta: {} }),
      raw: async () => [],
      first: async () => null,
      run: async () => ({ results: [], success: true, meta: {} }),
    };
    return stmt;
  };
  // The help-desk lists send page and count as one batch: each answer is one row, a count of 0.
  const batch = async (statements: readonly unknown[]) => statements.map(() => ({ results: [{ n: 0 }], success: true, meta: {} }));
  return { prepare, batch } as unknown as D1Database;
}

/** The statements the route runs for `query`: [page, count] for a list, [counts] for the counts. */
export async function statementsOf(agentId: string, query: Query, now: number): Promise<Statement[]> {
  const recorded: Statement[] = [];
  const db = recordingDb(recorded);
  if (query.kind === 'counts') await countChats(db, agentId);
  else if (query.kind === 'item') await query.run(db, agentId);
  else {
    const options: ListOptions = { sort: query.sort, dir: query.dir, limit: PAGE_SIZE, offset: query.offset, now };
    await listChats(db, agentId, query.filter, options);
  }
  return recorded;
}

export async function explain(db: D1Database, s: Statement): Promise<string[]> {
  const { results } = await db
    .prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
    .bind(...s.params)
    .all<{ id: number; parent: number; detail: string }>();
  const depth = new Map<number, number>([[0, 0]]);
  return results.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

/** The statement's time inside D1 (meta.duration, ms; p50 of `reps`): the SQL alone, no HTTP, no route. */
export async function sqlMs(db: D1Database, s: Statement, reps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const r = await db
      .prepare(s.sql)
      .bind(...s.params)
      .all();
    times.push(r.meta.duration);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

// ---- printing ----------------------------------------------------------------------------------

export function describeQuery(q: Query): string {
  return q.kind === 'counts' ? 'counts' : `${q.view} ${q.sort} ${q.dir}${q.offset ? ` @${q.offset}` : ''}`;
}

function printTimings(timings: readonly Timing[]): void {
  const rows = timings.map((t) => [
    t.query.view,
    t.query.kind !== 'counts' ? t.query.sort : '–',
    t.query.kind !== 'counts' ? t.query.dir : '–',
    t.query.kind !== 'counts' ? String(t.query.offset) : '–',
    fmt(t.p50),
    fmt(t.p95),
    String(t.rows),
    String(t.total),
    String(t.n),
    [t.warmupOnly ? 'warm-up only' : t.n === 0 ? 'not measured' : '', t.p95 > SLOW_P95_MS ? 'SLOW' : '', t.problem ? `WRONG: ${t.problem}` : '']
      .filter(Boolean)
      .join(' '),
  ]);
  console.log(table(['view', 'sort', 'dir', 'offset', 'p50 ms', 'p95 ms', 'rows', 'total', 'n', ''], rows, 4).join('\n'));
}

const viewLabel = (t: Timing) => t.query.view + (t.query.kind !== 'counts' && t.query.offset ? ` @${t.query.offset}` : '');

export function printSummary(timings: readonly Timing[]): void {
  const lines = ['', `Per view: worst p95 across sort keys and directions (SLOW: p95 > ${SLOW_P95_MS} ms)`];
  const labels = [...new Set(timings.map(viewLabel))];
  const width = Math.max(20, ...labels.map((v) => v.length));
  for (const v of labels) {
    const all = timings.filter((t) => viewLabel(t) === v);
    const of = all.filter((t) => t.n > 0 || t.warmupOnly);
    const warmups = of.filter((t) => t.warmupOnly).length;
    const unmeasured =
      (all.length - of.length ? `; ${all.length - of.length} not measured` : '') + (warmups ? `; ${warmups} from a warm-up only` : '');
    if (of.length === 0) {
      lines.push(`  ${v.padEnd(width)} not measured (time budget)`);
      continue;
    }
    const worst = of.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const best = of.reduce((a, b) => (b.p95 < a.p95 ? b : a));
    const slow = of.filter((t) => t.p95 > SLOW_P95_MS).length;
    lines.push(
      `  ${v.padEnd(width)} worst p95 ${fmt(worst.p95).padStart(8)} ms (${describeQuery(worst.query)}); best p95 ${fmt(best.p95)} ms; ` +
        `${slow}/${of.length} SLOW${unmeasured}`,
    );
  }
  console.log(lines.join('\n'));
}

/** The plans of the slow queries, one per distinct plan, with the SQL's own time in D1. */
async function printPlans(db: D1Database, agentId: string, slow: readonly Timing[], log: (line: string) => void, deadline: number): Promise<void> {
  if (slow.length === 0) return;
  const how = slow.some((t) => t.query.kind !== 'item') ? 'SQL as drizzle generates it' : 'SQL as worker/items/queries.ts writes it';
  log(`EXPLAIN QUERY PLAN of the ${slow.length} SLOW quer${slow.length === 1 ? 'y' : 'ies'}, ${how}, run through the D1 binding`);
  const now = Date.now();
  const byPlan = new Map<string, { queries: string[]; sql: string; statementsMs: string }>();
  for (const t of slow) {
    const statements = await statementsOf(agentId, t.query, now);
    const plans = await Promise.all(statements.map((s) => explain(db, s)));
    const key = plans.map((p) => p.join('\n')).join('\n--\n');
    const entry = byPlan.get(key);
    if (entry) {
      entry.queries.push(describeQuery(t.query));
      continue;
    }
    // The SQL's own time, for the first query of each plan (skipped once the budget is spent).
    const ms = performance.now() < deadline ? await Promise.all(statements.map((s) => sqlMs(db, s, 1))) : [];
    byPlan.set(key, {
      queries: [describeQuery(t.query)],
      sql: statements[0]!.sql,
      statementsMs: ms.length
        ? ms.map((m, i) => `${statements.length === 1 ? 'query' : (['page', 'count'][i] ?? `#${i}`)} ${fmt(m, 0)} ms`).join(', ')
        : 'not measured (time budget spent)',
    });
  }
  const lines: string[] = [];
  for (const [key, e] of byPlan) {
    lines.push('', `${e.queries.join('; ')}`, `  SQL time in D1 (meta.duration) for the first of these: ${e.statementsMs}`);
    const plans = key.split('\n--\n');
    plans.forEach((plan, i) => lines.push(`  ${plans.length === 1 ? 'query' : (['page', 'count'][i] ?? `statement ${i}`)} plan:`, plan));
  }
  const example = [...byPlan.values()][0];
  const source = slow[0]!.query.kind === 'item' ? 'worker/items/queries.ts' : 'listChats, worker/db/chats.ts';
  if (example) lines.push('', `For example, the page SQL of the first (${source}):`, `  ${example.sql.replace(/\s+/g, ' ')}`);
  console.log(lines.join('\n'));
}

// ---- the part ----------------------------------------------------------------------------------

/** What the --experiment part (bench/lists-experiment.ts) is given once the lists were measured. */
export interface ExperimentInput {
  /** performance.now() by which the experiment should be done. */
  deadline: number;
  db: D1Database;
  origin: string;
  cookie: string;
  agentId: string;
  timings: readonly Timing[];
  ctx: PartContext;
}

/**
 * `experiment` (bench/lists-experiment.ts, with --experiment) is handed in by bench/run.ts rather
 * than imported here: it builds on this file, and a module must not import its own dependants.
 */
export async function runLists(ctx: PartContext, experiment?: (input: ExperimentInput) => Promise<void>): Promise<number> {
  const loadAtStart = loadavg()[0]!.toFixed(2);
  const servers = await ctx.startServers();
  const db = await servers.mf.getD1Database('DB');
  const t = performance.now();
  ctx.log(
    `seeding D1 with ${CHAT_COUNT.toLocaleString('en')} chats (${GROUPS.length} groups, ${AGENT_COUNT} agents), up to ${ROWS_PER_INSERT} rows ` +
      `per INSERT (under D1's 100 KB statement limit), ${INSERTS_PER_BATCH} INSERTs per db.batch`,
  );
  const seeded = await seed(servers, ctx.log);
  const { byStatus, mine, items } = seeded;
  ctx.log(
    `seeded in ${fmt((performance.now() - t) / 1000, 1)} s: ${seeded.chats.toLocaleString('en')} chats ` +
      `(${byStatus.queued} queued, ${byStatus.active} active, ${byStatus.ended} ended), ${seeded.chatAgentRows.toLocaleString('en')} chat_agents rows; ` +
      `the measured agent is in ${MEASURED_GROUPS.map((g) => GROUPS[g]![0]).join(', ')} with ${mine.active} active and ${mine.completed} completed chats`,
  );
  ctx.log(
    `  of which the help-desk items (built and inserted, indexes apart) took ${fmt(seeded.itemsMs / 1000, 1)} s: ` +
      `${TICKET_COUNT.toLocaleString('en')} tickets (${items.tickets.open} open, ${items.tickets.pending} pending, ${items.tickets.closed} closed; ` +
      `${items.assignedTickets} with an agent), ${TASK_COUNT.toLocaleString('en')} tasks (${items.tasks.open} open, ${items.tasks.done} done), ` +
      `${CALL_COUNT.toLocaleString('en')} call logs`,
  );
  const cookie = await signIn(servers);
  ctx.log(`signed in as ${servers.agent.email} (a manager here, for All Tickets) through POST /api/auth/login`);

  const groupId = seeded.groupIds[MEASURED_GROUP]!;
  const queries: Query[] = [...listQueries(groupId), COUNTS_QUERY];
  const helpDesk: Query[] = itemQueries(groupId, servers.agent.id, items, PAGE_SIZE, DEEP_OFFSET);
  // The help-desk lists first, in at most ITEMS_SHARE of the time left: when they are quick they
  // finish early and leave the rest to the chat lists, which can use any time they are given.
  const measureFrom = performance.now();
  const measureUntil = ctx.deadline - PLANS_RESERVE_MS - ITEM_PLANS_RESERVE_MS;
  ctx.log(
    `timing ${helpDesk.length} help-desk list queries, then ${queries.length} chat list queries, over real HTTP (fetch to ${servers.origin}, not dispatchFetch): ` +
      `${WARMUPS} warm-ups each (1 if over ${SLOW_WARMUP_MS} ms or the machine is slow), then up to ${ITEM_REPETITIONS} (help desk) or ${REPETITIONS} (chats) ` +
      `measured requests, round-robin, as the time budget allows (at least ${MIN_REPETITIONS}; ${MIN_REPETITIONS_CLEARLY_SLOW} if a warm-up took over ${CLEARLY_SLOW_MS} ms); ` +
      `the help desk gets up to ${fmt(((measureUntil - measureFrom) * ITEMS_SHARE) / 1000, 0)} s of the ${fmt((measureUntil - measureFrom) / 1000, 0)} s left`,
  );
  const itemTimings = await timeAll(
    servers.origin,
    cookie,
    helpDesk,
    measureFrom + (measureUntil - measureFrom) * ITEMS_SHARE,
    ctx.log,
    ctx.signal,
    ITEM_REPETITIONS,
  );
  ctx.log(`help-desk lists measured in ${fmt((performance.now() - measureFrom) / 1000, 1)} s; now the chat lists`);
  const timings = await timeAll(servers.origin, cookie, queries, measureUntil, ctx.log, ctx.signal);

  console.log(
    [
      '',
      `Chat lists at ${seeded.chats.toLocaleString('en')} chats: GET /api/chats (limit ${PAGE_SIZE}) and GET /api/chats/counts through the real routes,`,
      `real HTTP to ${BENCH_HOST} (Node fetch, keep-alive), one request at a time; time = request sent → body read; n = measured requests` +
        (timings.some((x) => x.n < REPETITIONS)
          ? ` (fewer than ${REPETITIONS} where the time budget did not fit them: with few, p95 is about the maximum; n = 0: a warm-up's time only).`
          : '.'),
      `Agent in 3 of ${GROUPS.length} groups (${MEASURED_GROUPS.map((g) => GROUPS[g]![0]).join(', ')}: ` +
        `${GROUPS.filter((_, g) => MEASURED_GROUPS.includes(g)).reduce((n, [, w]) => n + w, 0)}% of all chats); group views: ${GROUPS[MEASURED_GROUP]![0]}. ` +
        `counts: rows = groups, total = chats counted.`,
      `host: ${cpus().length} CPU(s), load average ${loadAtStart} at the start of this part, ${loadavg()[0]!.toFixed(2)} now` +
        (loadavg()[0]! > cpus().length / 2 ? ' (busy: other processes compete for the CPUs, so times are inflated and noisy)' : ''),
    ].join('\n'),
  );
  // The counts must agree with the lists' totals.
  const countsTiming = timings.find((x) => x.query.kind === 'counts');
  if (countsTiming && lastCounts) {
    // (A query never reached for lack of time has no answer to compare.)
    const totalOf = (view: string) => timings.find((x) => x.query.view === view && (x.n > 0 || x.total > 0))?.total;
    const group = lastCounts.groups[groupId];
    const mismatches = [
      ['myActive', lastCounts.myActive, totalOf('my-active')],
      ['queued', lastCounts.queued, totalOf('queued')],
      ['all groups', countsTiming.total, totalOf('global')],
      ['group active', group?.active, totalOf('group-active')],
      ['group inactive', group?.inactive, totalOf('group-inactive')],
    ].filter(([, a, b]) => b !== undefined && a !== b);
    if (mismatches.length) countsTiming.problem = `counts disagree with the lists: ${mismatches.map(([k, a, b]) => `${k} ${a} vs ${b}`).join(', ')}`;
  }
  printTimings(timings);
  printSummary(timings);
  const slow = timings.filter((x) => x.p95 > SLOW_P95_MS);
  const wrong = timings.filter((x) => x.problem);
  console.log(
    `${slow.length} of ${timings.length} queries SLOW (p95 > ${SLOW_P95_MS} ms)` + (wrong.length ? `; ${wrong.length} returned the wrong number of rows` : ''),
  );
  await printPlans(db, servers.agent.id, slow, ctx.log, ctx.deadline + LISTS_GRACE_MS / 4);

  const itemsWrong = printItems(itemTimings, items, loadAtStart);
  const itemsSlow = itemTimings.filter((x) => x.p95 > SLOW_P95_MS);
  await printPlans(db, servers.agent.id, itemsSlow, ctx.log, ctx.deadline + LISTS_GRACE_MS / 2);
  if (experiment) {
    // The experiment is about the chat lists only.
    const deadline = ctx.deadline + LISTS_EXPERIMENT_EXTRA_MS - 10_000;
    await experiment({ deadline, db, origin: servers.origin, cookie, agentId: servers.agent.id, timings, ctx });
  }
  return wrong.length + itemsWrong > 0 ? 1 : 0;
}

/** The help-desk table, after the chat lists' and like it; returns how many answers were wrong. */
function printItems(timings: readonly Timing[], items: ItemTotals, loadAtStart: string): number {
  const groups = MEASURED_GROUPS.map((g) => GROUPS[g]![0]).join(', ');
  const share = GROUPS.filter((_, g) => MEASURED_GROUPS.includes(g)).reduce((n, [, w]) => n + w, 0);
  const n = (x: number) => x.toLocaleString('en');
  console.log(
    [
      '',
      `Help-desk lists at ${n(TICKET_COUNT)} tickets, ${n(TASK_COUNT)} tasks and ${n(CALL_COUNT)} call logs: GET /api/tickets, /api/tasks and /api/calls ` +
        `(limit ${PAGE_SIZE}) through the real routes,`,
      `real HTTP to ${BENCH_HOST} as for the chat lists; n = measured requests, at most ${ITEM_REPETITIONS} here` +
        (timings.some((x) => x.n < ITEM_REPETITIONS) ? ' (fewer where the time budget did not fit them; n = 0: a warm-up\'s time only).' : '.'),
      `Target as for the chat lists: p95 ≤ ${SLOW_P95_MS} ms per query (SLOW above). total = the route's total, checked against the seeding.`,
      `Signed in as a manager in ${groups} (${share}% of the items): My Tickets ${n(items.mine)} (open and pending), ` +
        `${GROUPS[MEASURED_GROUP]![0]}'s open and pending ${n(items.group)}, All Tickets ${n(items.all)} ` +
        `(${n(items.allByStatus.open)} open, ${n(items.allByStatus.pending)} pending, ${n(items.allByStatus.closed)} closed); ` +
        `My Tasks ${n(items.myTasks.open)} open (${items.myTasks.overdue} overdue, ${items.myTasks.noDue} with no due time), ${n(items.myTasks.done)} done; ` +
        `call logs: ${GROUPS[MEASURED_GROUP]![0]}'s ${n(items.groupCalls)}, the agent's own ${n(items.myCalls)}.`,
      `Tasks and call logs have one order each (open tasks: overdue first, by due time; done: latest first; calls: latest first).`,
      `host: ${cpus().length} CPU(s), load average ${loadAtStart} at the start of this part, ${loadavg()[0]!.toFixed(2)} now` +
        (loadavg()[0]! > cpus().length / 2 ? ' (busy: other processes compete for the CPUs, so times are inflated and noisy)' : ''),
    ].join('\n'),
  );
  printTimings(timings);
  printSummary(timings);
  const slow = timings.filter((x) => x.p95 > SLOW_P95_MS);
  const wrong = timings.filter((x) => x.problem);
  console.log(
    `${slow.length} of ${timings.length} help-desk queries SLOW (p95 > ${SLOW_P95_MS} ms)` +
      (wrong.length ? `; ${wrong.length} returned the wrong rows or total` : ''),
  );
  return wrong.length;
}
