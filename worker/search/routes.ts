// GET /api/search: the console's one search box (issue 16). Words, "phrases" and prefixes*
// (objects/rules/search-query.ts, which never lets FTS5 syntax through), filters, a kind or the
// first few of every kind, by relevance or date. A person finds only what they could open: the
// chats, tickets and call logs of their groups, customers seen on those (an administrator: anyone),
// organizations and published articles; their groups are read from D1 at each request. No route a
// customer can reach queries these indexes (the widget's article search is kb_search).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { parseSearch } from '../../objects/rules/search-query.ts';
import { requireAgent } from '../auth/session.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readQuery } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { idField } from '../http/paging.ts';
import { groupsOf } from '../people/queries.ts';
import { SEARCH_WINDOW, searchKind } from './queries.ts';
import { SEARCH_KINDS, SEARCH_SORTS, type SearchFilters, type SearchResponse } from './wire.ts';

/** How many of each kind a search of every kind shows. */
export const PREVIEW_PER_KIND = 3;
/** The most results one page holds. */
export const MAX_SEARCH_PAGE = 50;

const time = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(8.64e15));
const SearchQuery = z.object({
  q: z._default(z.string(), ''),
  kind: z.optional(z.enum(SEARCH_KINDS)),
  sort: z._default(z.enum(SEARCH_SORTS), 'relevance'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_SEARCH_PAGE)), 20),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(SEARCH_WINDOW - 1)), 0),
  group: z.optional(idField),
  agent: z.optional(idField),
  status: z.optional(z.enum(['queued', 'active', 'ended', 'open', 'pending', 'closed'])),
  from: z.optional(time),
  to: z.optional(time),
  rating: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(5))),
  files: z.optional(z.enum(['yes', 'no'])),
  customer: z.optional(idField),
  organization: z.optional(idField),
});
const HINT =
  `q is up to 200 characters; kind is one of ${SEARCH_KINDS.join(', ')}; sort is relevance or date; limit 1–${MAX_SEARCH_PAGE}; ` +
  `offset below ${SEARCH_WINDOW}; from and to are times in ms; rating 1–5; files yes or no; status a chat's or a ticket's.`;

export const searchRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const agent = c.get('agent');
    const q = readQuery(c, SearchQuery, { hint: HINT });
    const filters: SearchFilters = {
      ...(q.group !== undefined ? { groupId: q.group } : {}),
      ...(q.agent !== undefined ? { agentId: q.agent } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.from !== undefined ? { from: q.from } : {}),
      ...(q.to !== undefined ? { to: q.to } : {}),
      ...(q.rating !== undefined ? { rating: q.rating } : {}),
      ...(q.files !== undefined ? { hasFiles: q.files === 'yes' } : {}),
      ...(q.customer !== undefined ? { customerId: q.customer } : {}),
      ...(q.organization !== undefined ? { organizationId: q.organization } : {}),
    };
    if (q.from !== undefined && q.to !== undefined && q.from >= q.to) throw new ApiError(400, 'invalid_query', 'from must be before to.');
    const filtered = Object.keys(filters).length > 0;
    let match: string | null = null;
    let truncated = false;
    if (q.q.trim() !== '' || !filtered) {
      const parsed = parseSearch(q.q);
      if (!parsed.ok) throw new ApiError(400, parsed.code, parsed.message, 'q');
      match = parsed.search.match;
      truncated = parsed.search.truncated;
    }
    // The caller's groups as they are now (each query reads their memberships): a person removed
    // from a group finds nothing of it.
    if (q.group !== undefined && !(await groupsOf(c.env.DB, agent.id)).some((g) => g.id === q.group)) {
      throw new ApiError(404, 'unknown_group', 'No such group among yours.', 'group');
    }
    const scope = { agentId: agent.id, admin: agent.role === 'admin', groupId: q.group ?? null };
    const kinds = q.kind !== undefined ? [q.kind] : SEARCH_KINDS;
    const limit = q.kind !== undefined ? q.limit : PREVIEW_PER_KIND;
    const offset = q.kind !== undefined ? q.offset : 0;
    const pages = await Promise.all(kinds.map((kind) => searchKind(c.env.DB, kind, scope, match, filters, q.sort, offset, limit, q.kind === undefined)));
    return c.json({ query: q.q, sort: match === null ? 'date' : q.sort, truncated, pages } satisfies SearchResponse);
  });
