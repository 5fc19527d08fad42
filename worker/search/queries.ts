// The console's search over D1 (migrations/0013_search.sql): per kind of result, one query per
// index it lives in (customer-visible and staff-only text are apart), each limited to the
// caller's groups and the filters that apply to that kind. A kind a filter does not apply to has
// no results under it (a survey rating says nothing about a ticket).
//
// Ranking is bounded: each query takes the SEARCH_WINDOW newest matches (FTS5 walks its index in
// rowid order, newest first, and stops there) and orders those by relevance (bm25) or date. A
// common word therefore costs a window of rows, not every match in the index; the answer says
// when there were more matches than the window (`capped`), and pages reach to its end.
//
// A kind answers in one statement, however many indexes it lives in: each index's window (rowids,
// times and scores only, read from the documents and their indexes), the page picked from the
// windows in the sort's order, and, for the page alone, what a result shows (its item's title,
// the snippet). One D1 request instead of four, and the window's rows never leave D1 (a page at
// offset 1,000 used to carry 1,020 of them to the Worker). The plans below were chosen by `npm run bench -- search` at a million
// messages (docs/search.md, Figures): a join in the window would let SQLite start from a filter's
// index and ask FTS5 about every document in a group (seconds), and would cost the no-words window
// the index order that lets it stop after SEARCH_WINDOW rows.
import { HIT_END, HIT_START, snippetPieces } from '../../objects/rules/search-query.ts';
import type { SearchFilters, SearchHit, SearchKind, SearchPage, SearchSort } from './wire.ts';

/** How many of the newest matches one query counts and ranks. */
export const SEARCH_WINDOW = 2000;
/**
 * How many of the words' newest matches the every-kind overview looks through for each kind's
 * first few (the kind's own search looks through SEARCH_WINDOW of its own kind).
 */
export const OVERVIEW_WINDOW = 500;
/** How many words of context a snippet shows around the match. */
const SNIPPET_TOKENS = 16;
/** Without words (filters only), a result shows the start of its text. */
const PLAIN_SNIPPET_CHARS = 160;

/** Who is asking, and the one group a filter names (already checked to be theirs), if any. */
export interface SearchScope {
  agentId: string;
  admin: boolean;
  groupId: string | null;
}

/**
 * The caller's groups as a condition on a column: the group filtered on, or their memberships as
 * D1 holds them now (a sub-select, so any number of groups costs one parameter; D1 takes 100).
 */
function inScope(scope: SearchScope, column: string): Sql {
  return scope.groupId !== null
    ? { sql: `${column} = ?`, binds: [scope.groupId] }
    : { sql: `${column} IN (SELECT group_id FROM memberships WHERE agent_id = ?)`, binds: [scope.agentId] };
}

interface Source {
  fts: 'search_text' | 'search_staff';
  docs: 'search_docs' | 'search_staff_docs';
  /** Each day's first document id (migrations/0013_search.sql). */
  days: 'search_docs_days' | 'search_staff_docs_days';
  /** The documents' (id, kind, group_id, at) index: what a window reads of each match (migrations/0014_search_window.sql). */
  window: 'search_docs_window' | 'search_staff_docs_window';
  staff: boolean;
}
const SHOWN: Source = { fts: 'search_text', docs: 'search_docs', days: 'search_docs_days', window: 'search_docs_window', staff: false };
const STAFF: Source = { fts: 'search_staff', docs: 'search_staff_docs', days: 'search_staff_docs_days', window: 'search_staff_docs_window', staff: true };

const DAY_MS = 86_400_000;

/**
 * With a date range's start, where FTS5's walk (newest first) may stop: the first document id of
 * the start's day or any later one. A document's time is never after it was written and ids only
 * grow, so every document from that day on has a greater id; older matches are not walked at all
 * (a word in the last 30 of 90 days walks a third of its entries). With no such day, nothing is
 * that new.
 */
