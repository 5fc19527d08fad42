// The SEARCH queue's consumer (worker/index.ts hands it every batch): many chats' documents
// (feed.ts) written to the search index in one D1 batch, which also says which chats have a row.
// Each document goes to the customer-visible or the staff-only table as the chat said (coaching is
// staff's), in the group the chat's row names now, and only while that row exists: a chat deleted
// while its batch waited is not brought back.
// A chat with no row yet (its first write failed) is tried again a little later, a few times.
// Documents already indexed are ignored (the queue delivers at least once).
import type { SearchDoc } from '../../objects/chat/indexer.ts';
import { idSlices } from '../db/limits.ts';
import type { SearchFeedMessage } from './feed.ts';

/** How long a batch whose chat has no row waits before it is tried again. */
export const MISSING_CHAT_RETRY_SECONDS = 5;
/**
 * How many times such a batch is tried (about 25 s) before it is dropped: by then the chat was
 * deleted (its row went first), which is the one case where its text must not be indexed.
 */
export const MISSING_CHAT_ATTEMPTS = 5;

function isDoc(d: unknown): d is SearchDoc {
  if (typeof d !== 'object' || d === null) return false;
  const doc = d as Record<string, unknown>;
  return typeof doc['part'] === 'string' && typeof doc['staff'] === 'boolean' && typeof doc['at'] === 'number' && typeof doc['author'] === 'string' && typeof doc['body'] === 'string';
}

function isFeedMessage(body: unknown): body is SearchFeedMessage {
  if (typeof body !== 'object' || body === null) return false;
  const m = body as Record<string, unknown>;
  return typeof m['chatId'] === 'string' && Array.isArray(m['docs']) && m['docs'].every(isDoc);
}

/**
 * A chat's documents of one index, in one statement: the batch's JSON is read by json_each, so a
 * queue message costs one statement per index, however many messages it carries.
 */
function insertDocs(db: D1Database, chatId: string, docs: readonly SearchDoc[], staff: boolean): D1PreparedStatement | null {
  const mine = docs.filter((d) => d.staff === staff);
  if (mine.length === 0) return null;
  const table = staff ? 'search_staff_docs' : 'search_docs';
  return db
    .prepare(
      `INSERT OR IGNORE INTO ${table} (kind, ref, part, group_id, at, author, body)
       SELECT 'chat', c.id, d.value ->> 'part', c.group_id, d.value ->> 'at', d.value ->> 'author', d.value ->> 'body'
         FROM chats c, json_each(?1) d WHERE c.id = ?2`,
    )
    .bind(JSON.stringify(mine), chatId);
}

export async function indexChatDocs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const messages = batch.messages.filter((m) => {
    if (isFeedMessage(m.body)) return true;
    console.error('search feed: a message that is not a chat batch was dropped');
    m.ack();
    return false;
  }) as Message<SearchFeedMessage>[];
  if (messages.length === 0) return;
  // One D1 batch (one round trip, one transaction) for every chat in the queue's batch: which of
  // the chats have a row, then at most two inserts a chat. An insert reads its chat's row itself,
  // so a chat without one gets nothing written, and the look-up in the same transaction says which
  // those were. A failed write throws: the queue delivers the batch again after its retry_delay
  // (the inserts are idempotent), up to max_retries (wrangler.toml).
  const lookups = idSlices([...new Set(messages.map((m) => m.body.chatId))]).map((slice) =>
    env.DB.prepare(`SELECT id FROM chats WHERE id IN (${slice.map(() => '?').join(', ')})`).bind(...slice),
  );
  const inserts = messages.flatMap((m) => [false, true].flatMap((staff) => insertDocs(env.DB, m.body.chatId, m.body.docs, staff) ?? []));
  const results = await env.DB.batch<{ id: string }>([...lookups, ...inserts]);
  const existing = new Set(results.slice(0, lookups.length).flatMap((r) => r.results.map((row) => row.id)));
  for (const m of messages) {
    if (existing.has(m.body.chatId)) continue;
    if (m.attempts < MISSING_CHAT_ATTEMPTS) m.retry({ delaySeconds: MISSING_CHAT_RETRY_SECONDS });
    else m.ack();
  }
}
