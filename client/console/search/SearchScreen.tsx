// The search page (issue 16): one box over everything staff may open, filters, and the results
// grouped by kind, each with the words that matched marked. Every kind shows its first few; "All
// N chats" shows one kind with pages. A result's title opens it where it matched.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { SearchKind } from '../../../objects/rules/search-query.ts';
import type { Group } from '../../shared/api.ts';
import type { SearchHit, SearchPage } from '../../../worker/search/wire.ts';
import { formatStarted, now } from '../ui/time.ts';
import type { SearchForm } from './search-form.ts';
import { SEARCH_PAGE_SIZE, type SearchModel } from './search.ts';
import './search.css';

const KIND_LABELS: Record<SearchKind, string> = {
  chat: 'Chats',
  ticket: 'Tickets',
  call: 'Call logs',
  customer: 'Customers',
  organization: 'Organizations',
  article: 'Articles',
};
const STATUS_CHOICES: [string, string][] = [
  ['', 'Any status'],
  ['queued', 'Chat waiting'],
  ['active', 'Chat active'],
  ['ended', 'Chat ended'],
  ['open', 'Ticket open'],
  ['pending', 'Ticket pending'],
  ['closed', 'Ticket closed'],
];

export interface SearchScreenProps {
  search: SearchModel;
  groups: readonly Group[];
  /** Everyone the agent filter offers (the caller first). */
  people: readonly { id: string; name: string }[];
}

function Select(props: { label: string; value: string; choices: readonly (readonly [string, string])[]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.choices.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Field(props: { label: string; children: (id: string) => ComponentChildren }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children(id)}
    </div>
  );
}

