// The console's search over D1 (migrations/0013_search.sql): per kind of result, one query per
// index it lives in (customer-visible and staff-only text are apart), each limited to the
// caller's groups and the filters that apply to that kind. A kind a filter does not apply to has
// no results under it (a survey rating says nothing about a ticket).
//
// Ranking is bounded: each query takes the SEARCH_WINDOW newest matches (FTS5 walks its index in
// rowid order, newest first, and stops there) and orders those by relevance (bm25) or date. A
// common word therefore costs a window of rows, not every match in the index; the answer says
// when there were more matches than the window (`capped`), and pages reach to its end.
import { HIT_END, HIT_START, snippetPieces } from '../../objects/rules/search-query.ts';
import { idSlices } from '../db/limits.ts';
import type { SearchFilters, SearchHit, SearchKind, SearchPage, SearchSort } from './wire.ts';

/** How many of the newest matches one query counts and ranks. */
export const SEARCH_WINDOW = 2000;
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
function inScope(scope: SearchScope, column: string): { sql: string; binds: unknown[] } {
  return scope.groupId !== null
    ? { sql: `${column} = ?`, binds: [scope.groupId] }
    : { sql: `${column} IN (SELECT group_id FROM memberships WHERE agent_id = ?)`, binds: [scope.agentId] };
}

interface Source {
  fts: 'search_text' | 'search_staff';
  docs: 'search_docs' | 'search_staff_docs';
  staff: boolean;
}
const SHOWN: Source = { fts: 'search_text', docs: 'search_docs', staff: false };
const STAFF: Source = { fts: 'search_staff', docs: 'search_staff_docs', staff: true };

/** How one kind is searched: its indexes, what it joins, how a result is titled, its conditions. */
interface Plan {
  sources: Source[];
  joins: string;
  title: string;
  detail: string;
  where: string[];
  binds: unknown[];
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const CHAT_STATUSES = ['queued', 'active', 'ended'];
const TICKET_STATUSES = ['open', 'pending', 'closed'];
/** The addresses of a customer, and of an organization's customers, as sub-selects on one bind. */
const CUSTOMER_EMAILS = 'SELECT email FROM customer_emails WHERE customer_id = ?';
const ORGANIZATION_EMAILS = 'SELECT ce.email FROM customer_emails ce JOIN customers cu ON cu.id = ce.customer_id WHERE cu.organization_id = ?';

/**
 * The conditions every kind with a group, an agent and a customer's address shares. The group is
 * the item's own row's (what the routes that open it check), not the document's copy.
 */
function itemConditions(plan: Plan, scope: SearchScope, f: SearchFilters, groupColumn: string, agentColumn: string, emailColumn: string): void {
  const groups = inScope(scope, groupColumn);
  plan.where.push(groups.sql);
  plan.binds.push(...groups.binds);
  if (f.agentId !== undefined) {
    plan.where.push(`${agentColumn} = ?`);
    plan.binds.push(f.agentId);
  }
  if (f.customerId !== undefined) {
    plan.where.push(`${emailColumn} IN (${CUSTOMER_EMAILS})`);
    plan.binds.push(f.customerId);
  }
  if (f.organizationId !== undefined) {
    plan.where.push(`${emailColumn} IN (${ORGANIZATION_EMAILS})`);
    plan.binds.push(f.organizationId);
  }
}

function chatPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if (f.status !== undefined && !CHAT_STATUSES.includes(f.status)) return null;
  const plan: Plan = {
    sources: [SHOWN, STAFF],
    joins: 'JOIN chats c ON c.id = d.ref',
    title: 'c.visitor_name',
    detail: "c.group_name || ' · ' || c.status || coalesce(' · ' || c.agent_name, '')",
    where: [],
    binds: [],
  };
  itemConditions(plan, scope, f, 'c.group_id', 'c.agent_id', 'c.visitor_email');
  if (f.status !== undefined) {
    plan.where.push('c.status = ?');
    plan.binds.push(f.status);
  }
  if (f.rating !== undefined) {
    plan.where.push('EXISTS (SELECT 1 FROM surveys s WHERE s.chat_id = c.id AND s.rating = ?)');
    plan.binds.push(f.rating);
  }
  if (f.hasFiles !== undefined) plan.where.push(`${f.hasFiles ? '' : 'NOT '}EXISTS (SELECT 1 FROM attachments a WHERE a.chat_id = c.id)`);
  return plan;
}

function ticketPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if ((f.status !== undefined && !TICKET_STATUSES.includes(f.status)) || f.rating !== undefined || f.hasFiles !== undefined) return null;
  const plan: Plan = {
    sources: [SHOWN, STAFF],
    joins: 'JOIN tickets t ON t.id = d.ref',
    title: "'#' || t.number || ' ' || t.subject",
    detail: "t.customer_name || ' · ' || t.status || coalesce(' · ' || t.agent_name, '')",
    where: [],
    binds: [],
  };
  itemConditions(plan, scope, f, 't.group_id', 't.agent_id', 't.customer_email');
  if (f.status !== undefined) {
    plan.where.push('t.status = ?');
    plan.binds.push(f.status);
  }
  return plan;
}

function callPlan(scope: SearchScope, f: SearchFilters): Plan | null {
  if (f.status !== undefined || f.rating !== undefined || f.hasFiles !== undefined) return null;
  const plan: Plan = {
    sources: [STAFF],
    joins: 'JOIN call_logs k ON k.id = d.ref',
    title: "'Call #' || k.number || ' with ' || k.customer_name",
    detail: "k.phone || ' · ' || k.agent_name",
    where: [],
    binds: [],
  };
  itemConditions(plan, scope, f, 'k.group_id', 'k.agent_id', 'k.customer_email');
  return plan;
}

/** Customers whose chats, messages left, tickets or call logs are in the caller's groups (customers/queries.ts' rule). */
function customerSeen(scope: SearchScope): { sql: string; binds: unknown[] } {
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
  const plan: Plan = {
    sources: [STAFF],
    joins: 'JOIN customers cu ON cu.id = d.ref',
    title: 'cu.name',
    detail: "coalesce((SELECT name FROM organizations WHERE id = cu.organization_id), '')",
    where: [],
    binds: [],
  };
  // An administrator finds anyone (privacy requests reach them), unless a group narrows it.
  if (!scope.admin || f.groupId !== undefined) {
    const seen = customerSeen(scope);
    plan.where.push(seen.sql);
    plan.binds.push(...seen.binds);
  }
  if (f.customerId !== undefined) {
    plan.where.push('d.ref = ?');
    plan.binds.push(f.customerId);
  }
  if (f.organizationId !== undefined) {
    plan.where.push('cu.organization_id = ?');
    plan.binds.push(f.organizationId);
  }
  return plan;
}

function organizationPlan(_scope: SearchScope, f: SearchFilters): Plan | null {
  // Every member of staff may list organizations (worker/customers/routes.ts).
  if (f.groupId !== undefined || f.agentId !== undefined || f.status !== undefined || f.rating !== undefined || f.hasFiles !== undefined || f.customerId !== undefined) return null;
  const plan: Plan = { sources: [STAFF], joins: 'JOIN organizations o ON o.id = d.ref', title: 'o.name', detail: "coalesce(o.domain, '')", where: [], binds: [] };
  if (f.organizationId !== undefined) {
    plan.where.push('d.ref = ?');
    plan.binds.push(f.organizationId);
  }
  return plan;
}

const PLANS: Record<Exclude<SearchKind, 'article'>, (scope: SearchScope, f: SearchFilters) => Plan | null> = {
  chat: chatPlan,
  ticket: ticketPlan,
  call: callPlan,
  customer: customerPlan,
  organization: organizationPlan,
};

interface Row {
  id: number;
  ref: string;
  part: string;
  at: number;
  author: string;
  title: string;
  detail: string;
  score: number;
  total: number;
  plain: string | null;
}

const order = (sort: SearchSort) => (sort === 'date' ? 'at DESC, id DESC' : 'score ASC, at DESC, id DESC');

/**
 * A match before it is shown: its score and rowid (to merge and order the indexes' answers), and
 * the index it is in when its snippet is still to be made (fillSnippets, for the page alone).
 */
type Found = SearchHit & { score: number; id: number; snippetFrom?: Source };