function dateFloor(source: Source, f: SearchFilters): Sql[] {
  if (f.from === undefined) return [];
  return [{ sql: `${source.fts}.rowid >= (SELECT coalesce(min(first_id), 9e18) FROM ${source.days} WHERE day >= ?)`, binds: [Math.floor(f.from / DAY_MS)] }];
}

/** SQL and its parameters, in the order they appear. */
interface Sql {
  sql: string;
  binds: unknown[];
}

/** How one kind is searched: its indexes, the item its documents name, how a result is titled, its conditions. */
interface Plan {
  sources: Source[];
  /** The item's table with its alias, and the column a document's `ref` names: `chats c`, `c.id`. */
  item: string;
  itemKey: string;
  title: string;
  detail: string;
  /** Conditions on the document's own row (its copy of the item's group, a customer's id): indexes serve them. */
  docWhere: Sql[];
  /**
   * Whether docWhere asks only for what the window index holds (kind, group, time): a match FTS5
   * walks is then checked in that index alone. A condition on `d.ref` needs the row itself.
   */
  docsIndexed: boolean;
  /** The caller's groups on the item's own row (what the routes that open it check): every result shown passes it. */
  itemGroup: Sql | null;
  /** The filters on the item's row (agent, status, rating, …): every match in the window passes them. */
  where: string[];
  binds: unknown[];
  /**
   * A filter that names few items (a customer, an organization: `few`) or some (an agent:
   * `some`): the window starts from those items' documents rather than walking the index.
   */
  narrowedTo: 'few' | 'some' | null;
}

/** A plan with nothing yet: its kind's own parts come from `parts`. */
function newPlan(parts: Pick<Plan, 'sources' | 'item' | 'itemKey' | 'title' | 'detail'>): Plan {
  return { ...parts, docWhere: [], docsIndexed: true, itemGroup: null, where: [], binds: [], narrowedTo: null };
}

/** A condition on what only the document's row holds (its `ref`): the window index no longer covers the plan. */
function onRow(plan: Plan, condition: Sql): void {
  plan.docWhere.push(condition);
  plan.docsIndexed = false;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const CHAT_STATUSES = ['queued', 'active', 'ended'];
const TICKET_STATUSES = ['open', 'pending', 'closed'];
/** The addresses of a customer, and of an organization's customers, as sub-selects on one bind. */
const CUSTOMER_EMAILS = 'SELECT email FROM customer_emails WHERE customer_id = ?';
const ORGANIZATION_EMAILS = 'SELECT ce.email FROM customer_emails ce JOIN customers cu ON cu.id = ce.customer_id WHERE cu.organization_id = ?';

/**
 * The conditions every kind with a group, an agent and a customer's address shares. The group is
 * the item's own row's (what the routes that open it check): every result shown is checked on it.
 * The document's copy of it (moved with the item, in the same statement, by the triggers of
 * migrations/0013_search.sql) is what narrows the window, through search_docs_group_at.
 */
function itemConditions(plan: Plan, scope: SearchScope, f: SearchFilters, groupColumn: string, agentColumn: string, emailColumn: string): void {
  plan.docWhere.push(inScope(scope, 'd.group_id'));
  plan.itemGroup = inScope(scope, groupColumn);
  if (f.agentId !== undefined) {
    plan.where.push(`${agentColumn} = ?`);
    plan.binds.push(f.agentId);
    plan.narrowedTo = 'some';
  }
  if (f.customerId !== undefined) {
    plan.where.push(`${emailColumn} IN (${CUSTOMER_EMAILS})`);
    plan.binds.push(f.customerId);
    plan.narrowedTo = 'few';
  }
  if (f.organizationId !== undefined) {
    plan.where.push(`${emailColumn} IN (${ORGANIZATION_EMAILS})`);
    plan.binds.push(f.organizationId);
    plan.narrowedTo = 'few';
  }
}

function chatPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if (f.status !== undefined && !CHAT_STATUSES.includes(f.status)) return null;
  const plan = newPlan({
    sources: [SHOWN, STAFF],
    item: 'chats c',
    itemKey: 'c.id',
    title: 'c.visitor_name',
    detail: "c.group_name || ' · ' || c.status || coalesce(' · ' || c.agent_name, '')",
  });
  itemConditions(plan, scope, f, 'c.group_id', 'c.agent_id', 'c.visitor_email');
  if (f.status !== undefined) {
    plan.where.push('c.status = ?');
    plan.binds.push(f.status);
  }
  // Ratings and files as sets of chats, each made once per query (a Bloom filter in front): every
  // match in the window is checked against them without a look-up of its chat, its survey or its files.
  if (f.rating !== undefined) onRow(plan, { sql: 'd.ref IN (SELECT chat_id FROM surveys WHERE rating = ?)', binds: [f.rating] });
  if (f.hasFiles !== undefined) onRow(plan, { sql: `d.ref ${f.hasFiles ? '' : 'NOT '}IN (SELECT chat_id FROM attachments)`, binds: [] });
  return plan;
}

function ticketPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if ((f.status !== undefined && !TICKET_STATUSES.includes(f.status)) || f.rating !== undefined || f.hasFiles !== undefined) return null;
  const plan = newPlan({
    sources: [SHOWN, STAFF],
    item: 'tickets t',
    itemKey: 't.id',
    title: "'#' || t.number || ' ' || t.subject",
    detail: "t.customer_name || ' · ' || t.status || coalesce(' · ' || t.agent_name, '')",
  });
  itemConditions(plan, scope, f, 't.group_id', 't.agent_id', 't.customer_email');
  if (f.status !== undefined) {
    plan.where.push('t.status = ?');
    plan.binds.push(f.status);
  }
  return plan;
}

function callPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if (f.status !== undefined || f.rating !== undefined || f.hasFiles !== undefined) return null;
  const plan = newPlan({
    sources: [STAFF],
    item: 'call_logs k',
    itemKey: 'k.id',
    title: "'Call #' || k.number || ' with ' || k.customer_name",
    detail: "k.phone || ' · ' || k.agent_name",
  });
  itemConditions(plan, scope, f, 'k.group_id', 'k.agent_id', 'k.customer_email');
  return plan;
}

/** Customers whose chats, messages left, tickets or call logs are in the caller's groups (customers/queries.ts' rule). */
function customerSeen(scope: SearchScope): Sql {
  const sources: [string, string][] = [['chats', 'visitor_email'], ['tickets', 'customer_email'], ['call_logs', 'customer_email'], ['offline_messages', 'email']];
  const binds: unknown[] = [];
  const sql = sources
    .map(([table, column]) => {
      const groups = inScope(scope, 'group_id');
      binds.push(...groups.binds);
      return `EXISTS (SELECT 1 FROM ${table} WHERE ${column} IN (SELECT email FROM customer_emails WHERE customer_id = d.ref) AND ${groups.sql})`;
    })
    .join(' OR ');
  return { sql: `(${sql})`, binds };
}

function customerPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if (f.agentId !== undefined || f.status !== undefined || f.rating !== undefined || f.hasFiles !== undefined) return null;
  const plan = newPlan({
    sources: [STAFF],
    item: 'customers cu',
    itemKey: 'cu.id',
    title: 'cu.name',
    detail: "coalesce((SELECT name FROM organizations WHERE id = cu.organization_id), '')",
  });
  // An administrator finds anyone (privacy requests reach them), unless a group narrows it.
  if (!scope.admin || f.groupId !== undefined) {
    onRow(plan, customerSeen(scope));
  }
  if (f.customerId !== undefined) onRow(plan, { sql: 'd.ref = ?', binds: [f.customerId] });
  if (f.organizationId !== undefined) {
    plan.where.push('cu.organization_id = ?');
    plan.binds.push(f.organizationId);
  }
  return plan;
}

