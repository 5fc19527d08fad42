// The console's live-queue sockets, one per group: each is authenticated here, checked against the
// agent's groups, and forwarded to that group's lobby piece (the agent's shard of it), so a socket
// only ever hears of its own group's chats and agents.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { lobbyPiece, lobbyShards, SUBSCRIBER_HEADER, type LobbySubscriber } from '../../objects/lobby/lobby.ts';
import { shardOf } from '../../objects/lobby/pieces.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { groupsOf } from '../people/queries.ts';
import { ApiError } from '../http/errors.ts';
import { readQuery } from '../http/body.ts';

const LobbyQuery = z.object({ group: z.string().check(z.minLength(1), z.maxLength(100)) });

export const lobbyRoutes = new Hono<AppEnv>().get('/ws', requireAgent(), async (c) => {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'upgrade_required', 'Expected a WebSocket upgrade.');
  }
  const { group } = readQuery(c, LobbyQuery, { hint: 'group names one of your groups (a console opens one socket per group).' });
  const agent = c.get('agent');
  const groupIds = (await groupsOf(c.env.DB, agent.id)).map((g) => g.id);
  if (!groupIds.includes(group)) throw new ApiError(404, 'not_found', 'No such group among yours.');
  const session = c.get('session');
  const subscriber: Omit<LobbySubscriber, 'status'> = {
    agentId: agent.id,
    name: agent.name,
    piece: { groupId: group, shard: shardOf(agent.id, lobbyShards(c.env)) },
    groupIds,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    rank: agent.role,
  };
  const headers = new Headers(c.req.raw.headers);
  headers.set(SUBSCRIBER_HEADER, JSON.stringify(subscriber));
  return lobbyPiece(c.env, subscriber.piece).fetch(new Request(c.req.raw, { headers }));
});
