// `npm run bench -- lists --experiment`: what would make the slow lists fast. NOT part of the bench's
// output or verdict: it changes the bench's own throw-away D1 (never worker/ or migrations/).
//
//  1. Query rewrites, tried on the SQL drizzle generates today (string edits, each checked to apply,
//     and to return the same rows and total as today's SQL), timed inside D1 (meta.duration):
//       chats-first     Global's page query with `chats CROSS JOIN memberships` instead of `chats INNER
//                       JOIN memberships`: SQLite then reads chats in table (or sort-index) order and
//                       checks membership per row, rather than fetching every chat of the agent's
//                       groups through chats_group_status and sorting them all.
//       from-chat-agents  My Completed driven from chat_agents (agent_id) instead of a correlated
//                       EXISTS evaluated for every ended chat of the agent's groups.
//  2. Candidate indexes (CANDIDATES), created in the bench's D1, with and without the rewrites.
//  3. A slow query per view and the counts timed again through the real route with the candidate
//     indexes in place (the route still sends today's SQL: the rewrites need worker/db/chats.ts).
import { performance } from 'node:perf_hooks';
import type { PartContext } from './common.ts';
import { fmt, table } from './common.ts';
import {
  COUNTS_QUERY,
  describeQuery,
  explain,
  printSummary,
  type Query,
  SLOW_P95_MS,
  type Statement,
  sqlMs,
  statementsOf,
  type ExperimentInput,
  type Timing,
  timeAll,
} from './lists.ts';

/** Candidate schema changes, in the order they are applied. */
export const CANDIDATES: readonly { sql: string[]; why: string }[] = [
  {
    sql: ['DROP INDEX chats_group_status', 'CREATE INDEX chats_group_status ON chats (group_id, status, started_at, agent_id)'],
    why: 'counts: covering (group_id, status, agent_id), no row reads; same prefix, so every current use keeps working',
  },
  { sql: ['CREATE INDEX chats_started ON chats (started_at)'], why: 'global sorted by started (the default sort), with chats-first' },
  { sql: ['CREATE INDEX chats_visitor_name ON chats (visitor_name COLLATE NOCASE)'], why: 'global sorted by user, with chats-first' },
];

const MEMBERSHIP_JOIN = 'from "chats" inner join "memberships" on (';
const WAS_MINE = /exists \(select "chat_id" from "chat_agents" where \("chat_agents"\."chat_id" = "chats"\."id" and "chat_agents"\."agent_id" = \?\)\)/;
/** SQL runs per configuration (the data is warm by now); the p50 is reported. */
const SQL_REPS = 3;
/** How many slow or heavy queries per view are compared at the SQL level, preferring these sort keys. */
const PER_VIEW = 4;
const PREFERRED_SORTS = ['started', 'user', 'idle', 'status', 'messages', 'agent', 'group', 'queueTime'];
/** How many slow queries per view are timed again through the route (with the counts). */
const PER_VIEW_ROUTE = 1;

/** The rewritten statements for `q`, or null when no rewrite applies. */
function rewrite(q: Query, statements: readonly Statement[]): { name: string; statements: Statement[] } | null {
  if (q.kind !== 'list') return null;
  if (q.view === 'my-completed') {
    return {
      name: 'from-chat-agents',
      statements: statements.map((s) => {
        // Today: [agent (membership), 'ended', agent (exists), …]; rewritten: [agent (chat_agents), agent (membership), 'ended', …].
        if (!s.sql.includes(MEMBERSHIP_JOIN) || !WAS_MINE.test(s.sql)) throw new Error(`my-completed SQL changed shape: ${s.sql}`);
        const sql = s.sql
          .replace(' and ' + WAS_MINE.exec(s.sql)![0], '')
          .replace(
            MEMBERSHIP_JOIN,
            'from "chat_agents" cross join "chats" on ("chats"."id" = "chat_agents"."chat_id" and "chat_agents"."agent_id" = ?) inner join "memberships" on (',
          );
        const [membershipAgent, status, mineAgent, ...rest] = s.params;
        return { sql, params: [mineAgent, membershipAgent, status, ...rest] };
      }),
    };
  }
  if (q.view !== 'global') return null;
  // Only the page: the count is a covering-index count either way, and cheaper as it is today.
  const [page, ...rest] = statements;
  if (!page?.sql.includes(MEMBERSHIP_JOIN)) throw new Error(`global SQL changed shape: ${page?.sql}`);
  return { name: 'chats-first', statements: [{ sql: page.sql.replace(MEMBERSHIP_JOIN, 'from "chats" cross join "memberships" on ('), params: page.params }, ...rest] };
}

