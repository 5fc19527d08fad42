// The live queue: one object per deployment that holds the agent consoles' sockets, pushes every
// change of a chat's list row to the consoles of agents in that chat's group, and knows who is
// online. Chats call `publish` on state changes and, coalesced, on counter changes; never per
// message. One object per deployment measured simpler than one per group: a console needs one
// socket, and presence is per agent, not per group.
import { DurableObject } from 'cloudflare:workers';
import { agentHub } from '../agent/hub.ts';
import { CLOSE_SIGNED_OUT, type StaffRights } from '../identity.ts';
import type { ChatListRow, LobbyFrame, Presence, StaffRank } from '../protocol.ts';
import { LobbyClientFrameSchema, STAFF_RANKS } from '../protocol.ts';
import { answerClose, jsonError, sendAll } from '../sockets.ts';
import { changedPositions, queuePositions, type Waiting } from './queue.ts';

export const LOBBY_NAME = 'lobby';

/** The Worker names the authenticated agent and their groups in this header. */
export const SUBSCRIBER_HEADER = 'x-switchboard-subscriber';

/** What each console socket carries across hibernation (attachments hold up to 16 KiB). */
export interface LobbySubscriber {
  agentId: string;
  name: string;
  groupIds: string[];
  /** The session the console was opened with, and when it expires (see objects/identity.ts). */
  sessionId: string;
  sessionExpiresAt: number;
  /** The agent's rank as last pushed (absent on consoles opened before it was kept). */
  rank?: StaffRank;
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
    // The waiting chats and the position each was last told, kept in the object's own SQLite.
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS waiting (
      chat_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, started_at INTEGER NOT NULL, told INTEGER)`);
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
    void agentHub(this.env, subscriber.agentId)
      .register(subscriber.agentId, 'lobby')
      .catch((err: unknown) => console.error('console not registered with the agent hub', err));
    return new Response(null, { status: 101, webSocket: client });
  }

  publish(chat: ChatListRow): void {
    const frame = JSON.stringify({ type: 'chat', chat } satisfies LobbyFrame);
    sendAll(this.#subscribers((s) => s.groupIds.includes(chat.groupId)), frame);
    this.#updateQueue(chat.id, chat.status === 'queued' ? { chatId: chat.id, groupId: chat.groupId, startedAt: chat.startedAt } : null);
  }

  removed(chatId: string, groupId: string): void {
    const frame = JSON.stringify({ type: 'removed', chatId, groupId } satisfies LobbyFrame);
    sendAll(this.#subscribers((s) => s.groupIds.includes(groupId)), frame);
    this.#updateQueue(chatId, null);
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

  /** A group of the agent's was renamed: their consoles fetch their groups again. */
  setMemberships(agentId: string, groupIds: string[]): void {
    for (const { ws, sub } of this.#sockets(agentId)) {
      ws.serializeAttachment({ ...sub, groupIds } satisfies LobbySubscriber);
      send(ws, { type: 'memberships', groupIds });
    }
  }

  /**
   * The agent's rights as they are now (pushed by their hub): consoles whose session ended or
   * whose agent was disabled close; the others follow the agent's groups. Returns whether the
   * agent still has a console here.
   */
  applyRights(rights: StaffRights): boolean {
    const sockets = this.#sockets(rights.agentId);
    const now = Date.now();
    let held = false;
    for (const { ws, sub } of sockets) {
      if (rights.rank === null || !rights.sessionIds.includes(sub.sessionId) || sub.sessionExpiresAt <= now) {
        answerClose(ws, CLOSE_SIGNED_OUT, 'signed out');
        continue;
      }
      held = true;
      const regrouped = sub.groupIds.length !== rights.groupIds.length || sub.groupIds.some((g) => !rights.groupIds.includes(g));
      const reranked = sub.rank !== undefined && sub.rank !== rights.rank;
      if (!regrouped && !reranked) continue;
      ws.serializeAttachment({ ...sub, groupIds: rights.groupIds, rank: rights.rank } satisfies LobbySubscriber);
      // The console fetches who it is and its groups again when it hears this.
      send(ws, { type: 'memberships', groupIds: rights.groupIds });
    }
    if (sockets.length > 0 && !held) this.#announce(rights.agentId, sockets[0]!.sub);
    return held;
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
    if (sub) this.#announce(sub.agentId, sub);
  }

  // ---- the queue -----------------------------------------------------------------------------

  /** Records whether the chat waits, then tells every waiting chat whose place changed. */
  #updateQueue(chatId: string, waiting: Waiting | null): void {
    const sql = this.ctx.storage.sql;
    const present = sql.exec('SELECT 1 FROM waiting WHERE chat_id = ?', chatId).toArray().length > 0;
    if (waiting) {
      sql.exec(
        `INSERT INTO waiting (chat_id, group_id, started_at) VALUES (?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET group_id = excluded.group_id, started_at = excluded.started_at`,
        waiting.chatId,
        waiting.groupId,
        waiting.startedAt,
      );
    } else if (present) {
      sql.exec('DELETE FROM waiting WHERE chat_id = ?', chatId);
    } else {
      return; // Not waiting before or now: no place changed.
    }
    const rows = sql
      .exec<{ chat_id: string; group_id: string; started_at: number; told: number | null }>('SELECT * FROM waiting')
      .toArray();
    const told = new Map(rows.filter((r) => r.told !== null).map((r) => [r.chat_id, r.told!]));
    const now = queuePositions(rows.map((r) => ({ chatId: r.chat_id, groupId: r.group_id, startedAt: r.started_at })));
    for (const [id, position] of changedPositions(now, told)) {
      sql.exec('UPDATE waiting SET told = ? WHERE chat_id = ?', position, id);
      // Not awaited: a chat calling publish() must not wait on calls back into other chats.
      void this.env.CHAT_ROOM.get(this.env.CHAT_ROOM.idFromName(id))
        .setQueuePosition(position)
        .catch((err: unknown) => console.error('queue position not delivered', err));
    }
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

  /**
   * Tells every colleague who shares a group with the agent about the agent's presence. `known`
   * names the agent when their last console has just closed (and so is no longer listed).
   */
  #announce(agentId: string, known?: LobbySubscriber): void {
    const everyone = this.#all();
    const theirs = everyone.find((s) => s.sub.agentId === agentId)?.sub ?? known;
    if (!theirs) return;
    const groups = new Set(theirs.groupIds);
    const name = theirs.name;
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
  const { sessionId, sessionExpiresAt, rank } = data as Record<string, unknown>;
  if (typeof agentId !== 'string' || typeof name !== 'string') return null;
  if (typeof sessionId !== 'string' || typeof sessionExpiresAt !== 'number') return null;
  if (!(STAFF_RANKS as readonly unknown[]).includes(rank)) return null;
  if (!Array.isArray(groupIds) || !groupIds.every((g): g is string => typeof g === 'string')) return null;
  return { agentId, name, groupIds, sessionId, sessionExpiresAt, rank: rank as StaffRank };
}
