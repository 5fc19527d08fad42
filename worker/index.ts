// The Worker's entry: the Hono app for /api, and the Durable Object classes wrangler binds. The
// objects' hosts live in objects/ and never import the Worker; here each gets its D1 access.
import { AgentHubObject } from '../objects/agent/hub.ts';
import { ChatRoomObject } from '../objects/chat/room.ts';
import { LobbyObject } from '../objects/lobby/lobby.ts';
import type { LobbyStore } from '../objects/lobby/store.ts';
import type { ChatStore } from '../objects/chat/store.ts';
import type { RightsStore } from '../objects/agent/store.ts';
import { app } from './app.ts';
import { chatStore } from './chats/store.ts';
import { lobbyStore } from './lobby/store.ts';
import { rightsStore } from './people/rights.ts';
import { applyRetention } from './customers/privacy.ts';
import { deliverWebhooks } from './manual-events/webhooks.ts';
import type { SearchFeed } from '../objects/chat/indexer.ts';
import { searchFeed } from './search/feed.ts';
import { searchWriter } from './search/writer.ts';
import { drainOldSearchQueue, OLD_SEARCH_QUEUE } from './search/drain.ts';

/** The queue's name (wrangler.toml). */
const WEBHOOKS_QUEUE = 'switchboard-webhooks';
export { SearchWriter } from './search/writer.ts';


export class ChatRoom extends ChatRoomObject {
  protected override readonly store: ChatStore = chatStore(this.env.DB);
  protected override readonly searchFeed: SearchFeed = searchFeed((chatId) => searchWriter(this.env, chatId));
}

export class AgentHub extends AgentHubObject {
  protected override readonly store: RightsStore = rightsStore(this.env.DB);
}

export class Lobby extends LobbyObject {
  protected override readonly store: LobbyStore = lobbyStore(this.env.DB);
}

export default {
  fetch: app.fetch,
  /**
   * The queues (wrangler.toml): WEBHOOKS, manual events' webhooks, POSTed and retried with
   * backoff; the old SEARCH queue, drained for one release (search/drain.ts).
   */
  async queue(batch, env) {
    if (batch.queue === WEBHOOKS_QUEUE) await deliverWebhooks(batch, env);
    else if (batch.queue === OLD_SEARCH_QUEUE) await drainOldSearchQueue(batch, env);
    else throw new Error(`a batch from an unknown queue: ${batch.queue}`);
  },
  /** The daily Cron Trigger (wrangler.toml): completed chats older than the retention setting go. */
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      applyRetention(env, controller.scheduledTime).then(({ days, deleted }) =>
        console.log(days === null ? 'retention: no retention set; nothing deleted' : `retention: ${deleted} chat(s) older than ${days} days deleted`),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
