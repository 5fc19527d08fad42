// The Worker's entry: the Hono app for /api, and the Durable Object classes wrangler binds.
import { app } from './app.ts';

export { AgentHub } from '../objects/agent/hub.ts';
export { ChatRoom } from '../objects/chat/room.ts';
export { Lobby } from '../objects/lobby/lobby.ts';

export default app satisfies ExportedHandler<import('./env.ts').Env>;
