// Agent assistance's search: which words of a conversation go into the FTS5 query that finds
// knowledge-base articles and earlier resolutions (worker/assistance/). Only what the customer
// could see counts, and of that only the messages: never coaching, comments or any other
// staff-only text, which is not even in the events this is given (ChatRoom.transcript('visitor')),
// and is filtered out here once more. Pure: tested in Node and Deno.
import type { ChatEvent } from '../protocol.ts';
import { anyOf, isSearchWord, wordsOf } from './search-words.ts';

/** One message of the conversation, as the customer saw it. */
export interface SaidLine {
  by: 'customer' | 'agent';
  text: string;
}

/** A word chosen for the search, and how strongly the conversation points at it. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** The most words that go into one search: enough for a question told in a few messages. */
export const MAX_ASSISTANCE_TERMS = 10;
/** Only the latest messages count: what the customer asks now, not where the chat began. */
export const MESSAGES_CONSIDERED = 20;
/**
 * The customer's latest message weighs 1; each earlier one of theirs weighs RECENCY_DECAY times
 * the one after it, never less than MIN_RECENCY (the first question often names the problem).
 * 0.5 scored better than 0.75 on the labelled set's chats where the customer moves on to another
 * problem (test/workers/assistance/).
 */
const RECENCY_DECAY = 0.5;
const MIN_RECENCY = 0.2;
/**
 * The agent's messages weigh this: they may clarify the problem, but they are mostly greetings,
 * questions back and, once an agent has inserted an article or a canned reply, that text again.
 */
const AGENT_WEIGHT = 0.25;
/** A word that appears in this many of the customer's messages or more counts as this many. */
const MAX_REPEATS_COUNTED = 3;
/** Longer tokens are ids, hashes or pasted noise, not words anyone searches for. */
const MAX_TERM_LENGTH = 32;
/**
 * A query repeats a heavier word so FTS5's bm25 (which sums over the query's phrases) counts it
 * more: a word weighing at least this much of the heaviest one's is written twice. (On the
 * labelled set: P@3 0.356 with it, 0.344 without.)
 */
const REPEAT_AT = 0.6;

/** Chat talk that says nothing about the problem (beyond search-words.ts's common words). */
const CHAT_STOP_WORDS: ReadonlySet<string> = new Set([
  'hi', 'hello', 'hey', 'hiya', 'thanks', 'thank', 'thx', 'please', 'pls', 'ok', 'okay', 'yes', 'yeah', 'yep', 'nope',
  'sure', 'sorry', 'great', 'good', 'fine', 'cheers', 'bye', 'welcome', 'morning', 'afternoon', 'evening',
  'help', 'need', 'want', 'wanted', 'like', 'could', 'should', 'just', 'know', 'let', 'see', 'look', 'looking',
  'also', 'still', 'really', 'very', 'much', 'some', 'been', 'were', 'then', 'than', 'them', 'these', 'those', 'your',
  'yours', 'each', 'other', 'more', 'most', 'only', 'same', 'over', 'again', 'here', 'now', 'why', 'while', 'because',
  'after', 'before', 'being', 'both', 'few', 'own', 'off', 'once', 'such', 'am', 'im', 'ive', 'don', 'doesn',
  'didn', 'isn', 'wasn', 'aren', 'won', 'cant', 'couldn', 'shouldn', 'll', 've', 're', 'us', 'via', 'able',
  'anything', 'something', 'everything', 'nothing', 'anyone', 'someone', 'way', 'thing', 'things', 'today', 'yet',
  'trying', 'tried', 'try', 'keep', 'keeps', 'make', 'made', 'go', 'going', 'went', 'getting', 'done', 'doing',
  'happen', 'happened', 'moment', 'minute', 'question', 'questions', 'issue', 'problem', 'wondering', 'guys', 'mine',
  'myself', 'said', 'says', 'tell', 'told', 'think', 'seems', 'seem', 'sometimes', 'always', 'never', 'every',
  'shall', 'whether', 'either', 'ever', 'even', 'though', 'since', 'until', 'through', 'during', 'without', 'within',
  'ah', 'oh', 'um', 'hmm', 'lol',
]);

