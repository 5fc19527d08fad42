// Free text as SQLite FTS5 search terms, for every search built from what people typed: the
// customers' article search (worker/kb/query.ts) and agent assistance (rules/assistance.ts). Text
// becomes lower-case words of letters and digits; each term is quoted, so nothing typed can reach
// FTS5's query syntax (column filters, NEAR, prefixes, operators). Pure: tested in Node and Deno.

/** Words shorter than this carry no meaning for a search. */
export const MIN_WORD_LENGTH = 2;
/** Common words that match everything and rank nothing. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'had', 'her', 'was', 'one', 'our', 'out',
  'has', 'have', 'his', 'how', 'its', 'may', 'who', 'did', 'get', 'got', 'him', 'she', 'too', 'use', 'with', 'this',
  'that', 'from', 'they', 'what', 'when', 'where', 'which', 'will', 'would', 'there', 'their', 'about', 'does', 'into',
  'is', 'it', 'in', 'on', 'of', 'to', 'my', 'me', 'an', 'or', 'be', 'do', 'so', 'at', 'as', 'we', 'if', 'by', 'no', 'up',
]);

/** The words of a text, lower case, in order (repeats kept). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Long enough and not a stop word. */
export function isSearchWord(word: string): boolean {
  return word.length >= MIN_WORD_LENGTH && !STOP_WORDS.has(word);
}

/** One term as an FTS5 string: in double quotes, a quote inside doubled (FTS5's own escaping). */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A MATCH expression any of the terms may satisfy, or null when there are none. */
export function anyOf(terms: readonly string[]): string | null {
  return terms.length === 0 ? null : terms.map(quoteTerm).join(' OR ');
}