interface Result {
  ms: number[];
  /** The page's ids and the count, to check a rewrite returns the same. */
  fingerprint: string;
}

async function runStatements(db: D1Database, statements: readonly Statement[]): Promise<Result> {
  const ms: number[] = [];
  for (const s of statements) ms.push(await sqlMs(db, s, SQL_REPS));
  const results = [];
  for (const s of statements) {
    results.push(
      (
        await db
          .prepare(s.sql)
          .bind(...s.params)
          .raw()
      ).map((row) => String(row[0])),
    );
  }
  return { ms, fingerprint: JSON.stringify(results) };
}

const showMs = (r: Result | undefined) => (r ? r.ms.map((m) => fmt(m, 0)).join(' + ') : '–');
const total = (r: Result | undefined) => (r ? r.ms.reduce((a, b) => a + b, 0) : NaN);

export async function runExperiment({ deadline, db, origin, cookie, agentId, timings, ctx }: ExperimentInput): Promise<void> {
  const rule = '='.repeat(110);
  console.log(['', rule, "EXPERIMENT (not part of the bench's output): query rewrites and candidate indexes, in the bench's throw-away D1", rule].join('\n'));
  const slow = timings.filter((t) => t.p95 > SLOW_P95_MS);
  // Compared at the SQL level: the slow queries and the heavy ones (over half the SLOW line).
  const heavy = timings.filter((t) => t.p95 > SLOW_P95_MS / 2);
  // Per view (deep pages apart), up to PER_VIEW distinct sort keys, PREFERRED_SORTS first, desc before asc.
  const rank = (x: Timing) =>
    x.query.kind === 'list'
      ? (PREFERRED_SORTS.includes(x.query.sort) ? PREFERRED_SORTS.indexOf(x.query.sort) : PREFERRED_SORTS.length) * 2 + (x.query.dir === 'desc' ? 0 : 1)
      : 0;
  const viewKey = (x: Timing) => `${x.query.view}@${x.query.kind === 'list' ? x.query.offset : 0}`;
  const sortOf = (x: Timing) => (x.query.kind === 'list' ? x.query.sort : '');
  const picked: Timing[] = [];
  for (const t of [...heavy].sort((a, b) => rank(a) - rank(b))) {
    const same = picked.filter((p) => viewKey(p) === viewKey(t));
    if (same.length < PER_VIEW && !same.some((p) => sortOf(p) === sortOf(t))) picked.push(t);
  }
  const counts = timings.find((t) => t.query.kind === 'counts');
  if (counts && !picked.includes(counts)) picked.push(counts);
  const now = Date.now();
  const compared = await Promise.all(picked.map(async (t) => ({ t, statements: await statementsOf(agentId, t.query, now) })));

  ctx.log(`SQL level: ${compared.length} queries, today's SQL and the rewrite, ${SQL_REPS} runs each, without the candidate indexes`);
  const before = new Map<Timing, { current: Result; rewritten?: Result; name?: string }>();
  for (const c of compared) {
    if (performance.now() > deadline - 60_000) {
      ctx.log('  (time budget: the remaining queries are left out)');
      compared.splice(compared.indexOf(c));
      break;
    }
    const r = rewrite(c.t.query, c.statements);
    before.set(c.t, { current: await runStatements(db, c.statements), ...(r ? { rewritten: await runStatements(db, r.statements), name: r.name } : {}) });
  }
  ctx.log('creating the candidate indexes');
  for (const c of CANDIDATES) {
    const t = performance.now();
    for (const sql of c.sql) await db.prepare(sql).run();
    ctx.log(`  ${c.sql.join('; ')}  (${fmt(performance.now() - t, 0)} ms) — ${c.why}`);
  }
  ctx.log('SQL level again, with the candidate indexes');
  const rows: string[][] = [];
  const after = new Map<Timing, { current: Result; rewritten?: Result }>();
  for (const c of compared) {
    const r = rewrite(c.t.query, c.statements);
    const b = before.get(c.t)!;
    const a = { current: await runStatements(db, c.statements), ...(r ? { rewritten: await runStatements(db, r.statements) } : {}) };
    after.set(c.t, a);
    const same = [b.rewritten, a.current, a.rewritten].every((x) => !x || x.fingerprint === b.current.fingerprint);
    rows.push([
      describeQuery(c.t.query),
      b.name ?? '–',
      showMs(b.current),
      showMs(b.rewritten),
      showMs(a.current),
      showMs(a.rewritten),
      `${fmt(total(b.current) / Math.max(0.5, Math.min(...[a.current, a.rewritten, b.rewritten].filter((x) => x).map(total))), 0)}x`,
      same ? 'yes' : 'NO',
    ]);
  }
  console.log(
    [
      '',
      'SQL time inside D1 (meta.duration, p50 of 3), ms as page + count (counts: one statement); "same" = the same page ids and total as today.',
      ...table(['query', 'rewrite', 'today', 'rewritten', 'today+indexes', 'rewritten+indexes', 'best gain', 'same'], rows, 2),
    ].join('\n'),
  );

  // The plans that the rewrites with the indexes get, for a few representative queries.
  const representative = compared.filter(
    ({ t }) => t.query.kind === 'counts' || (t.query.offset === 0 && ['started', 'user', 'idle'].includes(t.query.sort)),
  );
  for (const { t, statements } of representative.slice(0, 6)) {
    const r = rewrite(t.query, statements);
    console.log(`\n${describeQuery(t.query)} — ${r ? `${r.name} + indexes` : 'today + indexes'}:`);
    for (const s of r?.statements ?? statements) console.log((await explain(db, s)).join('\n'));
  }
  if (representative[0]?.t.query.kind === 'list') {
    const { t, statements } = representative[0];
    const r = rewrite(t.query, statements);
    if (r) console.log(`\nRewritten page SQL of ${describeQuery(t.query)}:\n  ${r.statements[0]!.sql.replace(/\s+/g, ' ')}`);
  }

  // Through the real route: today's SQL, with the candidate indexes (a few slow queries per view, and the counts).
  const again: Query[] = [];
  for (const t of picked.filter((x) => x.p95 > SLOW_P95_MS || x.query.kind === 'counts')) {
    if (t.query.kind === 'counts' || again.filter((q) => `${q.view}@${q.kind === 'list' ? q.offset : 0}` === viewKey(t)).length < PER_VIEW_ROUTE) again.push(t.query);
  }
  if (!again.includes(COUNTS_QUERY)) again.push(COUNTS_QUERY);
  ctx.log(`route level: ${again.length} queries timed again through the real routes with the candidate indexes`);
  const routeAfter = await timeAll(origin, cookie, again, Math.min(performance.now() + 40_000, deadline), ctx.log, ctx.signal);
  const routeRows = routeAfter.map((a) => {
    const b = timings.find((t) => t.query === a.query)!;
    return [describeQuery(a.query), fmt(b.p50), fmt(b.p95), String(b.n), fmt(a.p50), fmt(a.p95), String(a.n), a.p95 > SLOW_P95_MS ? 'still SLOW' : 'ok'];
  });
  console.log(
    [
      '',
      "Through the route (today's SQL) before and after the candidate indexes:",
      ...table(['query', 'p50 before', 'p95 before', 'n before', 'p50 after', 'p95 after', 'n after', ''], routeRows, 1),
    ].join('\n'),
  );
  printSummary(routeAfter);
  console.log(rule);
}
