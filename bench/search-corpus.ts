// The data set of part `search` (bench/search.ts): 100,000 chats with 1,000,000 messages, their
// comments, survey ratings and files, and 10,000 tickets with their entries, over six groups, 30
// agents and 90 days: as table rows, and as the search documents they make (migrations/0013_search.sql).
// Text is drawn from a Zipf-like vocabulary (function words and the trade's commonest words first,
// then a few hundred support words, then invented words for the long tail), with collocations for
// phrases, rare words and order numbers. Pure and deterministic (a seeded generator): this file
// also chooses the words the bench searches for; bench/search.ts inserts the rows and times the queries.
import { FIRST_TICKET_NUMBER } from '../objects/rules/items.ts';
import { isSearchWord } from '../objects/rules/search-words.ts';
import type { Sql } from './seeding.ts';

// ---- sizes and shares ---------------------------------------------------------------------------

export const CHAT_COUNT = 100_000;
export const MESSAGE_COUNT = 1_000_000;
export const TICKET_COUNT = 10_000;
export const HISTORY_DAYS = 90;
const AGENT_COUNT = 30;
/** Six groups of uneven size (weights sum to 100). */
export const GROUPS = [
  ['Support', 30],
  ['Sales', 20],
  ['Billing', 18],
  ['Technical', 14],
  ['Returns', 10],
  ['Partners', 8],
] as const;
/** Indexes into GROUPS: the measured agent's groups (56% of everything). */
export const MEASURED_GROUPS: readonly number[] = [0, 2, 5];
/** A message has this many words (uniformly), before a rare word or an order number is added. */
const MIN_WORDS = 5;
const MAX_WORDS = 20;
/** Messages per chat: 1 + an exponential of this mean, then nudged so that they sum to MESSAGE_COUNT. */
const MESSAGES_PER_CHAT_MEAN = 9;
/** Time between two messages of a chat (exponential mean), and from the chat's start to its taking. */
const MESSAGE_GAP_MEAN_MS = 40_000;
const TAKE_DELAY_MEAN_MS = 60_000;
/** The vocabulary's size and its Zipf–Mandelbrot law: rank r is drawn with weight 1 / (r + OFFSET)^EXPONENT. */
const VOCABULARY_SIZE = 3000;
const ZIPF_EXPONENT = 1;
const ZIPF_OFFSET = 2.7;
/** Each word slot is a collocation (drawn by its own Zipf law) with this chance. */
const COLLOCATION_SHARE = 0.02;
/** Invented words seen a handful of times each: a message holds one with this chance. */
const RARE_WORD_COUNT = 50_000;
const RARE_WORD_SHARE = 0.15;
/** A message quotes a seven-digit order number with this chance. */
const ORDER_NUMBER_SHARE = 0.05;
/** Shares of the chats: with a staff comment, rated by the customer, with a file sent. */
const COMMENT_SHARE = 0.05;
const RATED_SHARE = 0.3;
/** A rating's weights for 1 to 5 stars. */
const RATING_WEIGHTS = [10, 8, 12, 25, 45] as const;
/** Of the rated chats, the share whose customer also wrote a comment (staff-only text). */
const SURVEY_COMMENT_SHARE = 0.25;
const FILE_SHARE = 0.08;
/** A ticket's entries after the conversation it began as: 1 to this many replies, notes and resolutions. */
const MAX_TICKET_FOLLOW_UPS = 4;
const TICKET_GAP_MEAN_MS = 6 * 60 * 60_000;
/** How many words of each class the bench may search for (its repetitions and warm-ups). */
export const QUERY_WORDS_PER_CLASS = 48;

const DAY = 24 * 60 * 60_000;

// ---- the vocabulary -----------------------------------------------------------------------------

