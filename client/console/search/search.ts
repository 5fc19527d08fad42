// The search page's state: the form, the answer of GET /api/search (the first few of every kind,
// or one kind's page), and what opening a result does: a chat opens at the message that matched
// (search-target.ts marks it), a ticket at its entry, a call log in the Help Desk, a customer in
// the user-details pop-out, an organization as a search of its customers' chats, an article on
// its own page. Answers that arrive out of order are dropped (only the newest search is shown).
import { signal } from '@preact/signals';
import type { ItemRef } from '../../../objects/rules/items.ts';
import { describeError, getJson } from '../../shared/api.ts';
import type { OrganizationListResponse, OrganizationRef } from '../../../worker/customers/wire.ts';
import type { SearchHit, SearchResponse } from '../../../worker/search/wire.ts';
import { searchTarget } from '../chat/search-target.ts';
import { EMPTY_FORM, entryId, eventSeq, hasFilters, type SearchForm, searchQuery } from './search-form.ts';

/** Results per page when one kind is shown. */
export const SEARCH_PAGE_SIZE = 20;

export type SearchModel = ReturnType<typeof createSearch>;

export interface SearchDeps {
  openItem(item: Pick<ItemRef, 'kind' | 'id'>): void;
  openCustomer(customerId: string): void;
}

export function createSearch(deps: SearchDeps) {
  const form = signal<SearchForm>(EMPTY_FORM);
  /** The customer's email as typed (resolved to `form.customer` when the search runs). */
  const customerEmail = signal('');
  const offset = signal(0);
  const answer = signal<SearchResponse | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const organizations = signal<readonly OrganizationRef[]>([]);
  let ticket = 0;

  async function customerId(): Promise<string> {
    const email = customerEmail.value.trim();
    if (email === '') return '';
    const { customerId: id } = await getJson<{ customerId: string }>(`/api/customers/lookup?email=${encodeURIComponent(email)}`);
    return id;
  }

  /** Runs the search the form describes (changed by `next`), from `at` in one kind's results. */
  async function run(next: Partial<SearchForm> = {}, at = 0): Promise<void> {
    const mine = ++ticket;
    form.value = { ...form.value, ...next };
    error.value = null;
    if (form.value.q.trim() === '' && !hasFilters(form.value) && customerEmail.value.trim() === '') {
      answer.value = null;
      loading.value = false;
      error.value = 'Type a word to search for, or choose a filter.';
      return;
    }
    loading.value = true;
    try {
      const customer = await customerId();
      const query = searchQuery({ ...form.value, customer }, { offset: at, limit: SEARCH_PAGE_SIZE });
      const found = await getJson<SearchResponse>(`/api/search?${query}`);
      if (mine === ticket) {
        // The page shown and where it starts change together (the pager's label follows the answer).
        offset.value = at;
        answer.value = found;
      }
    } catch (failure) {
      if (mine === ticket) error.value = describeError(failure);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function open(hit: SearchHit): void {
    switch (hit.kind) {
      case 'chat': {
        const seq = eventSeq(hit.part);
        searchTarget.value = seq === null ? null : { kind: 'chat', chatId: hit.ref, seq };
        deps.openItem({ kind: 'chat', id: hit.ref });
        return;
      }
      case 'ticket': {
        const entry = entryId(hit.part);
        searchTarget.value = entry === null ? null : { kind: 'ticket', ticketId: hit.ref, entryId: entry };
        deps.openItem({ kind: 'ticket', id: hit.ref });
        return;
      }
      case 'call':
        deps.openItem({ kind: 'call', id: hit.ref });
        return;
      case 'customer':
        deps.openCustomer(hit.ref);
        return;
      case 'organization':
        customerEmail.value = '';
        void run({ ...EMPTY_FORM, sort: 'date', kind: 'chat', organization: hit.ref });
        return;
      case 'article':
        window.open(`/kb/${encodeURIComponent(hit.ref)}`, '_blank', 'noopener');
        return;
    }
  }

  return {
    form,
    customerEmail,
    offset,
    answer,
    loading,
    error,
    organizations,
    run,
    open,
    /** A new search from the top bar's box: its words alone, no filters left from before. */
    fresh(q: string): Promise<void> {
      customerEmail.value = '';
      return run({ ...EMPTY_FORM, q });
    },
    /** Fills the organization filter's choices (once per visit to the page). */
    async loadChoices(): Promise<void> {
      try {
        organizations.value = (await getJson<OrganizationListResponse>('/api/organizations')).organizations;
      } catch {
        // The filter is a courtesy: the search works without it.
      }
    },
  };
}
