// The SEARCH queue's consumer (worker/index.ts hands it every batch): many chats' documents
// (feed.ts) written to the search index in one D1 batch. Each document goes to the customer-visible
// or the staff-only table as the chat said (coaching is staff's), in the group the chat's row names
// now, and only while that row exists: a chat deleted while its batch waited is not brought back.
// A chat with no row yet (its first write failed) is tried again a little later, a few times.
// Documents already indexed are ignored (the queue delivers at least once).
import type { SearchDoc } from '../../objects/chat/indexer.ts';
import { idSlices } from '../db/limits.ts';
import type { SearchFeedMessage } from './feed.ts';

/** How long a batch whose chat has no row waits before it is tried again. */
export const MISSING_CHAT_RETRY_SECONDS = 2;
/** How many times such a batch is tried before it is dropped (the chat was deleted). */
export const MISSING_CHAT_ATTEMPTS = 3;
/** Statements per D1 batch: many chats' documents in one round trip, each batch well inside D1's limits. */
const STATEMENTS_PER_BATCH = 500;

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

/** One document into its table, in the chat's group, if the chat still has a row. */
function insertDoc(db: D1Database, chatId: string, doc: SearchDoc): D1PreparedStatement {
  const table = doc.staff ? 'search_staff_docs' : 'search_docs';
  return db
    .prepare(
      `INSERT OR IGNORE INTO ${table} (kind, ref, part, group_id, at, author, body)
       SELECT 'chat', id, ?, group_id, ?, ?, ? FROM chats WHERE id = ?`,
    )
    .bind(doc.part, doc.at, doc.author, doc.body, chatId);
}

export async function indexChatDocs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const messages = batch.messages.filter((m) => {
    if (isFeedMessage(m.body)) return true;
    console.error('search feed: a message that is not a chat batch was dropped');
    m.ack();
    return false;
  }) as Message<SearchFeedMessage>[];
  const chatIds = [...new Set(messages.map((m) => m.body.chatId))];
  const existing = new Set<string>();
  for (const slice of idSlices(chatIds)) {
    const rows = await env.DB.prepare(`SELECT id FROM chats WHERE id IN (${slice.map(() => '?').join(', ')})`)
      .bind(...slice)
      .all<{ id: string }>();
    for (const row of rows.results) existing.add(row.id);
  }
  const statements: D1PreparedStatement[] = [];
  for (const m of messages) {
    if (!existing.has(m.body.chatId)) {
      if (m.attempts < MISSING_CHAT_ATTEMPTS) m.retry({ delaySeconds: MISSING_CHAT_RETRY_SECONDS });
      else m.ack();
      continue;
    }
    statements.push(...m.body.docs.map((doc) => insertDoc(env.DB, m.body.chatId, doc)));
  }
  // A failed write throws: the whole batch is delivered again (the inserts are idempotent).
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) await env.DB.batch(statements.slice(i, i + STATEMENTS_PER_BATCH));
}