function organizationPlan(_scope: SearchScope, f: SearchFilters): Plan | null {
  // Every member of staff may list organizations (worker/customers/routes.ts).
  if (f.groupId !== undefined || f.agentId !== undefined || f.status !== undefined || f.rating !== undefined || f.hasFiles !== undefined || f.customerId !== undefined) return null;
  const plan = newPlan({ sources: [STAFF], item: 'organizations o', itemKey: 'o.id', title: 'o.name', detail: "coalesce(o.domain, '')" });
  if (f.organizationId !== undefined) onRow(plan, { sql: 'd.ref = ?', binds: [f.organizationId] });
  return plan;
}

const PLANS: Record<Exclude<SearchKind, 'article'>, (scope: SearchScope, f: SearchFilters) => Plan | null> = {
  chat: chatPlan,
  ticket: ticketPlan,
  call: callPlan,
  customer: customerPlan,
  organization: organizationPlan,
};

const order = (sort: SearchSort) => (sort === 'date' ? 'at DESC, id DESC' : 'score ASC, at DESC, id DESC');

/** An article match, as its page is ordered (score, time, id). */
interface Ranked {
  id: number;
  at: number;
  score: number;
}

const and = (parts: readonly Sql[]): Sql => ({ sql: parts.map((p) => ` AND ${p.sql}`).join(''), binds: parts.flatMap((p) => p.binds) });
const joined = (parts: readonly Sql[], by: string): Sql => ({ sql: parts.map((p) => p.sql).join(by), binds: parts.flatMap((p) => p.binds) });

/** The item's conditions (its group first, then the filters), or null when the plan has no filter on it. */
function itemFilters(plan: Plan): Sql | null {
  if (plan.where.length === 0) return null;
  const group = plan.itemGroup ? [plan.itemGroup] : [];
  return { sql: [...group.map((g) => g.sql), ...plan.where].join(' AND '), binds: [...group.flatMap((g) => g.binds), ...plan.binds] };
}

/** What a window's matches must meet on the document's own row: the plan's conditions and the date range. */
function docFilters(plan: Plan, f: SearchFilters): Sql[] {
  const out = [...plan.docWhere];
  if (f.from !== undefined) out.push({ sql: 'd.at >= ?', binds: [f.from] });
  if (f.to !== undefined) out.push({ sql: 'd.at < ?', binds: [f.to] });
  return out;
}

/** An index's window as table expressions, and whether it has `walk<i>` (the overview's walk of the words' newest matches). */
interface Window extends Sql {
  walked: boolean;
}

/**
 * Index `i`'s window as common table expressions: `w<i>`, its SEARCH_WINDOW newest matches for the
 * plan (id, at, score), and for the overview `walk<i>`, what FTS5 walked. Three shapes, each the
 * fastest for what it is given:
 * - words: FTS5 first, always (CROSS JOIN fixes the order), newest first, each match checked on its
 *   document row and, when the plan filters on the item, on the item's row (one EXISTS);
 * - no words: the documents' (kind, group_id, at) index, newest first: SQLite stops each group's
 *   walk once it has SEARCH_WINDOW newer rows (a join would lose that, an EXISTS keeps it);
 * - a filter naming few items (or, without words, an agent's): those items first, then their
 *   documents (each asked of FTS5 when there are words).
 * bm25 is computed only when the order needs it.
 */