/** Links and email addresses are not words: an inserted article's link must not be searched for. */
const NOT_WORDS = /\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+\.\S+/giu;

/** The conversation's messages, oldest first: what everyone in the chat saw, nothing else. */
export function conversationLines(events: readonly ChatEvent[]): SaidLine[] {
  return events.flatMap((e) =>
    e.kind === 'message' && e.audience === 'all' ? [{ by: e.from.role === 'visitor' ? ('customer' as const) : ('agent' as const), text: e.text }] : [],
  );
}

/** The words of the people's names in the chat (a greeting names them; no article is about them). */
export function participantNames(events: readonly ChatEvent[]): Set<string> {
  const names = new Set<string>();
  for (const e of events) {
    const person = e.kind === 'message' ? e.from : e.kind === 'queued' ? e.visitor : e.kind === 'taken' ? e.agent : e.kind === 'joined' ? e.person : null;
    if (person) for (const word of wordsOf(person.name)) names.add(word);
  }
  return names;
}

/**
 * One key for a word's simple variants ("refunds", "refunded" → "refund"), so they share a weight
 * and one place in the query; FTS5's porter tokenizer matches the variants itself.
 */
export function variantKey(word: string): string {
  if (word.length <= 4) return word;
  const stem = word.replace(/(?:ing|ed|es|s)$/u, (suffix) => (suffix === 's' && word.endsWith('ss') ? suffix : ''));
  return stem.length >= 3 ? stem.replace(/e$/u, '') : word;
}

/** A word worth searching for: not chat talk, a name, a number or noise. */
function searchable(word: string, names: ReadonlySet<string>): boolean {
  return isSearchWord(word) && !CHAT_STOP_WORDS.has(word) && !names.has(word) && !/^\p{N}+$/u.test(word) && word.length <= MAX_TERM_LENGTH;
}

/**
 * The most telling words of the conversation, heaviest first: each message adds its weight to
 * each word it holds (once per message), the customer's recent messages weigh most. Ties go to
 * the longer word (a longer word is usually the rarer one), then to the one said last.
 */
export function assistanceTerms(lines: readonly SaidLine[], names: ReadonlySet<string> = new Set(), limit = MAX_ASSISTANCE_TERMS): WeightedTerm[] {
  const recent = lines.slice(-MESSAGES_CONSIDERED);
  const customerCount = recent.filter((l) => l.by === 'customer').length;
  const found = new Map<string, { term: string; weight: number; customerMessages: number; lastSeen: number }>();
  let customerIndex = 0;
  recent.forEach((line, position) => {
    const fromLatest = line.by === 'customer' ? customerCount - 1 - customerIndex++ : 0;
    const weight = line.by === 'customer' ? Math.max(MIN_RECENCY, RECENCY_DECAY ** fromLatest) : AGENT_WEIGHT;
    const keys = new Map<string, string>();
    for (const word of wordsOf(line.text.replace(NOT_WORDS, ' '))) {
      if (searchable(word, names)) keys.set(variantKey(word), keys.get(variantKey(word)) ?? word);
    }
    for (const [key, word] of keys) {
      const entry = found.get(key) ?? { term: word, weight: 0, customerMessages: 0, lastSeen: 0 };
      const counted = line.by === 'customer' ? ++entry.customerMessages : 0;
      if (counted <= MAX_REPEATS_COUNTED) entry.weight += weight;
      entry.lastSeen = position;
      found.set(key, entry);
    }
  });
  return [...found.values()]
    .sort((a, b) => b.weight - a.weight || b.term.length - a.term.length || b.lastSeen - a.lastSeen)
    .slice(0, limit)
    .map(({ term, weight }) => ({ term, weight: Math.round(weight * 1000) / 1000 }));
}

/**
 * The FTS5 MATCH expression for the terms (any may match; a heavy one is written twice so bm25
 * counts it more), or null when there is nothing to search for.
 */
export function assistanceQuery(terms: readonly WeightedTerm[]): string | null {
  const heaviest = terms[0]?.weight ?? 0;
  return anyOf(terms.flatMap((t) => (t.weight >= heaviest * REPEAT_AT ? [t.term, t.term] : [t.term])));
}