/** The commonest words, in rank order: function words with the trade's commonest among them. */
const HEAD = [
  'the', 'i', 'to', 'you', 'a', 'my', 'and', 'is', 'it', 'for', 'please', 'order', 'can', 'on', 'have', 'of', 'in',
  'this', 'help', 'that', 'me', 'we', 'with', 'your', 'was', 'not', 'thanks', 'be', 'but', 'just', 'account', 'so',
  'do', 'at', 'get', 'are', 'if', 'there', 'no', 'what', 'hi', 'will', 'an', 'or', 'how', 'payment', 'from', 'when',
  'would', 'any', 'refund', 'all', 'been', 'did', 'still', 'yes', 'delivery', 'card', 'now', 'one', 'out', 'they',
  'up', 'email', 'our', 'as', 'has', 'about', 'could', 'time', 'know',
];
/** Support chat's words, roughly commonest first; invented words follow them up to VOCABULARY_SIZE. */
const SUPPORT = [
  'problem', 'issue', 'password', 'login', 'subscription', 'invoice', 'shipping', 'address', 'package', 'parcel',
  'tracking', 'number', 'charge', 'charged', 'price', 'plan', 'upgrade', 'cancel', 'cancelled', 'return', 'exchange',
  'item', 'product', 'size', 'colour', 'store', 'website', 'app', 'phone', 'update', 'change', 'reset', 'link',
  'message', 'support', 'team', 'agent', 'customer', 'service', 'week', 'today', 'yesterday', 'tomorrow', 'days',
  'hours', 'minutes', 'morning', 'working', 'error', 'page', 'screen', 'button', 'click', 'checkout', 'basket',
  'discount', 'coupon', 'code', 'promo', 'free', 'trial', 'billing', 'bank', 'transfer', 'paypal', 'credit', 'debit',
  'receipt', 'confirmation', 'status', 'arrived', 'late', 'delayed', 'damaged', 'broken', 'missing', 'wrong',
  'received', 'sent', 'shipped', 'courier', 'warehouse', 'stock', 'available', 'replacement', 'warranty', 'repair',
  'battery', 'charger', 'cable', 'device', 'laptop', 'tablet', 'settings', 'profile', 'username', 'verification',
  'verify', 'security', 'locked', 'blocked', 'access', 'download', 'install', 'version', 'browser', 'chrome',
  'firefox', 'safari', 'android', 'iphone', 'windows', 'mac', 'connection', 'internet', 'wifi', 'network', 'slow',
  'crash', 'freeze', 'bug', 'feature', 'request', 'report', 'export', 'import', 'data', 'file', 'upload',
  'attachment', 'photo', 'picture', 'document', 'pdf', 'form', 'field', 'name', 'surname', 'company', 'business',
  'contract', 'renewal', 'monthly', 'annual', 'yearly', 'fee', 'tax', 'vat', 'total', 'amount', 'balance',
  'pending', 'processing', 'approved', 'declined', 'failed', 'successful', 'complete', 'completed', 'open',
  'closed', 'ticket', 'case', 'reference', 'manager', 'supervisor', 'callback', 'call', 'chat', 'reply', 'answer',
  'question', 'information', 'details', 'instructions', 'guide', 'manual', 'tutorial', 'video', 'shoes', 'jacket',
  'dress', 'shirt', 'trousers', 'boots', 'bag', 'watch', 'headphones', 'speaker', 'camera', 'printer', 'keyboard',
  'mouse', 'monitor', 'television', 'fridge', 'washing', 'machine', 'sofa', 'table', 'chair', 'mattress', 'lamp',
  'gift', 'voucher', 'points', 'loyalty', 'member', 'membership', 'newsletter', 'unsubscribe', 'spam', 'inbox',
  'notification', 'reminder', 'appointment', 'booking', 'reservation', 'schedule', 'reschedule', 'available',
  'collection', 'pickup', 'locker', 'neighbour', 'door', 'signature', 'weekend', 'monday', 'friday', 'urgent',
  'asap', 'escalate', 'complaint', 'feedback', 'review', 'rating', 'quality', 'faulty', 'defective', 'scratched',
  'leaking', 'noise', 'smell', 'instruction', 'assembly', 'parts', 'screws', 'spare', 'accessory', 'compatible',
  'model', 'serial', 'licence', 'key', 'activation', 'activate', 'deactivate', 'delete', 'remove', 'merge',
  'duplicate', 'twice', 'double', 'overcharged', 'refunded', 'credited', 'statement', 'fraud', 'dispute',
  'chargeback', 'currency', 'euro', 'dollar', 'pound', 'international', 'customs', 'duty', 'abroad', 'country',
  'postcode', 'zip', 'city', 'street', 'apartment', 'floor', 'building', 'office', 'home', 'holiday', 'travel',
  'flight', 'hotel', 'ticketing', 'seat', 'luggage', 'insurance', 'claim', 'policy', 'terms', 'conditions',
  'privacy', 'gdpr', 'consent', 'cookie', 'tracking', 'analytics', 'dashboard', 'report', 'integration', 'api',
  'webhook', 'token', 'timeout', 'server', 'outage', 'maintenance', 'downtime', 'restore', 'backup', 'sync',
  'calendar', 'contacts', 'team', 'seats', 'invite', 'invitation', 'role', 'permission', 'admin', 'owner',
];
/** Words that come together, for phrase searches; drawn by a Zipf law of their own. */
const COLLOCATIONS = [
  'thank you', 'tracking number', 'order number', 'credit card', 'reset my password', 'customer service',
  'money back', 'gift card', 'shipping address', 'billing address', 'phone number', 'email address', 'log in',
  'sign in', 'next week', 'as soon as possible', 'how long', 'out of stock', 'free shipping', 'return label',
  'promo code', 'discount code', 'payment method', 'bank transfer', 'delivery date', 'wrong size', 'not working',
  'error message', 'mobile app', 'refund request', 'cancel my subscription', 'annual plan', 'monthly plan',
  'account settings', 'security code', 'verification email', 'spam folder', 'customer number', 'pick up point',
  'express delivery', 'same day', 'business days', 'in stock', 'out for delivery', 'two factor authentication',
  'direct debit', 'loyalty points', 'opening hours', 'live chat', 'terms and conditions', 'data export',
  'password reset link', 'delivery address', 'invoice copy', 'parcel locker',
];
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cr', 'dr', 'gr', 'pl', 'st', 'tr', 'sh', 'ch', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
const CODAS = ['', '', '', 'n', 'r', 'l', 'm', 'x', 'nd', 'st', 'rk'];
const FIRST_NAMES = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Mia', 'Mateo', 'Chloé', 'Björn', 'Ngozi', 'Aiko', 'Rahul', 'Fatima', 'Diego', 'Ingrid', 'Kwame', 'Mei', 'Omar', 'Priya', 'Tomás', 'Yara'];
const LAST_NAMES = ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', "O'Brien", 'Nakamura', 'Okafor', 'Müller', 'Kowalski', 'Singh', 'Haddad', 'Nguyen', 'Rossi', 'Dubois', 'Silva', 'Kim', 'Cohen'];
const FILE_STEMS = ['receipt', 'screenshot', 'invoice', 'photo', 'label', 'statement', 'error', 'order', 'damage', 'contract'];
const FILE_TYPES = [['pdf', 'application/pdf'], ['png', 'image/png'], ['jpg', 'image/jpeg']] as const;