function Hit({ hit, open }: { hit: SearchHit; open(hit: SearchHit): void }) {
  return (
    <li class="search-result" data-kind={hit.kind} data-ref={hit.ref} data-part={hit.part}>
      <button type="button" class="link search-result-title" onClick={() => open(hit)}>
        {hit.title}
      </button>{' '}
      <span class="search-result-detail">{hit.detail}</span>
      <p class="search-snippet">
        {hit.snippet.map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
      </p>
      <p class="search-result-meta">
        {hit.author ? `${hit.author} · ` : ''}
        <time dateTime={new Date(hit.at).toISOString()}>{formatStarted(hit.at, now.value)}</time>
        {hit.staffOnly ? <span class="badge badge-staff">Staff only</span> : null}
      </p>
    </li>
  );
}

function KindResults({ page, search, single, go }: { page: SearchPage; search: SearchModel; single: boolean; go(next: Partial<SearchForm>, at: number): void }) {
  const titleId = useId();
  const label = KIND_LABELS[page.kind];
  const count = `${page.total}${page.capped ? '+' : ''}`;
  const offset = search.offset.value;
  return (
    <section class="search-kind" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {label} <span class="search-count">({count})</span>
      </h2>
      {page.hits.length === 0 ? (
        <p class="search-none">{page.capped ? 'None among the newest matches.' : 'Nothing found.'}</p>
      ) : (
        <ol class="search-results" aria-label={label}>
          {page.hits.map((hit) => (
            <Hit key={`${hit.ref}/${hit.part}`} hit={hit} open={search.open} />
          ))}
        </ol>
      )}
      {!single && (page.total > page.hits.length || page.capped) ? (
        <button type="button" onClick={() => go({ kind: page.kind }, 0)}>
          {page.total > page.hits.length ? `All ${count} ${label.toLowerCase()}` : `Search all ${label.toLowerCase()}`}
        </button>
      ) : null}
      {single && page.hits.length > 0 ? (
        <div class="pager" role="group" aria-label="Pages">
          <span class="page-label">
            {offset + 1}–{offset + page.hits.length} of {count}
          </span>
          <button type="button" disabled={offset === 0} onClick={() => go({}, Math.max(0, offset - SEARCH_PAGE_SIZE))}>
            Previous
          </button>
          <button type="button" disabled={offset + SEARCH_PAGE_SIZE >= page.total} onClick={() => go({}, offset + SEARCH_PAGE_SIZE)}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}

export function SearchScreen({ search, groups, people }: SearchScreenProps) {
  const form = search.form.value;
  const answer = search.answer.value;
  const set = (next: Partial<SearchForm>) => (search.form.value = { ...search.form.value, ...next });
  useEffect(() => void search.loadChoices(), [search]);
  // "All N …", Previous and Next replace the button pressed: focus goes to the results' heading.
  const focusResults = useRef(false);
  const go = (next: Partial<SearchForm>, at: number) => {
    focusResults.current = true;
    void search.run(next, at);
  };
  useEffect(() => {
    if (!focusResults.current || search.loading.value) return;
    focusResults.current = false;
    document.querySelector<HTMLElement>('.search-answer .search-kind h2')?.focus();
  }, [answer, search.loading.value]);
  const found = answer?.pages.reduce((n, p) => n + p.total, 0) ?? 0;
  const status = search.loading.value ? 'Searching…' : answer ? `${found === 0 ? 'Nothing' : found} found${answer.truncated ? ' (only the first words were used)' : ''}.` : '';
  return (
    <section class="search-page" aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <form
        role="search"
        aria-label="Search with filters"
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          void search.run();
        }}
      >
        <div class="search-box">
          <Field label="Search for">
            {(id) => (
              <input id={id} type="search" value={form.q} maxLength={200} aria-describedby="search-hint" onInput={(e) => set({ q: e.currentTarget.value })} />
            )}
          </Field>
          <button type="submit" class="primary">
            Search
          </button>
        </div>
        <p id="search-hint" class="search-hint">
          Words in any order, "a phrase" in quotes, or the start of a word, three letters or more, with * (refun*). Case and accents do not matter.
        </p>
        <fieldset class="search-filters">
          <legend>Filters</legend>
          <Select label="Kind" value={form.kind} choices={[['', 'Every kind'], ...Object.entries(KIND_LABELS)]} onChange={(v) => set({ kind: v as SearchForm['kind'] })} />
          <Select label="Order" value={form.sort} choices={[['relevance', 'Best match'], ['date', 'Newest first']]} onChange={(v) => set({ sort: v as SearchForm['sort'] })} />
          <Select label="Group" value={form.group} choices={[['', 'All my groups'], ...groups.map((g) => [g.id, g.name] as const)]} onChange={(v) => set({ group: v })} />
          <Select label="Agent" value={form.agent} choices={[['', 'Anyone'], ...people.map((p) => [p.id, p.name] as const)]} onChange={(v) => set({ agent: v })} />
          <Select label="Status" value={form.status} choices={STATUS_CHOICES} onChange={(v) => set({ status: v })} />
          <Field label="From">{(id) => <input id={id} type="date" value={form.from} onInput={(e) => set({ from: e.currentTarget.value })} />}</Field>
          <Field label="To">{(id) => <input id={id} type="date" value={form.to} onInput={(e) => set({ to: e.currentTarget.value })} />}</Field>
          <Select
            label="Survey rating"
            value={form.rating}
            choices={[['', 'Any rating'], ...[5, 4, 3, 2, 1].map((n) => [String(n), `${n} of 5`] as const)]}
            onChange={(v) => set({ rating: v })}
          />
          <Select label="Files" value={form.files} choices={[['', 'With or without'], ['yes', 'With files'], ['no', 'Without files']]} onChange={(v) => set({ files: v as SearchForm['files'] })} />
          <Field label="Customer's email">
            {(id) => <input id={id} type="email" value={search.customerEmail.value} onInput={(e) => (search.customerEmail.value = e.currentTarget.value)} />}
          </Field>
          <Select
            label="Organization"
            value={form.organization}
            choices={[['', 'Any organization'], ...search.organizations.value.map((o) => [o.id, o.name] as const)]}
            onChange={(v) => set({ organization: v })}
          />
        </fieldset>
      </form>
      <p class="search-status" role="status">
        {status}
      </p>
      {search.error.value ? (
        <p class="notice" role="alert">
          {search.error.value}
        </p>
      ) : null}
      {answer ? (
        <div class="search-answer" aria-busy={search.loading.value ? 'true' : 'false'}>
          {answer.pages
            .filter((p) => answer.pages.length === 1 || p.hits.length > 0)
            .map((page) => (
              <KindResults key={page.kind} page={page} search={search} single={answer.pages.length === 1} go={go} />
            ))}
        </div>
      ) : null}
    </section>
  );
}
