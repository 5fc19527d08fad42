// A visitor's question becomes a safe FTS5 query.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ftsQuery, MAX_QUERY_WORDS } from '../../../../worker/kb/query.ts';

describe('ftsQuery', () => {
  it('keeps the meaningful words, quoted, any of which may match', () => {
    assert.equal(ftsQuery('How do I reset my password?'), '"reset" OR "password"');
  });

  it('never passes FTS5 syntax through', () => {
    const q = ftsQuery('title:secret* NEAR("a" b) OR -x ^y "quoted"');
    assert.equal(q, '"title" OR "secret" OR "near" OR "quoted"');
    assert.ok(!/[*:^()-]/.test(q ?? ''));
  });

  it('returns null when nothing is searchable, and bounds long questions', () => {
    assert.equal(ftsQuery('?? !! a'), null);
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    assert.equal(ftsQuery(long)?.split(' OR ').length, MAX_QUERY_WORDS);
  });

  it('handles letters beyond ASCII', () => {
    assert.equal(ftsQuery('Où est ma commande?'), '"où" OR "est" OR "ma" OR "commande"');
  });
});