// ---- what is built ------------------------------------------------------------------------------

export interface CorpusAgent {
  id: string;
  name: string;
  /** Indexes into GROUPS. */
  groups: readonly number[];
}

/** One table's rows, in the order they go in. */
export interface CorpusTable {
  table: 'chats' | 'surveys' | 'attachments' | 'chat_comments' | 'tickets' | 'ticket_entries';
  columns: readonly string[];
  rows: Sql[][];
}

/** The words the bench searches for, QUERY_WORDS_PER_CLASS of each class. */
export interface QueryWords {
  /** Invented words in a handful of the measured agent's messages. */
  rare: string[];
  /** The commonest words a search keeps (in 2–8% of messages). */
  common: string[];
  /** Words in some 0.3–1% of messages. */
  medium: string[];
  /** Collocations, as typed in quotes. */
  phrases: string[];
  /** The first 3 to 5 letters of common and middling words. */
  prefixes: string[];
}

export interface SearchCorpus {
  groupNames: readonly string[];
  /** The other agents (the measured one is bench/server.ts's seed agent, in MEASURED_GROUPS). */
  agents: CorpusAgent[];
  tables: CorpusTable[];
  /** search_docs and search_staff_docs rows (DOC_COLUMNS), oldest first: their rowids follow time, as in production. */
  shownDocs: Sql[][];
  staffDocs: Sql[][];
  words: QueryWords;
  counts: { messages: number; files: number; comments: number; rated: number; surveyComments: number; ticketEntries: number };
}

