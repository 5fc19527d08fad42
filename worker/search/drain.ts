// What was left on the SEARCH queue when the search writer (writer.ts) replaced it: the chats had
// remembered those batches as sent, so the queue's consumer stays one release to write them, through
// the writer's D1 batch. Remove it, the consumer in wrangler.toml and the queue once the queue is
// empty (README, "Deploying").
import { SEARCH_FEED_RETRY_MS, type SearchDoc } from '../../objects/chat/indexer.ts';
import { MISSING_CHAT_ATTEMPTS } from './feed.ts';
import { isDoc, writeChatDocs } from './writer.ts';

/** The queue the chats sent to before the writer. */
export const OLD_SEARCH_QUEUE = 'switchboard-search';
/** A batch whose chat has no row yet is tried MISSING_CHAT_ATTEMPTS times this far apart, as the chats' own feeds do; then dropped. */
const MISSING_CHAT_RETRY_SECONDS = SEARCH_FEED_RETRY_MS / 1000;

interface OldFeedMessage {
  chatId: string;
  docs: SearchDoc[];
}

function isOldFeedMessage(body: unknown): body is OldFeedMessage {
  if (typeof body !== 'object' || body === null) return false;
  const m = body as Record<string, unknown>;
  return typeof m['chatId'] === 'string' && Array.isArray(m['docs']) && m['docs'].every(isDoc);
}

/** Writes one delivery of the old queue in one D1 batch; a failed write throws, and the queue delivers it again. */
export async function drainOldSearchQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const messages = batch.messages.filter((m) => {
    if (isOldFeedMessage(m.body)) return true;
    console.error('search queue (draining): a message that is not a chat batch was dropped');
    m.ack();
    return false;
  }) as Message<OldFeedMessage>[];
  if (messages.length === 0) return;
  const present = await writeChatDocs(env.DB, messages.map((m) => ({ chatId: m.body.chatId, chunks: [m.body.docs] })));
  for (const m of messages) {
    if (present.has(m.body.chatId)) continue;
    if (m.attempts < MISSING_CHAT_ATTEMPTS) m.retry({ delaySeconds: MISSING_CHAT_RETRY_SECONDS });
    else m.ack();
  }
}
