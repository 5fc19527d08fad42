// The console's live-queue socket: authenticated here, then forwarded to the Lobby object with
// the agent's groups, so it only ever pushes changes of chats the agent may see.
import { Hono } from 'hono';
import { lobbyStub, SUBSCRIBER_HEADER, type LobbySubscriber } from '../../objects/lobby/lobby.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { groupsOf } from '../people/queries.ts';
import { ApiError } from '../http/errors.ts';

export const lobbyRoutes = new Hono<AppEnv>().get('/ws', requireAgent(), async (c) => {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'upgrade_required', 'Expected a WebSocket upgrade.');
  }
  const agent = c.get('agent');
  const groupIds = (await groupsOf(c.env.DB, agent.id)).map((g) => g.id);
  const session = c.get('session');
  const subscriber: Omit<LobbySubscriber, 'status'> = {
    agentId: agent.id,
    name: agent.name,
    groupIds,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    rank: agent.role,
  };
  const headers = new Headers(c.req.raw.headers);
  headers.set(SUBSCRIBER_HEADER, JSON.stringify(subscriber));
  return lobbyStub(c.env).fetch(new Request(c.req.raw, { headers }));
});