export const DOC_COLUMNS = ['kind', 'ref', 'part', 'group_id', 'at', 'author', 'body'] as const;
const CHAT_COLUMNS = [
  'id', 'status', 'group_id', 'group_name', 'visitor_name', 'visitor_email', 'agent_id', 'agent_name', 'started_at',
  'taken_at', 'ended_at', 'last_agent_message_at', 'message_count', 'idle_since', 'idle_level', 'version',
] as const;
const TICKET_COLUMNS = [
  'id', 'number', 'subject', 'status', 'priority', 'group_id', 'agent_id', 'agent_name', 'customer_name', 'customer_email',
  'created_by', 'created_at', 'updated_at', 'closed_at',
] as const;
const ENTRY_COLUMNS = ['id', 'ticket_id', 'kind', 'author_id', 'author_name', 'text', 'emailed_to', 'created_at'] as const;
const COMMENT_COLUMNS = ['id', 'chat_id', 'kind', 'author_id', 'author_name', 'text', 'created_at'] as const;
const SURVEY_COLUMNS = ['chat_id', 'rating', 'comment', 'created_at'] as const;
const ATTACHMENT_COLUMNS = ['id', 'chat_id', 'r2_key', 'filename', 'content_type', 'size', 'uploaded_by', 'created_at'] as const;

// ---- text ---------------------------------------------------------------------------------------

