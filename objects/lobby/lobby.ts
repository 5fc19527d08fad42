// The live queue: one object per deployment that holds the agent consoles' sockets, pushes every
// change of a chat's list row to the consoles of agents in that chat's group, and knows who is
// online. Chats call `publish` on state changes and, coalesced, on counter changes; never per
// message. One object per deployment measured simpler than one per group: a console needs one
// socket, and presence is per agent, not per group.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../worker/env.ts';
import type { ChatListRow, LobbyFrame, Presence } from '../protocol.ts';
import { LobbyClientFrameSchema } from '../protocol.ts';
import { answerClose, jsonError, sendAll } from '../sockets.ts';

export const LOBBY_NAME = 'lobby';

/** The Worker names the authenticated agent and their groups in this header. */
export const SUBSCRIBER_HEADER = 'x-switchboard-subscriber';

/** What each console socket carries across hibernation (attachments hold up to 16 KiB). */
export interface LobbySubscriber {
  agentId: string;
  name: string;
  groupIds: string[];
  /** Chosen by the agent; shown as offline once their last console closes. */
  status: 'online' | 'away';
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
    const given = parseSubscriber(request.headers.get(SUBSCRIBER_HEADER));
    if (!given) return jsonError(400, 'bad_identity', 'The subscriber is not named.');
    // A second console of an agent who is away opens away too.
    const subscriber: LobbySubscriber = { ...given, status: this.#sockets(given.agentId)[0]?.sub.status ?? 'online' };
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [`agent:${subscriber.agentId}`]);
    server.serializeAttachment(subscriber);
    send(server, { type: 'welcome', groupIds: subscriber.groupIds, presence: subscriber.status });
    this.#announce(subscriber.agentId);
    return new Response(null, { status: 101, webSocket: client });
  }

  publish(chat: ChatListRow): void {
    const frame = JSON.stringify({ type: 'chat', chat } satisfies LobbyFrame);
    sendAll(this.#subscribers((s) => s.groupIds.includes(chat.groupId)), frame);
  }

  /** Presence of each agent asked about. */
  presenceOf(agentIds: string[]): Record<string, Presence> {
    return Object.fromEntries(agentIds.map((id) => [id, this.#presence(id)]));
  }

  /** How many agents of the group are online (not away) right now. */
  onlineIn(groupId: string): number {
    const online = new Set<string>();
    for (const { sub } of this.#all()) if (sub.groupIds.includes(groupId) && sub.status === 'online') online.add(sub.agentId);
    return online.size;
  }

  /** An administrator changed the agent's groups: their consoles follow at once. */
  setMemberships(agentId: string, groupIds: string[]): void {
    for (const { ws, sub } of this.#sockets(agentId)) {
      ws.serializeAttachment({ ...sub, groupIds } satisfies LobbySubscriber);
      send(ws, { type: 'memberships', groupIds });
    }
  }

  /** The agent was signed out everywhere or disabled: close their consoles. */
  disconnect(agentId: string): void {
    for (const { ws } of this.#sockets(agentId)) answerClose(ws, 4001, 'signed out');
    this.#announce(agentId);
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const sub = ws.deserializeAttachment() as LobbySubscriber;
    const parsed = typeof raw === 'string' ? safeJson(raw) : undefined;
    const frame = LobbyClientFrameSchema.safeParse(parsed);
    if (!frame.success) return send(ws, { type: 'error', code: 'invalid_frame', message: 'Expected presence or ping.' });
    switch (frame.data.type) {
      case 'ping':
        return send(ws, { type: 'pong' });
      case 'presence': {
        const status = frame.data.status;
        for (const s of this.#sockets(sub.agentId)) s.ws.serializeAttachment({ ...s.sub, status } satisfies LobbySubscriber);
        return this.#announce(sub.agentId);
      }
      default: {
        const unhandled: never = frame.data;
        return unhandled;
      }
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    const sub = ws.deserializeAttachment() as LobbySubscriber | null;
    answerClose(ws, code, reason);
    if (sub) this.#announce(sub.agentId);
  }

  // ---- presence ------------------------------------------------------------------------------

  #all(): { ws: WebSocket; sub: LobbySubscriber }[] {
    return this.ctx
      .getWebSockets()
      .filter((ws) => ws.readyState === WebSocket.OPEN)
      .flatMap((ws) => {
        const sub = ws.deserializeAttachment() as LobbySubscriber | null;
        return sub ? [{ ws, sub }] : [];
      });
  }

  #sockets(agentId: string): { ws: WebSocket; sub: LobbySubscriber }[] {
    return this.#all().filter((s) => s.sub.agentId === agentId);
  }

  #subscribers(match: (sub: LobbySubscriber) => boolean): WebSocket[] {
    return this.#all()
      .filter((s) => match(s.sub))
      .map((s) => s.ws);
  }

  #presence(agentId: string): Presence {
    const mine = this.#sockets(agentId);
    if (mine.length === 0) return 'offline';
    return mine.some((s) => s.sub.status === 'online') ? 'online' : 'away';
  }

  /** Tells every colleague who shares a group with the agent about the agent's presence. */
  #announce(agentId: string): void {
    const everyone = this.#all();
    const theirs = everyone.find((s) => s.sub.agentId === agentId)?.sub;
    const groups = new Set(theirs?.groupIds ?? everyone.flatMap((s) => s.sub.groupIds));
    const name = theirs?.name ?? '';
    const frame = JSON.stringify({ type: 'presence', agentId, name, status: this.#presence(agentId) } satisfies LobbyFrame);
    sendAll(this.#subscribers((s) => s.groupIds.some((g) => groups.has(g))), frame);
  }
}

function send(ws: WebSocket, frame: LobbyFrame): void {
  ws.send(JSON.stringify(frame));
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function parseSubscriber(raw: string | null): Omit<LobbySubscriber, 'status'> | null {
  const data = raw ? safeJson(raw) : null;
  if (typeof data !== 'object' || data === null) return null;
  const { agentId, name, groupIds } = data as Record<string, unknown>;
  if (typeof agentId !== 'string' || typeof name !== 'string') return null;
  if (!Array.isArray(groupIds) || !groupIds.every((g): g is string => typeof g === 'string')) return null;
  return { agentId, name, groupIds };
}
