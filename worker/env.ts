// The bindings and secrets the Worker and its objects receive (wrangler.toml, .dev.vars).
import type { ChatRoom } from '../objects/chat/room.ts';
import type { Lobby } from '../objects/lobby/lobby.ts';

export interface Env {
  DB: D1Database;
  CHAT_ROOM: DurableObjectNamespace<ChatRoom>;
  LOBBY: DurableObjectNamespace<Lobby>;
  ASSETS: Fetcher;
  /** Signs visitor tokens. A secret: `.dev.vars` locally, `wrangler secret put` deployed. */
  TOKEN_SECRET: string;
  VISITOR_TOKEN_TTL: string;
  /** Files sent in chats. */
  FILES: R2Bucket;
  /** Transcripts by email (Email Service's send_email binding). */
  EMAIL: SendEmail;
  SENDER_EMAIL: string;
  /** Workers AI, for translation. Absent locally and wherever it is not configured. */
  AI?: Ai;
}