/** Invented words of `syllables` syllables, none already in `taken` (which they join). */
function inventWords(random: () => number, count: number, syllables: number, taken: Set<string>): string[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const out: string[] = [];
  while (out.length < count) {
    let w = '';
    for (let s = 0; s < syllables; s++) w += pick(ONSETS) + pick(VOWELS);
    w += pick(CODAS);
    if (taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

/** Draws an index in [0, weights.length) by the cumulative weights `cdf`. */
function drawFrom(cdf: Float64Array, random: () => number): number {
  const u = random() * cdf[cdf.length - 1]!;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function zipfCdf(size: number): Float64Array {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cdf[r] = sum += 1 / (r + ZIPF_OFFSET) ** ZIPF_EXPONENT;
  return cdf;
}

/** What people write in a support chat, as the bench makes it up. */
export interface TextWriter {
  /** The vocabulary in rank order (commonest first). */
  vocabulary: readonly string[];
  rareWords: readonly string[];
  /** A message of MIN_WORDS–MAX_WORDS words; `rare` is the index of the rare word it holds, or -1. */
  message(): { text: string; rare: number };
  /** Some words without punctuation (a ticket's subject). */
  words(count: number): string;
}

export function textWriter(random: () => number): TextWriter {
  const taken = new Set([...HEAD, ...SUPPORT, ...COLLOCATIONS.flatMap((c) => c.split(' '))]);
  const support = [...new Set(SUPPORT)].filter((w) => !HEAD.includes(w));
  const vocabulary = [...HEAD, ...support];
  vocabulary.push(...inventWords(random, VOCABULARY_SIZE - vocabulary.length, 2, taken));
  const rareWords = inventWords(random, RARE_WORD_COUNT, 3, taken);
  const wordCdf = zipfCdf(vocabulary.length);
  const collocationCdf = zipfCdf(COLLOCATIONS.length);
  const slots = (count: number): string[] => {
    const out: string[] = [];
    while (out.length < count) {
      if (random() < COLLOCATION_SHARE) out.push(...COLLOCATIONS[drawFrom(collocationCdf, random)]!.split(' '));
      else out.push(vocabulary[drawFrom(wordCdf, random)]!);
    }
    return out;
  };
  return {
    vocabulary,
    rareWords,
    message() {
      const words = slots(MIN_WORDS + Math.floor(random() * (MAX_WORDS - MIN_WORDS + 1)));
      let rare = -1;
      if (random() < RARE_WORD_SHARE) {
        rare = Math.floor(random() * rareWords.length);
        words.splice(Math.floor(random() * words.length), 0, rareWords[rare]!);
      }
      if (random() < ORDER_NUMBER_SHARE) words.push('order', String(1_000_000 + Math.floor(random() * 9_000_000)));
      const first = words[0]!;
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      return { text: `${words.join(' ')}${random() < 0.2 ? '?' : '.'}`, rare };
    },
    words: (count) => slots(count).join(' '),
  };
}

// ---- the data set -------------------------------------------------------------------------------

export interface CorpusKit {
  random: () => number;
  /** A fresh row id. */
  id: () => string;
  now: number;
  /** The group ids, one per GROUPS entry. */
  groupIds: readonly string[];
  measuredAgent: { id: string; name: string };
}

/** A group index drawn by the groups' weights. */
function groupPicker(random: () => number): () => number {
  const cdf = new Float64Array(GROUPS.length);
  let sum = 0;
  GROUPS.forEach(([, w], g) => (cdf[g] = sum += w));
  return () => drawFrom(cdf, random);
}

/** Messages per chat, summing to exactly MESSAGE_COUNT. */
function messageCounts(random: () => number): Uint32Array {
  const counts = new Uint32Array(CHAT_COUNT);
  let total = 0;
  for (let i = 0; i < CHAT_COUNT; i++) total += counts[i] = 1 + Math.floor(-Math.log(1 - random()) * MESSAGES_PER_CHAT_MEAN);
  while (total !== MESSAGE_COUNT) {
    const i = Math.floor(random() * CHAT_COUNT);
    if (total < MESSAGE_COUNT) {
      counts[i]!++;
      total++;
    } else if (counts[i]! > 1) {
      counts[i]!--;
      total--;
    }
  }
  return counts;
}

/** Builds the whole data set in memory (deterministic from the kit's generator). */
export function buildCorpus(kit: CorpusKit): SearchCorpus {
  const { random, id, now } = kit;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const writer = textWriter(random);
  const pickGroup = groupPicker(random);

  const agents: CorpusAgent[] = [{ ...kit.measuredAgent, groups: MEASURED_GROUPS }];
  for (let i = 1; i < AGENT_COUNT; i++) {
    const groups = new Set([i % GROUPS.length]);
    if (random() < 0.5) groups.add(Math.floor(random() * GROUPS.length));
    agents.push({ id: `search-agent-${String(i).padStart(2, '0')}`, name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, groups: [...groups] });
  }
  const members = GROUPS.map((_, g) => agents.filter((a) => a.groups.includes(g)));
  const measured = new Set(MEASURED_GROUPS);

  const shown: { at: number; row: Sql[] }[] = [];
  const staff: { at: number; row: Sql[] }[] = [];
  const chats: { at: number; row: Sql[] }[] = [];
  const surveys: { at: number; row: Sql[] }[] = [];
  const attachments: { at: number; row: Sql[] }[] = [];
  const comments: { at: number; row: Sql[] }[] = [];
  /** Of each rare word, how many of the measured agent's documents hold it. */
  const rareSeen = new Uint32Array(writer.rareWords.length);
  const counts = { messages: 0, files: 0, comments: 0, rated: 0, surveyComments: 0, ticketEntries: 0 };
  const ratingCdf = new Float64Array(RATING_WEIGHTS.length);
  RATING_WEIGHTS.reduce((sum, w, i) => (ratingCdf[i] = sum + w), 0);

  /** A chat's or ticket's group, agent, customer, id and start (the random draws in one fixed order). */
  const newItem = () => {
    const g = pickGroup();
    return {
      g,
      groupId: kit.groupIds[g]!,
      agent: pick(members[g]!),
      person: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      itemId: id(),
      at: now - DAY / 4 - random() * (HISTORY_DAYS * DAY - DAY / 4),
    };
  };

  const perChat = messageCounts(random);
  for (let i = 0; i < CHAT_COUNT; i++) {
    const { g, groupId, agent, person: visitor, itemId: chatId, at: startedAt } = newItem();
    const takenAt = startedAt + exp(TAKE_DELAY_MEAN_MS);
    const hasFile = random() < FILE_SHARE;
    let at = takenAt;
    let seq = 2;
    let lastAgentAt = takenAt;
    for (let m = 0; m < perChat[i]!; m++) {
      at += 1000 + exp(MESSAGE_GAP_MEAN_MS);
      const fromAgent = m > 0 && random() < 0.5;
      if (fromAgent) lastAgentAt = at;
      const { text, rare } = writer.message();
      if (rare >= 0 && measured.has(g)) rareSeen[rare]!++;
      shown.push({ at, row: ['chat', chatId, `m:${++seq}`, groupId, at, fromAgent ? agent.name : visitor, text] });
      counts.messages++;
      if (hasFile && (m === 0 || random() < 0.1)) {
        const [ext, type] = pick(FILE_TYPES);
        const filename = `${pick(FILE_STEMS)}-${Math.floor(random() * 10_000)}.${ext}`;
        at += 1000;
        shown.push({ at, row: ['chat', chatId, `m:${++seq}`, groupId, at, visitor, filename] });
        attachments.push({ at, row: [id(), chatId, `files/${chatId}/${filename}`, filename, type, 20_000 + Math.floor(random() * 2_000_000), 'visitor', at] });
        counts.files++;
      }
    }
    const endedAt = at + 30_000;
    chats.push({
      at: startedAt,
      row: [chatId, 'ended', groupId, GROUPS[g]![0], visitor, `${visitor.split(' ')[0]!.toLowerCase()}${i}@example.test`, agent.id, agent.name, startedAt,
        takenAt, endedAt, lastAgentAt, perChat[i]!, lastAgentAt, 'closed', perChat[i]! + 3],
    });
    if (random() < COMMENT_SHARE) {
      const commentId = id();
      const text = writer.message().text;
      const commentAt = endedAt + exp(DAY / 8);
      comments.push({ at: commentAt, row: [commentId, chatId, random() < 0.8 ? 'general' : 'resolution', agent.id, agent.name, text, commentAt] });
      staff.push({ at: commentAt, row: ['chat', chatId, `c:${commentId}`, groupId, commentAt, agent.name, text] });
      counts.comments++;
    }
    if (random() < RATED_SHARE) {
      const rating = drawFrom(ratingCdf, random) + 1;
      const comment = random() < SURVEY_COMMENT_SHARE ? writer.message().text : '';
      surveys.push({ at: endedAt, row: [chatId, rating, comment, endedAt] });
      counts.rated++;
      if (comment !== '') {
        staff.push({ at: endedAt, row: ['chat', chatId, 'survey', groupId, endedAt, visitor, comment] });
        counts.surveyComments++;
      }
    }
  }

  // Tickets: a subject and the conversation they began as (customer-visible), then replies (visible)
  // and notes and resolutions (staff-only).
  const tickets: { at: number; row: Sql[] }[] = [];
  const entries: { at: number; row: Sql[] }[] = [];
  for (let i = 0; i < TICKET_COUNT; i++) {
    const { groupId, agent, person: customer, itemId: ticketId, at: createdAt } = newItem();
    const subject = writer.words(3 + Math.floor(random() * 6));
    let at = createdAt;
    const follow = 1 + Math.floor(random() * MAX_TICKET_FOLLOW_UPS);
    for (let e = 0; e <= follow; e++) {
      const kind = e === 0 ? 'conversation' : e === follow && random() < 0.5 ? 'resolution' : random() < 0.7 ? 'reply' : 'note';
      const entryId = id();
      const author = kind === 'conversation' ? customer : agent.name;
      const text = writer.message().text;
      entries.push({ at, row: [entryId, ticketId, kind, kind === 'conversation' ? 'customer' : agent.id, author, text, kind === 'reply' ? 'customer@example.test' : null, at] });
      (kind === 'conversation' || kind === 'reply' ? shown : staff).push({ at, row: ['ticket', ticketId, `e:${entryId}`, groupId, at, author, text] });
      counts.ticketEntries++;
      at += exp(TICKET_GAP_MEAN_MS);
    }
    shown.push({ at: createdAt, row: ['ticket', ticketId, 'subject', groupId, createdAt, '', subject] });
    tickets.push({
      at: createdAt,
      row: [ticketId, 0, subject, 'closed', 'normal', groupId, agent.id, agent.name, customer, `${customer.split(' ')[0]!.toLowerCase()}.t${i}@example.test`,
        agent.id, createdAt, at, at],
    });
  }

  const inOrder = (rows: { at: number; row: Sql[] }[]) => rows.sort((a, b) => a.at - b.at).map((r) => r.row);
  const ticketRows = inOrder(tickets);
  ticketRows.forEach((row, i) => (row[1] = FIRST_TICKET_NUMBER + i));
  return {
    groupNames: GROUPS.map(([name]) => name),
    agents: agents.slice(1),
    tables: [
      { table: 'chats', columns: CHAT_COLUMNS, rows: inOrder(chats) },
      { table: 'surveys', columns: SURVEY_COLUMNS, rows: inOrder(surveys) },
      { table: 'attachments', columns: ATTACHMENT_COLUMNS, rows: inOrder(attachments) },
      { table: 'chat_comments', columns: COMMENT_COLUMNS, rows: inOrder(comments) },
      { table: 'tickets', columns: TICKET_COLUMNS, rows: ticketRows },
      { table: 'ticket_entries', columns: ENTRY_COLUMNS, rows: inOrder(entries) },
    ],
    shownDocs: inOrder(shown),
    staffDocs: inOrder(staff),
    words: queryWords(writer, rareSeen, random),
    counts,
  };
}

/** The words of each class the bench searches for, QUERY_WORDS_PER_CLASS each, in a shuffled order. */
function queryWords(writer: TextWriter, rareSeen: Uint32Array, random: () => number): QueryWords {
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  const take = <T>(items: T[]): T[] => {
    if (items.length < QUERY_WORDS_PER_CLASS) throw new Error(`only ${items.length} query words where ${QUERY_WORDS_PER_CLASS} are needed`);
    return shuffle(items).slice(0, QUERY_WORDS_PER_CLASS);
  };
  const searchable = writer.vocabulary.filter(isSearchWord);
  const common = searchable.slice(0, QUERY_WORDS_PER_CLASS);
  // Ranks 150–450 of the vocabulary: each in some 0.3–1% of the messages.
  const medium = writer.vocabulary.slice(150, 450).filter(isSearchWord);
  const rare = writer.rareWords.filter((_, i) => rareSeen[i]! > 0);
  const prefixes = [...new Set([...common, ...medium].filter((w) => w.length >= 6).map((w, i) => w.slice(0, 3 + (i % 3))))];
  return {
    rare: take(rare),
    common: take([...common]),
    medium: take(medium),
    phrases: take(COLLOCATIONS.filter((c) => c.split(' ').some(isSearchWord))),
    prefixes: take(prefixes),
  };
}