function windowOf(i: number, kind: SearchKind, source: Source, plan: Plan, match: string | null, f: SearchFilters, sort: SearchSort, overview: boolean): Window {
  const item = itemFilters(plan);
  const docs = docFilters(plan, f);
  const score = match !== null && sort === 'relevance' ? `${source.fts}.rank` : '0';
  const itemFirst = item !== null && (plan.narrowedTo === 'few' || (match === null && plan.narrowedTo === 'some'));
  if (itemFirst) {
    // Newest first as the other shapes: by rowid with words (as FTS5 walks), by time without.
    const words: Sql = match === null ? { sql: '', binds: [] } : { sql: ` CROSS JOIN ${source.fts} ON ${source.fts}.rowid = d.id AND ${source.fts} MATCH ?`, binds: [match] };
    const rest = and(docs);
    return {
      sql: `w${i} AS MATERIALIZED (SELECT d.id AS id, d.at AS at, ${score} AS score FROM ${plan.item} CROSS JOIN ${source.docs} d ON d.kind = ? AND d.ref = ${plan.itemKey}${words.sql}
             WHERE ${item.sql}${rest.sql} ORDER BY ${match === null ? 'd.at' : 'd.id'} DESC LIMIT ${SEARCH_WINDOW})`,
      binds: [kind, ...words.binds, ...item.binds, ...rest.binds],
      walked: false,
    };
  }
  const rest = and([...docs, ...(item ? [{ sql: `EXISTS (SELECT 1 FROM ${plan.item} WHERE ${plan.itemKey} = d.ref AND ${item.sql})`, binds: item.binds }] : [])]);
  const floor = and(dateFloor(source, f));
  // Each match is checked in the window index when it holds every column asked for: SQLite would
  // otherwise seek the document's row by id, ten times as wide (measured at a million messages:
  // a common word's window 15 → 10 ms in D1).
  const matched = plan.docsIndexed && item === null ? `${source.docs} d INDEXED BY ${source.window}` : `${source.docs} d`;
  if (match !== null && overview) {
    // The overview (a few of every kind): the words' OVERVIEW_WINDOW newest matches, of any kind,
    // and this kind's among them. A kind with few documents (tickets among a million messages)
    // would otherwise have every match of the words walked to find its few; the answer says
    // when the walk stopped short (`capped`), and the kind's own page walks them all.
    return {
      sql: `walk${i} AS MATERIALIZED (SELECT rowid AS id, ${score} AS score FROM ${source.fts} WHERE ${source.fts} MATCH ?${floor.sql} ORDER BY rowid DESC LIMIT ${OVERVIEW_WINDOW}),
        w${i} AS MATERIALIZED (SELECT d.id AS id, d.at AS at, walk${i}.score AS score FROM walk${i} CROSS JOIN ${matched} ON d.id = walk${i}.id WHERE d.kind = ?${rest.sql})`,
      binds: [match, ...floor.binds, kind, ...rest.binds],
      walked: true,
    };
  }
  if (match === null) {
    return {
      sql: `w${i} AS MATERIALIZED (SELECT d.id AS id, d.at AS at, 0 AS score FROM ${source.docs} d WHERE d.kind = ?${rest.sql} ORDER BY d.at DESC LIMIT ${SEARCH_WINDOW})`,
      binds: [kind, ...rest.binds],
      walked: false,
    };
  }
  return {
    sql: `w${i} AS MATERIALIZED (SELECT d.id AS id, d.at AS at, ${score} AS score FROM ${source.fts} CROSS JOIN ${matched} ON d.id = ${source.fts}.rowid
           WHERE ${source.fts} MATCH ?${floor.sql} AND d.kind = ?${rest.sql} ORDER BY ${source.fts}.rowid DESC LIMIT ${SEARCH_WINDOW})`,
    binds: [match, ...floor.binds, kind, ...rest.binds],
    walked: false,
  };
}

/**
 * What index `i`'s matches on the page (the `page` table expression) show: their document, their
 * item's title and detail, and the snippet (or, without words, the start of the text). Each is
 * checked on its item's own row here: a match whose item is not in the caller's groups is not
 * shown. With words, FTS5 walks the page's span of rowids once and the page's rowids are picked
 * from it (the `+` keeps the IN list from FTS5): asked one rowid at a time, FTS5 merges a long
 * prefix's terms again for each (a page of `than*` at a million messages: 60 ms instead of 5).
 * An index with nothing on the page walks an empty span.
 */
