// The console's search (GET /api/search), as the client and the Worker both read it.
import type { ChatStatus } from '../../objects/protocol.ts';
import type { SearchKind, SearchSort } from '../../objects/rules/search-query.ts';

export { SEARCH_KINDS, SEARCH_SORTS, type SearchKind, type SearchSort } from '../../objects/rules/search-query.ts';

/** One match: what it is in, where in it, and the words that matched marked in a snippet. */
export interface SearchHit {
  kind: SearchKind;
  /** The chat's, ticket's, call log's, customer's, organization's or article's id. */
  ref: string;
  /** Where in it: `m:<seq>` a chat event, `c:<id>` a comment, `e:<id>` a ticket entry, … */
  part: string;
  at: number;
  /** Who wrote it ('' when nobody did). */
  author: string;
  /** The customer's name, the ticket's number and subject, the call, the person, the article. */
  title: string;
  /** Its group, status, agent: what helps tell results apart. */
  detail: string;
  /** The text around the match; `hit` pieces are the words that matched. */
  snippet: { text: string; hit: boolean }[];
  /** Staff-only text (coaching, a comment, a note, a call log, a customer's record). */
  staffOnly: boolean;
}

export interface SearchPage {
  kind: SearchKind;
  hits: SearchHit[];
  /** How many matches there are, counted up to `capped`. */
  total: number;
  /** More matches exist than were counted and ranked (SEARCH_WINDOW): the total is "at least". */
  capped: boolean;
}

/** `GET /api/search`: one kind's page (kind=…), or the first few of every kind. */
export interface SearchResponse {
  query: string;
  sort: SearchSort;
  /** Terms beyond the most one search uses were left out. */
  truncated: boolean;
  pages: SearchPage[];
}

/** The filters a search may carry (each limits the kinds it applies to; others then have no results). */
export interface SearchFilters {
  groupId?: string;
  agentId?: string;
  status?: ChatStatus | 'open' | 'pending' | 'closed';
  from?: number;
  to?: number;
  rating?: number;
  hasFiles?: boolean;
  customerId?: string;
  organizationId?: string;
}
