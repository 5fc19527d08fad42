// The search page's form as GET /api/search's query string: empty fields left out, a date range
// that includes its last day, paging only for one kind; and where a result points.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayStart, EMPTY_FORM, entryId, eventSeq, hasFilters, searchQuery } from '../../../../../client/console/search/search-form.ts';

describe('searchQuery', () => {
  it('sends the words and the order, and nothing for empty fields', () => {
    assert.equal(searchQuery({ ...EMPTY_FORM, q: '  late parcel ' }, { offset: 20, limit: 20 }), 'q=late+parcel&sort=relevance');
  });

  it('sends each filter set, a range from the first day’s start to the day after the last, and pages for one kind', () => {
    const form = { ...EMPTY_FORM, q: 'x', kind: 'chat' as const, sort: 'date' as const, group: 'g1', agent: 'a1', status: 'ended', rating: '5', files: 'yes' as const, organization: 'o1', customer: 'c1', from: '2026-03-01', to: '2026-03-31' };
    const params = new URLSearchParams(searchQuery(form, { offset: 40, limit: 20 }));
    assert.deepEqual(Object.fromEntries(params), {
      q: 'x', kind: 'chat', sort: 'date', group: 'g1', agent: 'a1', status: 'ended', rating: '5', files: 'yes', organization: 'o1', customer: 'c1',
      from: String(new Date(2026, 2, 1).getTime()), to: String(new Date(2026, 3, 1).getTime()), offset: '40', limit: '20',
    });
  });

  it('ignores a date that is not one, and knows when a filter is set', () => {
    assert.equal(dayStart('yesterday'), null);
    assert.equal(hasFilters(EMPTY_FORM), false);
    assert.equal(hasFilters({ ...EMPTY_FORM, files: 'no' }), true);
  });
});

describe('where a result points', () => {
  it('reads a chat event’s sequence number and a ticket entry’s id', () => {
    assert.equal(eventSeq('m:42'), 42);
    assert.equal(eventSeq('c:abc'), null);
    assert.equal(entryId('e:xyz'), 'xyz');
    assert.equal(entryId('subject'), null);
  });
});