function pageOf(i: number, source: Source, plan: Plan, match: string | null): Sql {
  const group = plan.itemGroup ? and([plan.itemGroup]) : { sql: '', binds: [] };
  const columns = `${i} AS src, d.id AS id, d.ref AS ref, d.part AS part, d.at AS at, d.author AS author, ${plan.title} AS title, ${plan.detail} AS detail`;
  const mine = `SELECT id FROM page WHERE src = ${i}`;
  if (match === null) {
    return {
      sql: `SELECT ${columns}, substr(d.body, 1, ${PLAIN_SNIPPET_CHARS}) AS snip FROM ${source.docs} d CROSS JOIN ${plan.item} ON ${plan.itemKey} = d.ref
             WHERE d.id IN (${mine})${group.sql}`,
      binds: group.binds,
    };
  }
  return {
    sql: `SELECT ${columns}, snippet(${source.fts}, 0, ?, ?, '…', ${SNIPPET_TOKENS}) AS snip
            FROM ${source.fts} CROSS JOIN ${source.docs} d ON d.id = ${source.fts}.rowid CROSS JOIN ${plan.item} ON ${plan.itemKey} = d.ref
           WHERE ${source.fts} MATCH ? AND ${source.fts}.rowid BETWEEN (SELECT coalesce(min(id), 0) FROM page WHERE src = ${i}) AND (SELECT coalesce(max(id), -1) FROM page WHERE src = ${i})
             AND +${source.fts}.rowid IN (${mine})${group.sql}`,
    binds: [HIT_START, HIT_END, match, ...group.binds],
  };
}

/** A row of a kind's one statement: the windows' counts, and a match of the page (all null when the page is empty). */
type PageRow = Pick<SearchHit, 'ref' | 'part' | 'at' | 'author' | 'title' | 'detail'> & {
  /** Which of the plan's indexes (its `sources`) the match is in. */
  src: number | null;
  id: number | null;
  snip: string;
  /** JSON: each window's count of matches and, for the overview, how many it walked. */
  counts: string;
};

