// The CLI inlines parameters into SQL text: strings must be quoted so no input can break out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inlineSql, people } from '../../../../worker/people/admin-sql.ts';

describe('inlineSql', () => {
  it('quotes strings, doubling quotes, and keeps numbers and nulls', () => {
    assert.equal(inlineSql({ sql: 'SELECT ?1, ?2, ?3, ?1', params: ["O'Brien'); DROP TABLE agents; --", 5, null] }),
      "SELECT 'O''Brien''); DROP TABLE agents; --', 5, NULL, 'O''Brien''); DROP TABLE agents; --'");
  });

  it('refuses a missing parameter and non-finite numbers', () => {
    assert.throws(() => inlineSql({ sql: 'SELECT ?2', params: ['a'] }));
    assert.throws(() => inlineSql({ sql: 'SELECT ?1', params: [Number.NaN] }));
  });

  it('normalises emails the same way for every query', () => {
    assert.deepEqual(people.findAgentByEmail('  Alice@Example.COM ').params, ['alice@example.com']);
  });
});
