// What a person types in the console's search box, as an SQLite FTS5 query: words in any order
// (all must match), "phrases in quotes", prefixes (refun*). Every term reaches FTS5 quoted
// (search-words.ts quoteTerm), so nothing typed is ever FTS5 syntax: no column filters, NEAR,
// operators or bare punctuation. Case and accents are folded by the index's tokenizer (unicode61
// remove_diacritics 2), on the query as on the text. Pure: tested in Node and Deno.
import { isSearchWord, quoteTerm, wordsOf } from './search-words.ts';

/** What a result opens, and how results are ordered (worker/search/wire.ts). */
export const SEARCH_KINDS = ['chat', 'ticket', 'call', 'customer', 'organization', 'article'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The longest search a person may type. */
export const MAX_SEARCH_LENGTH = 200;
/** The most terms one search uses (the rest are ignored, and the answer says so). */
export const MAX_SEARCH_TERMS = 12;
/** A prefix shorter than this would match most of the index: it is taken as a whole word. */
export const MIN_PREFIX_LENGTH = 3;

export type SearchTerm = { kind: 'word'; word: string } | { kind: 'phrase'; words: string[] } | { kind: 'prefix'; prefix: string };

export interface ParsedSearch {
  terms: SearchTerm[];
  /** The FTS5 MATCH expression: every term quoted, all of them required. */
  match: string;
  /** Terms beyond MAX_SEARCH_TERMS were left out. */
  truncated: boolean;
}

export type SearchParse = { ok: true; search: ParsedSearch } | { ok: false; code: 'search_too_long' | 'search_empty'; message: string };

/** A run of the query outside quotes: its words, the last a prefix when it ends in `*`. */
function looseTerms(run: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const token of run.split(/\s+/)) {
    const words = wordsOf(token);
    if (words.length === 0) continue;
    const last = words.length - 1;
    for (const [i, word] of words.entries()) {
      if (i === last && token.trimEnd().endsWith('*') && word.length >= MIN_PREFIX_LENGTH) terms.push({ kind: 'prefix', prefix: word });
      else terms.push({ kind: 'word', word });
    }
  }
  return terms;
}

/**
 * Whether the index's porter tokenizer rewrites the end of this prefix, not only cuts it: it stems
 * a prefix query's term as it stems the text, and turns a final 'y' after a vowel into 'i'. "key*"
 * would then search "kei*" and find "keys" (indexed as "kei") but never "keyboard".
 */
function stemRewritesEnd(prefix: string): boolean {
  return prefix.endsWith('y') && /[aeiou]/.test(prefix.slice(0, -1));
}

/** One term as FTS5 text. */
function ftsTerm(term: SearchTerm): string {
  switch (term.kind) {
    case 'word':
      return quoteTerm(term.word);
    case 'phrase':
      return quoteTerm(term.words.join(' '));
    case 'prefix':
      // Such a prefix is also searched with an 'e' after it, which porter takes off again
      // (its last step) without touching the 'y': "keye*" is stemmed to exactly "key*".
      return stemRewritesEnd(term.prefix) ? `(${quoteTerm(term.prefix)}* OR ${quoteTerm(`${term.prefix}e`)}*)` : `${quoteTerm(term.prefix)}*`;
  }
}

function sameTerm(a: SearchTerm, b: SearchTerm): boolean {
  return ftsTerm(a) === ftsTerm(b);
}

/**
 * The search a person typed, or why there is none. Common words (the, and, …) outside quotes are
 * left out unless nothing else is left; a quote without its pair is read as a space.
 */
export function parseSearch(input: string): SearchParse {
  if (input.length > MAX_SEARCH_LENGTH) {
    return { ok: false, code: 'search_too_long', message: `A search is at most ${MAX_SEARCH_LENGTH} characters.` };
  }
  const pieces = input.split('"');
  // An odd count of quotes leaves the last one unpaired: what follows it is loose text.
  if (pieces.length % 2 === 0) pieces.splice(-2, 2, `${pieces.at(-2)} ${pieces.at(-1)}`);
  const all: SearchTerm[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (i % 2 === 0) {
      all.push(...looseTerms(piece));
      continue;
    }
    const words = wordsOf(piece);
    if (words.length === 1) all.push({ kind: 'word', word: words[0]! });
    else if (words.length > 1) all.push({ kind: 'phrase', words });
  }
  const meaningful = all.filter((t) => t.kind !== 'word' || isSearchWord(t.word));
  const chosen = (meaningful.length > 0 ? meaningful : all).filter((t, i, list) => list.findIndex((u) => sameTerm(t, u)) === i);
  if (chosen.length === 0) return { ok: false, code: 'search_empty', message: 'Type a word to search for.' };
  const terms = chosen.slice(0, MAX_SEARCH_TERMS);
  const parts = terms.map(ftsTerm);
  // FTS5 takes terms side by side as AND, but not beside a group in parentheses: then AND is said.
  const match = parts.join(parts.some((p) => p.startsWith('(')) ? ' AND ' : ' ');
  return { ok: true, search: { terms, match, truncated: chosen.length > terms.length } };
}

/** FTS5 snippet markers around each matched word (control characters nobody types). */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

/** A snippet with its matched words marked, as pieces the console renders (never as HTML). */
export function snippetPieces(snippet: string): { text: string; hit: boolean }[] {
  const pieces: { text: string; hit: boolean }[] = [];
  for (const [i, part] of snippet.split(HIT_START).entries()) {
    if (i === 0) {
      if (part) pieces.push({ text: part.replaceAll(HIT_END, ''), hit: false });
      continue;
    }
    const end = part.indexOf(HIT_END);
    const hit = end === -1 ? part : part.slice(0, end);
    const rest = end === -1 ? '' : part.slice(end + 1).replaceAll(HIT_END, '');
    if (hit) pieces.push({ text: hit, hit: true });
    if (rest) pieces.push({ text: rest, hit: false });
  }
  return pieces;
}