/** Knowledge-base articles (published ones: kb_search holds no others); only a date range applies. */
async function searchArticles(db: D1Database, match: string | null, f: SearchFilters, sort: SearchSort, take: number) {
  const filtered = [f.groupId, f.agentId, f.status, f.rating, f.hasFiles, f.customerId, f.organizationId].some((x) => x !== undefined);
  if (match === null || filtered) return { hits: [], total: 0 };
  const where: string[] = [];
  const binds: unknown[] = [];
  if (f.from !== undefined) {
    where.push('a.updated_at >= ?');
    binds.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('a.updated_at < ?');
    binds.push(f.to);
  }
  const sql = `WITH hits AS (
      SELECT k.rowid AS id, a.id AS ref, a.updated_at AS at, a.title AS title, k.rank AS score, snippet(kb_search, 2, ?, ?, '…', ${SNIPPET_TOKENS}) AS snip
        FROM kb_search k JOIN kb_articles a ON a.id = k.article_id
       WHERE kb_search MATCH ? AND a.status = 'published'${where.map((w) => ` AND ${w}`).join('')}
       ORDER BY k.rowid DESC LIMIT ${SEARCH_WINDOW})
    SELECT *, count(*) OVER () AS total FROM hits ORDER BY ${order(sort)} LIMIT ?`;
  const rows = (await db.prepare(sql).bind(HIT_START, HIT_END, match, ...binds, take).all<{ id: number; ref: string; at: number; title: string; score: number; snip: string; total: number }>())
    .results;
  return {
    hits: rows.map((r) => ({
      kind: 'article' as const,
      ref: r.ref,
      part: 'article',
      at: r.at,
      author: '',
      title: r.title,
      detail: 'Knowledge base',
      snippet: snippetPieces(r.snip),
      staffOnly: false,
      score: r.score,
      id: r.id,
    })),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * One kind's page of results: from each index it lives in, the best offset + limit, merged in
 * the sort's order. `match` null: no words, the filters alone (newest first). `overview`: one of
 * every kind's first few, found among the words' newest matches (see windowOf).
 */
export async function searchKind(
  db: D1Database,
  kind: SearchKind,
  scope: SearchScope,
  match: string | null,
  f: SearchFilters,
  sort: SearchSort,
  offset: number,
  limit: number,
  overview = false,
): Promise<SearchPage> {
  const effectiveSort: SearchSort = match === null ? 'date' : sort;
  if (kind === 'article') {
    const take = offset + limit;
    const byOrder = (a: Ranked, b: Ranked) => (effectiveSort === 'date' ? 0 : a.score - b.score) || b.at - a.at || b.id - a.id;
    const { hits, total } = await searchArticles(db, match, f, effectiveSort, take);
    return { kind, hits: hits.sort(byOrder).slice(offset, take).map(({ score: _score, id: _id, ...hit }) => hit), total, capped: total >= SEARCH_WINDOW };
  }
  const plan = PLANS[kind](scope, f);
  if (plan === null) return { kind, hits: [], total: 0, capped: false };
  // One statement for the kind, however many indexes it lives in: their windows, the page picked
  // from them in the sort's order, and what the page's matches show (see the head of this file).
  const windows = plan.sources.map((source, i) => windowOf(i, kind, source, plan, match, f, effectiveSort, overview));
  const ranked = plan.sources.map((_, i) => `SELECT ${i} AS src, id, at, score FROM w${i}`).join(' UNION ALL ');
  // Each window's count and, where it walked the words' newest matches, how many: a walk that
  // stopped at OVERVIEW_WINDOW may have missed the kind's older matches (`capped`).
  const counts = windows.map((w, i) => `(SELECT count(*) FROM w${i}), ${w.walked ? `(SELECT count(*) FROM walk${i})` : 'NULL'}`).join(', ');
  const shown = joined(plan.sources.map((source, i) => pageOf(i, source, plan, match)), ' UNION ALL ');
  // The sort's order over a table's columns (`t` its alias and a dot, or nothing); the index breaks ties before the id.
  const by = (t = '') => (effectiveSort === 'date' ? '' : `${t}score ASC, `) + `${t}at DESC, ${t}src, ${t}id DESC`;
  const sql = `WITH ${windows.map((w) => w.sql).join(',\n')},
    page AS MATERIALIZED (SELECT src, id, at, score FROM (${ranked}) ORDER BY ${by()} LIMIT ? OFFSET ?),
    shown AS (${shown.sql})
    SELECT x.*, n.counts AS counts FROM (SELECT json_array(${counts}) AS counts) n
      LEFT JOIN (SELECT s.src, s.id, s.ref, s.part, s.at, s.author, s.title, s.detail, s.snip, p.score FROM shown s JOIN page p ON p.src = s.src AND p.id = s.id) x
     ORDER BY ${by('x.')}`;
  const binds = [...windows.flatMap((w) => w.binds), limit, offset, ...shown.binds];
  const rows = (await db.prepare(sql).bind(...binds).all<PageRow>()).results;
  const figures = JSON.parse(rows[0]?.counts ?? '[]') as (number | null)[];
  const totals = plan.sources.map((_, i) => figures[2 * i] ?? 0);
  const walkedShort = plan.sources.some((_, i) => (figures[2 * i + 1] ?? 0) >= OVERVIEW_WINDOW);
  return {
    kind,
    hits: rows.flatMap((r) =>
      r.src === null
        ? []
        : [{ kind, ref: r.ref, part: r.part, at: r.at, author: r.author, title: r.title, detail: r.detail, snippet: snippetPieces(r.snip), staffOnly: plan.sources[r.src]!.staff }],
    ),
    total: totals.reduce((n, t) => n + t, 0),
    capped: totals.some((t) => t >= SEARCH_WINDOW) || walkedShort,
  };
}
