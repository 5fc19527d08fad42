// Turns a visitor's question into an FTS5 query: words only, each quoted, any of them may match
// (bm25 ranks articles that match more, and rarer, words first). Nothing the visitor types can
// reach FTS5's query syntax. Pure: tested in Node and Deno.

/** Words shorter than this, and these common ones, carry no meaning for the search. */
const MIN_WORD_LENGTH = 2;
const STOP_WORDS = new Set([
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'had', 'her', 'was', 'one', 'our', 'out',
  'has', 'have', 'his', 'how', 'its', 'may', 'who', 'did', 'get', 'got', 'him', 'she', 'too', 'use', 'with', 'this',
  'that', 'from', 'they', 'what', 'when', 'where', 'which', 'will', 'would', 'there', 'their', 'about', 'does', 'into',
  'is', 'it', 'in', 'on', 'of', 'to', 'my', 'me', 'an', 'or', 'be', 'do', 'so', 'at', 'as', 'we', 'if', 'by', 'no', 'up',
]);
/** The most words of a question that go into one search. */
export const MAX_QUERY_WORDS = 24;

/** The FTS5 MATCH expression for a question, or null when it has no searchable word. */
export function ftsQuery(question: string): string | null {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = [...new Set(words.filter((w) => w.length >= MIN_WORD_LENGTH && !STOP_WORDS.has(w)))].slice(0, MAX_QUERY_WORDS);
  return kept.length === 0 ? null : kept.map((w) => `"${w}"`).join(' OR ');
}
