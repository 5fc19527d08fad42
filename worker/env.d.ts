// The bindings wrangler.toml cannot declare (secrets, an optional AI binding, optional variables),
// merged into the generated `Env` (worker/env.generated.d.ts, written by `npm run types` from
// wrangler.toml; `npm run check` fails when it is out of date). Together they are the one
// definition of what the Worker and its objects receive; neither imports a module, so no layer
// imports another through its environment.
declare namespace Cloudflare {
  interface Env {
    /** Signs visitor tokens. A secret: `.dev.vars` locally, `wrangler secret put` deployed. */
    TOKEN_SECRET: string;
    /**
     * Checks the signed identities websites pass the widget (worker/auth/signed-identity.ts). A
     * secret shared with the website: `.dev.vars` locally, `wrangler secret put IDENTITY_SECRET`
     * deployed. Absent: identity verification is off and signed identities are refused.
     */
    IDENTITY_SECRET?: string;
    /**
     * Signs manual events' webhooks (HMAC-SHA256, objects/rules/manual-events.ts). A secret the
     * receivers share: `.dev.vars` locally, `wrangler secret put WEBHOOK_SECRET` deployed. Absent:
     * a webhook action fails, saying so, and nothing is sent unsigned.
     */
    WEBHOOK_SECRET?: string;
    /** Workers AI, for translation. Absent locally and wherever it is not configured. */
    AI?: Ai;
    /** Per-socket send limits (objects/chat/rate.ts); absent: 20 at once, then 5 a second. */
    SOCKET_SEND_BURST?: string;
    SOCKET_SEND_PER_SECOND?: string;
    /** Shards of each group's lobby (objects/lobby/pieces.ts); absent: 1. */
    LOBBY_SHARDS_PER_GROUP?: string;
    /** Search writers the chats are spread over (worker/search/writer.ts); absent: 1. */
    SEARCH_WRITERS?: string;
  }
}
