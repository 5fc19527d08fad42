// The live queue: one object per deployment that holds the agent consoles' sockets and pushes
// every change of a chat's list row to the consoles of agents in that chat's group. Chats call
// `publish` on state changes and, coalesced, on counter changes; never per message.
// One object per deployment measured simpler than one per group: a console needs one socket.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../worker/env.ts';
import type { ChatListRow, LobbyFrame } from '../protocol.ts';
import { answerClose, jsonError, sendAll } from '../sockets.ts';

export const LOBBY_NAME = 'lobby';

/** The Worker names the authenticated agent and their groups in this header. */
export const SUBSCRIBER_HEADER = 'x-switchboard-subscriber';

/** What each console socket carries across hibernation (attachments hold up to 16 KiB). */
export interface LobbySubscriber {
  agentId: string;
  groupIds: string[];
}

const PING = JSON.stringify({ type: 'ping' });
const PONG = JSON.stringify({ type: 'pong' } satisfies LobbyFrame);

export function lobbyStub(env: Env): DurableObjectStub<Lobby> {
  return env.LOBBY.get(env.LOBBY.idFromName(LOBBY_NAME));
}

export class Lobby extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Accepts a console socket for an agent the Worker has already authenticated. */
  override async fetch(request: Request): Promise<Response> {
    const subscriber = parseSubscriber(request.headers.get(SUBSCRIBER_HEADER));
    if (!subscriber) return jsonError(400, 'bad_identity', 'The subscriber is not named.');
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [`agent:${subscriber.agentId}`]);
    server.serializeAttachment(subscriber);
    server.send(JSON.stringify({ type: 'welcome', groupIds: subscriber.groupIds } satisfies LobbyFrame));
    return new Response(null, { status: 101, webSocket: client });
  }

  publish(chat: ChatListRow): void {
    const frame = JSON.stringify({ type: 'chat', chat } satisfies LobbyFrame);
    const members = this.ctx.getWebSockets().filter((ws) => {
      const sub = ws.deserializeAttachment() as LobbySubscriber | null;
      return sub !== null && sub.groupIds.includes(chat.groupId);
    });
    sendAll(members, frame);
  }

  override async webSocketMessage(): Promise<void> {
    // Consoles only listen; pings are answered by the auto-response.
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    answerClose(ws, code, reason);
  }
}

function parseSubscriber(raw: string | null): LobbySubscriber | null {
  if (!raw) return null;
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { agentId, groupIds } = data as Record<string, unknown>;
    if (typeof agentId !== 'string' || !Array.isArray(groupIds) || !groupIds.every((g) => typeof g === 'string')) return null;
    return { agentId, groupIds };
  } catch {
    return null;
  }
}