/** One index's best `take` matches for the plan (the window counted); snippets are made later, for the page. */
async function searchSource(db: D1Database, kind: SearchKind, source: Source, plan: Plan, match: string | null, f: SearchFilters, sort: SearchSort, take: number) {
  const where = [...plan.where];
  const binds = [...plan.binds];
  if (f.from !== undefined) {
    where.push('d.at >= ?');
    binds.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('d.at < ?');
    binds.push(f.to);
  }
  const conditions = where.map((w) => ` AND ${w}`).join('');
  const columns = `d.id AS id, d.ref AS ref, d.part AS part, d.at AS at, d.author AS author, ${plan.title} AS title, ${plan.detail} AS detail`;
  const inner =
    match === null
      ? `SELECT ${columns}, 0 AS score, substr(d.body, 1, ${PLAIN_SNIPPET_CHARS}) AS plain FROM ${source.docs} d ${plan.joins}
         WHERE d.kind = ?${conditions} ORDER BY d.at DESC LIMIT ${SEARCH_WINDOW}`
      : `SELECT ${columns}, ${source.fts}.rank AS score, NULL AS plain FROM ${source.fts} JOIN ${source.docs} d ON d.id = ${source.fts}.rowid ${plan.joins}
         WHERE ${source.fts} MATCH ? AND d.kind = ?${conditions} ORDER BY ${source.fts}.rowid DESC LIMIT ${SEARCH_WINDOW}`;
  const sql = `WITH hits AS (${inner}) SELECT *, count(*) OVER () AS total FROM hits ORDER BY ${order(sort)} LIMIT ?`;
  const args = match === null ? [kind, ...binds, take] : [match, kind, ...binds, take];
  const rows = (await db.prepare(sql).bind(...args).all<Row>()).results;
  const hits = rows.map(
    (r): Found => ({
      kind,
      ref: r.ref,
      part: r.part,
      at: r.at,
      author: r.author,
      title: r.title,
      detail: r.detail,
      snippet: r.plain === null ? [] : snippetPieces(r.plain),
      staffOnly: source.staff,
      score: r.score,
      id: r.id,
      ...(r.plain === null ? { snippetFrom: source } : {}),
    }),
  );
  return { hits, total: rows[0]?.total ?? 0 };
}

/**
 * The snippets of the page's matches, one statement per index they are in. Only the page's: a
 * page deep in the window would otherwise bind offset + limit rowids (D1 takes 100 parameters) and
 * make a snippet for every match above it.
 */
async function fillSnippets(db: D1Database, match: string, page: Found[]): Promise<void> {
  for (const source of [SHOWN, STAFF]) {
    const mine = page.filter((h) => h.snippetFrom === source);
    for (const slice of idSlices(mine.map((h) => h.id))) {
      const found = await db
        .prepare(`SELECT rowid AS id, snippet(${source.fts}, 0, ?, ?, '…', ${SNIPPET_TOKENS}) AS snip FROM ${source.fts} WHERE ${source.fts} MATCH ? AND rowid IN (${marks(slice.length)})`)
        .bind(HIT_START, HIT_END, match, ...slice)
        .all<{ id: number; snip: string }>();
      const snippets = new Map(found.results.map((s) => [s.id, s.snip]));
      for (const h of mine) if (snippets.has(h.id)) h.snippet = snippetPieces(snippets.get(h.id)!);
    }
  }
}

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
 * the sort's order. `match` null: no words, the filters alone (newest first).
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
): Promise<SearchPage> {
  const take = offset + limit;
  const effectiveSort: SearchSort = match === null ? 'date' : sort;
  let parts: { hits: Found[]; total: number }[];
  if (kind === 'article') {
    parts = [await searchArticles(db, match, f, effectiveSort, take)];
  } else {
    const plan = PLANS[kind](scope, f);
    if (plan === null) return { kind, hits: [], total: 0, capped: false };
    parts = await Promise.all(plan.sources.map((source) => searchSource(db, kind, source, plan, match, f, effectiveSort, take)));
  }
  const page = parts
    .flatMap((p) => p.hits)
    .sort((a, b) => (effectiveSort === 'date' ? 0 : a.score - b.score) || b.at - a.at || b.id - a.id)
    .slice(offset, take);
  if (match !== null) await fillSnippets(db, match, page);
  return {
    kind,
    hits: page.map(({ score: _score, id: _id, snippetFrom: _from, ...hit }) => hit),
    total: parts.reduce((n, p) => n + p.total, 0),
    capped: parts.some((p) => p.total >= SEARCH_WINDOW),
  };
}
