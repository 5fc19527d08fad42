// The bindings and secrets the Worker and its objects receive (wrangler.toml, .dev.vars).
import type { AgentHub } from '../objects/agent/hub.ts';
import type { ChatRoom } from '../objects/chat/room.ts';
import type { Lobby } from '../objects/lobby/lobby.ts';

export interface Env {
  DB: D1Database;
  CHAT_ROOM: DurableObjectNamespace<ChatRoom>;
  LOBBY: DurableObjectNamespace<Lobby>;
  /** One per agent: keeps the agent's open sockets in line with their current rights. */
  AGENT_HUB: DurableObjectNamespace<AgentHub>;
  ASSETS: Fetcher;
  /** Signs visitor tokens. A secret: `.dev.vars` locally, `wrangler secret put` deployed. */
  TOKEN_SECRET: string;
  VISITOR_TOKEN_TTL: string;
  /** Files sent in chats. */
  FILES: R2Bucket;
  /** Transcripts by email (Email Service's send_email binding). */
  EMAIL: SendEmail;
  SENDER_EMAIL: string;
  /** Sign-in attempts per client address (wrangler.toml [[ratelimits]]). */
  SIGN_IN_LIMITER: RateLimit;
  /** What a visitor creates per client address (chats, messages left, deflections), per kind. */
  VISITOR_LIMITER: RateLimit;
  /** Per-socket send limits (objects/chat/rate.ts); absent: 20 at once, then 5 a second. */
  SOCKET_SEND_BURST?: string;
  SOCKET_SEND_PER_SECOND?: string;
  /** Workers AI, for translation. Absent locally and wherever it is not configured. */
  AI?: Ai;
}
