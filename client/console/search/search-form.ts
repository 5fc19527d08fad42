// The search page's form as the query string GET /api/search reads (worker/search/routes.ts):
// empty fields are left out, dates become the start of the day they name (`to` the day after, so
// a range includes its last day), a customer's email is resolved to their id by the caller. Pure.
import type { SearchKind, SearchSort } from '../../../objects/rules/search-query.ts';

export interface SearchForm {
  q: string;
  kind: SearchKind | '';
  sort: SearchSort;
  group: string;
  agent: string;
  status: string;
  /** yyyy-mm-dd from a date input, or ''. */
  from: string;
  to: string;
  rating: string;
  files: '' | 'yes' | 'no';
  organization: string;
  /** The customer's id (the page looks it up from the email typed), or ''. */
  customer: string;
}

export const EMPTY_FORM: SearchForm = { q: '', kind: '', sort: 'relevance', group: '', agent: '', status: '', from: '', to: '', rating: '', files: '', organization: '', customer: '' };

/** The first millisecond of a yyyy-mm-dd day in the person's own time zone, or null if it is not one. */
export function dayStart(day: string, after = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + after).getTime();
  return Number.isNaN(at) ? null : at;
}

/** Whether any filter is set (a search needs words or a filter). */
export function hasFilters(form: SearchForm): boolean {
  return [form.group, form.agent, form.status, form.from, form.to, form.rating, form.files, form.organization, form.customer].some((v) => v !== '');
}

/** The query string for one page. */
export function searchQuery(form: SearchForm, page: { offset: number; limit: number } | null): string {
  const params = new URLSearchParams();
  if (form.q.trim() !== '') params.set('q', form.q.trim());
  if (form.kind !== '') params.set('kind', form.kind);
  params.set('sort', form.sort);
  const set = (key: string, value: string) => value !== '' && params.set(key, value);
  set('group', form.group);
  set('agent', form.agent);
  set('status', form.status);
  set('rating', form.rating);
  set('files', form.files);
  set('organization', form.organization);
  set('customer', form.customer);
  const from = dayStart(form.from);
  const to = dayStart(form.to, 1);
  if (from !== null) params.set('from', String(from));
  if (to !== null) params.set('to', String(to));
  if (page && form.kind !== '') {
    params.set('offset', String(page.offset));
    params.set('limit', String(page.limit));
  }
  return params.toString();
}

/** Where a chat result points: the event's sequence number (`m:<seq>`), if it is one. */
export function eventSeq(part: string): number | null {
  const m = /^m:(\d+)$/.exec(part);
  return m ? Number(m[1]) : null;
}

/** Where a ticket result points: the entry's id (`e:<id>`), if it is one. */
export function entryId(part: string): string | null {
  return part.startsWith('e:') ? part.slice(2) : null;
}
