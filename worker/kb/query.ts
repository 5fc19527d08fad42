// Turns a visitor's question into an FTS5 query: words only, each quoted, any of them may match
// (bm25 ranks articles that match more, and rarer, words first). Nothing the visitor types can
// reach FTS5's query syntax: the words and their quoting are objects/rules/search-words.ts, which
// agent assistance shares. Pure: tested in Node and Deno.
import { anyOf, isSearchWord, wordsOf } from '../../objects/rules/search-words.ts';

/** The most words of a question that go into one search. */
export const MAX_QUERY_WORDS = 24;

/** The FTS5 MATCH expression for a question, or null when it has no searchable word. */
export function ftsQuery(question: string): string | null {
  return anyOf([...new Set(wordsOf(question).filter(isSearchWord))].slice(0, MAX_QUERY_WORDS));
}
