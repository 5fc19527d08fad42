// The console's search syntax: words in any order, "phrases", prefixes*, and nothing typed ever
// reaching FTS5 as syntax; snippets' marked words as pieces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HIT_END, HIT_START, MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS, parseSearch, snippetPieces } from '../../../../objects/rules/search-query.ts';

function match(input: string): string {
  const parsed = parseSearch(input);
  assert.ok(parsed.ok, `${input} should parse`);
  return parsed.search.match;
}

describe('parseSearch', () => {
  it('quotes every word, all required, in any order', () => {
    assert.equal(match('refund Parcel'), '"refund" "parcel"');
    assert.equal(match('  parcel   refund '), '"parcel" "refund"');
  });

  it('keeps a phrase in quotes together, and a prefix as a prefix', () => {
    assert.equal(match('"late parcel" refun*'), '"late parcel" "refun"*');
    assert.equal(match('"refund"'), '"refund"');
  });

  it('leaves common words out unless nothing else is left, and repeats once', () => {
    assert.equal(match('where is the refund refund'), '"refund"');
    assert.equal(match('the'), '"the"');
    // Inside a phrase every word counts.
    assert.equal(match('"the end"'), '"the end"');
  });

  it('never passes FTS5 syntax through', () => {
    for (const hostile of ['body:secret', 'pay* OR x', 'a OR b', 'NEAR(a b)', 'x AND y', '^start', '(a', 'a)', '-x', 'a + b', '{col}: x', "it's", '"unclosed phrase', 'x"y"z']) {
      const parsed = parseSearch(hostile);
      if (!parsed.ok) continue;
      for (const term of parsed.search.match.split(/ AND |(?<=["*)])\s+(?=["(])/)) {
        assert.match(term, /^("[^"]*"\*?|\("[^"]*"\* OR "[^"]*"\*\))$/, `${hostile} → ${parsed.search.match}`);
      }
    }
    assert.equal(match('body:secret'), '"body" "secret"');
    // Only common words: all of them are kept, each a plain quoted word.
    assert.equal(match('a OR b'), '"a" "or" "b"');
    assert.equal(match('"unclosed phrase'), '"unclosed" "phrase"');
  });

  it('takes a prefix of fewer than three letters as a (too short) word, and folds case (accents are the index’s)', () => {
    // The index keeps no prefix index (each would cost a write per word of every message): a
    // prefix is a walk over the words that start with it, which two letters would make most of them.
    assert.equal(match('x* Café'), '"café"');
    assert.equal(match('x*'), '"x"');
    assert.equal(match('re*'), '"re"');
    assert.equal(match('ref*'), '"ref"*');
  });

  it('searches a prefix whose final y porter would turn into i also as it was typed', () => {
    // The index stems a prefix query's term too: "key*" alone would search "kei*" and miss
    // "keyboard"; "keye*" is stemmed back to exactly "key*" (test/workers/search/search.test.ts).
    assert.equal(match('key*'), '("key"* OR "keye"*)');
    // Beside a group FTS5 wants its AND said.
    assert.equal(match('refund pay*'), '"refund" AND ("pay"* OR "paye"*)');
    // No vowel before the y: porter leaves it alone.
    assert.equal(match('sky*'), '"sky"*');
    assert.equal(match('key'), '"key"');
  });

  it('refuses what is empty or too long, with a code', () => {
    assert.deepEqual(parseSearch('  *** "" '), { ok: false, code: 'search_empty', message: 'Type a word to search for.' });
    const long = parseSearch('a'.repeat(MAX_SEARCH_LENGTH + 1));
    assert.equal(long.ok, false);
    assert.equal(!long.ok && long.code, 'search_too_long');
  });

  it(`uses at most ${MAX_SEARCH_TERMS} terms and says so`, () => {
    const parsed = parseSearch(Array.from({ length: 20 }, (_, i) => `word${i}`).join(' '));
    assert.ok(parsed.ok);
    assert.equal(parsed.search.terms.length, MAX_SEARCH_TERMS);
    assert.equal(parsed.search.truncated, true);
  });
});

describe('snippetPieces', () => {
  it('splits a snippet at its marks', () => {
    assert.deepEqual(snippetPieces(`…my ${HIT_START}parcel${HIT_END} is ${HIT_START}late${HIT_END}`), [
      { text: '…my ', hit: false },
      { text: 'parcel', hit: true },
      { text: ' is ', hit: false },
      { text: 'late', hit: true },
    ]);
    assert.deepEqual(snippetPieces('no marks'), [{ text: 'no marks', hit: false }]);
    assert.deepEqual(snippetPieces(`${HIT_START}only${HIT_END}`), [{ text: 'only', hit: true }]);
  });
});
