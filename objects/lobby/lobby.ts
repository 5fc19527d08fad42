// The live queue, in pieces: one object per group (and per shard of a large group, see pieces.ts)
// holds the consoles of that group's agents, pushes every change of the group's chats to them,
// keeps the group's waiting queue and knows who of the group is online. A console opens one socket
// per group; a chat publishes to its group's pieces on state changes and, coalesced, on counter
// changes, never per message. No piece sees more than its group, so no object grows with the
// deployment (docs/scale.md).
import { DurableObject } from 'cloudflare:workers';
import { agentHub } from '../agent/hub.ts';
import { CLOSE_NO_ACCESS, CLOSE_RIGHTS_UNKNOWN, CLOSE_SIGNED_OUT, type StaffRights } from '../identity.ts';
import type { ChatListRow, LobbyFrame, Notice, Presence, StaffRank } from '../protocol.ts';
import { LobbyClientFrameSchema, STAFF_RANKS } from '../protocol.ts';
import { answerClose, jsonError, sendAll } from '../sockets.ts';
import { type PieceKey, pieceName, piecesOf, QUEUE_SHARD, shardOf, shardsPerGroup } from './pieces.ts';
import { changedPositions, queuePositions, type Waiting } from './queue.ts';
import type { LobbyStore } from './store.ts';

/** The Worker names the authenticated agent, their groups and the piece in this header. */
export const SUBSCRIBER_HEADER = 'x-switchboard-subscriber';

/** What each console socket carries across hibernation (attachments hold up to 16 KiB). */
export interface LobbySubscriber {
  agentId: string;
  name: string;
  /** The piece this socket belongs to (its group and shard). */
  piece: PieceKey;
  /** All of the agent's groups, as last known (a change of them is told to the console). */
  groupIds: string[];
  /** The session the console was opened with, and when it expires (see objects/identity.ts). */
  sessionId: string;
  sessionExpiresAt: number;
  /** The agent's rank as last pushed. */
  rank: StaffRank;
  /** Chosen by the agent; shown as offline once their last console closes. */
  status: 'online' | 'away';
  /** The chats the console shows now (its `showing` frame): only these hear of counter changes. */
  showing?: string[];
}

/** Which kind of change a publish carries: every console hears state, only those showing the chat hear counters. */
export type RowChange = 'state' | 'counters';

type PresenceFrame = Extract<LobbyFrame, { type: 'presence' }>;

/** While anyone is online, a piece writes its count again this often (the widget's D1 read trusts it). */
export const PRESENCE_HEARTBEAT_MS = 60_000;
/** A count older than this is not trusted: its piece stopped without saying so. */
export const PRESENCE_STALE_MS = 3 * PRESENCE_HEARTBEAT_MS;

const PING = JSON.stringify({ type: 'ping' });
const PONG = JSON.stringify({ type: 'pong' } satisfies LobbyFrame);

export function lobbyPiece(env: Pick<Env, 'LOBBY'>, key: PieceKey): DurableObjectStub<LobbyObject> {
  return env.LOBBY.get(env.LOBBY.idFromName(pieceName(key)));
}

/** How many shards each group's lobby has in this deployment. */
export function lobbyShards(env: Pick<Env, 'LOBBY_SHARDS_PER_GROUP'>): number {
  return shardsPerGroup(env.LOBBY_SHARDS_PER_GROUP);
}

/**
 * A chat's row changed: every piece of each group named hears of it. A chat transferred away
 * from a group is published to the old group too, so its consoles and queue let it go. Resolves
 * to whether any console of those pieces shows the chat (its counters are then worth publishing).
 */
export async function publishRow(env: Env, groupIds: readonly string[], row: ChatListRow, change: RowChange): Promise<boolean> {
  const shards = lobbyShards(env);
  const shown = await Promise.all([...new Set(groupIds)].flatMap((g) => piecesOf(g, shards).map((key) => lobbyPiece(env, key).publish(key, row, change))));
  return shown.some(Boolean);
}

/** A chat was deleted: its group's consoles drop it. */
export async function publishRemoval(env: Env, groupId: string, chatId: string): Promise<void> {
  await Promise.all(piecesOf(groupId, lobbyShards(env)).map((key) => lobbyPiece(env, key).removed(key, chatId)));
}

/** Presence of each agent asked about, across the groups given (online beats away beats offline). */
export async function presenceAcross(env: Env, groupIds: readonly string[], agentIds: string[]): Promise<Record<string, Presence>> {
  const keys = groupIds.flatMap((g) => piecesOf(g, lobbyShards(env)));
  const answers = await Promise.all(keys.map((key) => lobbyPiece(env, key).presenceOf(agentIds)));
  const rank: Record<Presence, number> = { offline: 0, away: 1, online: 2 };
  const merged: Record<string, Presence> = {};
  for (const id of agentIds) merged[id] = 'offline';
  for (const answer of answers) for (const [id, p] of Object.entries(answer)) if (rank[p] > rank[merged[id]!]) merged[id] = p;
  return merged;
}

/**
 * Tells an agent something in their consoles: through the piece of `groupId` (the chat's group, of
 * which they are a member) that holds their console sockets. A console that is not open misses it.
 */
export async function notifyAgent(env: Env, groupId: string, agentId: string, notice: Notice): Promise<void> {
  await lobbyPiece(env, { groupId, shard: shardOf(agentId, lobbyShards(env)) }).notify(agentId, notice);
}

/** A group of the agent's was renamed: their consoles, one per group, fetch their groups again. */
export async function tellMemberships(env: Env, agentId: string, groupIds: string[]): Promise<void> {
  const shard = shardOf(agentId, lobbyShards(env));
  await Promise.all(groupIds.map((groupId) => lobbyPiece(env, { groupId, shard }).setMemberships(agentId, groupIds)));
}

/** The piece, less its D1 access: worker/index.ts exports the class wrangler binds (`Lobby`). */
export abstract class LobbyObject extends DurableObject<Env> {
  /** Where the piece records its online count (objects/lobby/store.ts). */
  protected abstract readonly store: LobbyStore;
  /** The online count this instance last recorded (null: not yet). */
  #recorded: number | null = null;
  #waitingReady = false;
  /** Chat id → the consoles showing it, built from the attachments once per wake. */
  #showingIndex: Map<string, Set<WebSocket>> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** The group's waiting chats and the position each was last told (only the queue shard keeps them). */
  #waiting(): SqlStorage {
    const sql = this.ctx.storage.sql;
    if (!this.#waitingReady) {
      sql.exec(`CREATE TABLE IF NOT EXISTS waiting (
        chat_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, started_at INTEGER NOT NULL, told INTEGER)`);
      this.#waitingReady = true;
    }
    return sql;
  }

  /** Accepts a console socket for an agent the Worker has authenticated and found in the group. */
  override async fetch(request: Request): Promise<Response> {
    const given = parseSubscriber(request.headers.get(SUBSCRIBER_HEADER));
    if (!given) return jsonError(400, 'bad_identity', 'The subscriber is not named.');
    // A second console of an agent who is away opens away too.
    const subscriber: LobbySubscriber = { ...given, status: this.#sockets(given.agentId)[0]?.sub.status ?? 'online' };
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [`agent:${subscriber.agentId}`]);
    server.serializeAttachment(subscriber);
    send(server, { type: 'welcome', groupId: subscriber.piece.groupId, groupIds: subscriber.groupIds, presence: subscriber.status });
    this.#announce(subscriber.agentId);
    await this.#recordOnline(subscriber.piece);
    void agentHub(this.env, subscriber.agentId)
      .register(subscriber.agentId, pieceName(subscriber.piece), { name: subscriber.name, rank: subscriber.rank, groupIds: subscriber.groupIds, sessionId: subscriber.sessionId })
      .catch((err: unknown) => {
        // Unknown to the hub, the console would never hear a change of rights: it closes, and
        // the console opens it again.
        console.error('console not registered with the agent hub: closed for the console to open again', err);
        return this.#closeConsole(server, CLOSE_RIGHTS_UNKNOWN, 'rights not registered: open again');
      });
    return new Response(null, { status: 101, webSocket: client });
  }

  /** A chat's row changed; answers whether a console here shows the chat (see `watching`). */
  publish(piece: PieceKey, chat: ChatListRow, change: RowChange = 'state'): boolean {
    const frame = JSON.stringify({ type: 'chat', chat } satisfies LobbyFrame);
    const showing = this.#openShowing(chat.id);
    if (change === 'counters') {
      // Only the consoles showing the chat: a counter changes with every message, and a console
      // of a large group must not hear of every message in it.
      sendAll(showing, frame);
      return showing.length > 0;
    }
    sendAll(this.#consoles(), frame);
    const waits = chat.status === 'queued' && chat.groupId === piece.groupId;
    if (piece.shard === QUEUE_SHARD) this.#updateQueue(chat.id, waits ? { chatId: chat.id, groupId: chat.groupId, startedAt: chat.startedAt } : null);
    return showing.length > 0;
  }

  removed(piece: PieceKey, chatId: string): void {
    sendAll(this.#consoles(), JSON.stringify({ type: 'removed', chatId, groupId: piece.groupId } satisfies LobbyFrame));
    if (piece.shard === QUEUE_SHARD) this.#updateQueue(chatId, null);
  }

  /** Presence of each agent asked about, as this piece sees it. */
  presenceOf(agentIds: string[]): Record<string, Presence> {
    return Object.fromEntries(agentIds.map((id) => [id, this.#presence(id)]));
  }

  override async alarm(): Promise<void> {
    // The heartbeat: alarms are delivered at least once, and recording a count is idempotent.
    const piece = this.#all()[0]?.sub.piece;
    if (piece) await this.#recordOnline(piece, true);
  }

  /** A sibling shard's presence announcement, for this shard's consoles. */
  relayPresence(frame: PresenceFrame): void {
    sendAll(this.#consoles(), JSON.stringify(frame));
  }

  /** A notice for one agent: every console of theirs here hears it. */
  notify(agentId: string, notice: Notice): void {
    sendAll(
      this.#sockets(agentId).map((s) => s.ws),
      JSON.stringify({ type: 'notice', notice } satisfies LobbyFrame),
    );
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
   * whose agent was disabled close (4001), so do those of a group the agent left (4003); the
   * others hear of a change of groups or rank. Returns whether the agent still has a console here.
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
      if (!rights.groupIds.includes(sub.piece.groupId)) {
        answerClose(ws, CLOSE_NO_ACCESS, 'no longer in this group');
        continue;
      }
      held = true;
      const regrouped = sub.groupIds.length !== rights.groupIds.length || sub.groupIds.some((g) => !rights.groupIds.includes(g));
      if (!regrouped && sub.rank === rights.rank) continue;
      ws.serializeAttachment({ ...sub, groupIds: rights.groupIds, rank: rights.rank } satisfies LobbySubscriber);
      // The console fetches who it is and its groups again when it hears this.
      send(ws, { type: 'memberships', groupIds: rights.groupIds });
    }
    if (sockets.length > 0 && !held) {
      this.#announce(rights.agentId, sockets[0]!.sub);
      void this.#recordOnline(sockets[0]!.sub.piece);
    }
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
      case 'showing': {
        const before = new Set(sub.showing ?? []);
        const updated: LobbySubscriber = { ...sub, showing: [...new Set(frame.data.chatIds)] };
        // Woken: chats this console did not show before and no other open console here shows (only
        // those may have stopped publishing their counters). Decided before this socket's new list
        // is stored, so an index built now (after a wake, from the attachments) does not count it.
        const unseen = updated.showing!.filter((id) => !before.has(id) && !this.#openShowing(id).some((other) => other !== ws));
        ws.serializeAttachment(updated);
        this.#unindex(ws, sub.showing ?? []);
        this.#index(ws, updated.showing!);
        return this.#watching(sub.piece.groupId, unseen);
      }
      case 'presence': {
        const status = frame.data.status;
        for (const s of this.#sockets(sub.agentId)) s.ws.serializeAttachment({ ...s.sub, status } satisfies LobbySubscriber);
        this.#announce(sub.agentId);
        return this.#recordOnline(sub.piece);
      }
      default: {
        const unhandled: never = frame.data;
        return unhandled;
      }
    }
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    return this.#closeConsole(ws, code, reason);
  }

  /**
   * Closes a console socket (answering the client's close too) and forgets it: the chats it showed,
   * its agent's presence and the piece's online count (nothing more once its attachment cannot be read).
   */
  async #closeConsole(ws: WebSocket, code: number, reason: string): Promise<void> {
    const sub = attachmentOf(ws);
    answerClose(ws, code, reason);
    if (!sub) return;
    this.#unindex(ws, sub.showing ?? []);
    this.#announce(sub.agentId, sub);
    // Their last console here: the hub stops checking this piece for them (hub.ts `released`).
    if (!this.#sockets(sub.agentId).some((other) => other.ws !== ws)) {
      void agentHub(this.env, sub.agentId)
        .released(pieceName(sub.piece))
        .catch((err: unknown) => console.error('agent hub not told of a closed console: it keeps checking the piece until a push finds none there', err));
    }
    await this.#recordOnline(sub.piece);
  }

  // ---- who shows which chat ----------------------------------------------------------------

  #showing(): Map<string, Set<WebSocket>> {
    if (this.#showingIndex === null) {
      this.#showingIndex = new Map();
      for (const { ws, sub } of this.#all()) this.#index(ws, sub.showing ?? []);
    }
    return this.#showingIndex;
  }

  /** The open consoles here that show the chat. */
  #openShowing(chatId: string): WebSocket[] {
    return [...(this.#showing().get(chatId) ?? [])].filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  #chat(chatId: string) {
    return this.env.CHAT_ROOM.get(this.env.CHAT_ROOM.idFromName(chatId));
  }

  #index(ws: WebSocket, chatIds: readonly string[]): void {
    const index = this.#showing();
    for (const id of chatIds) {
      const set = index.get(id) ?? new Set<WebSocket>();
      set.add(ws);
      index.set(id, set);
    }
  }

  #unindex(ws: WebSocket, chatIds: readonly string[]): void {
    if (this.#showingIndex === null) return;
    for (const id of chatIds) {
      const set = this.#showingIndex.get(id);
      set?.delete(ws);
      if (set?.size === 0) this.#showingIndex.delete(id);
    }
  }

  /**
   * Consoles here started showing chats no console here showed: those of them that are the
   * group's open chats (D1 says which: a console names ids, and only real chats of the group are
   * woken) publish their counters again. A chat nobody shows stops publishing them (see
   * objects/chat/projector.ts), so this is how it learns that somebody does.
   */
  async #watching(groupId: string, chatIds: readonly string[]): Promise<void> {
    if (chatIds.length === 0) return;
    let open: string[];
    try {
      open = await this.store.openChatsOf(groupId, chatIds);
    } catch (err) {
      console.error('shown chats not looked up; their counters reach the console with their next state change', err);
      return;
    }
    for (const id of open) {
      // Not awaited: a console's frame must not wait on calls into chats.
      void this.#chat(id)
        .watched()
        .catch((err: unknown) => console.error('a shown chat not told', err));
    }
  }

  // ---- availability, for the widget ----------------------------------------------------------

  /**
   * Records how many agents of this piece are online (not away), when that changed, or always
   * (the heartbeat); keeps the heartbeat going while anyone is online. A failed write is retried
   * by the next change or heartbeat.
   */
  async #recordOnline(piece: PieceKey, heartbeat = false): Promise<void> {
    const online = new Set<string>();
    for (const { sub } of this.#all()) if (sub.status === 'online') online.add(sub.agentId);
    try {
      if (heartbeat || online.size !== this.#recorded) {
        await this.store.recordOnline(piece, online.size, Date.now());
        this.#recorded = online.size;
      }
      if (online.size > 0 && (heartbeat || (await this.ctx.storage.getAlarm()) === null)) {
        await this.ctx.storage.setAlarm(Date.now() + PRESENCE_HEARTBEAT_MS);
      }
    } catch (err) {
      console.error('online count not recorded', err);
    }
  }

  // ---- the queue -----------------------------------------------------------------------------

  /** Records whether the chat waits, then tells every waiting chat whose place changed. */
  #updateQueue(chatId: string, waiting: Waiting | null): void {
    const sql = this.#waiting();
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
      void this.#chat(id)
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

  /** Every open console here: all of them belong to this piece's group. */
  #consoles(): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  #sockets(agentId: string): { ws: WebSocket; sub: LobbySubscriber }[] {
    return this.ctx
      .getWebSockets(`agent:${agentId}`)
      .filter((ws) => ws.readyState === WebSocket.OPEN)
      .map((ws) => ({ ws, sub: ws.deserializeAttachment() as LobbySubscriber }));
  }

  #presence(agentId: string): Presence {
    const mine = this.#sockets(agentId);
    if (mine.length === 0) return 'offline';
    return mine.some((s) => s.sub.status === 'online') ? 'online' : 'away';
  }

  /**
   * Tells the group's consoles, in this shard and its siblings, about the agent's presence.
   * `known` names the agent when their last console has just closed (and so is no longer listed).
   */
  #announce(agentId: string, known?: LobbySubscriber): void {
    const theirs = this.#sockets(agentId)[0]?.sub ?? known;
    if (!theirs) return;
    const frame: PresenceFrame = { type: 'presence', agentId, name: theirs.name, status: this.#presence(agentId) };
    this.relayPresence(frame);
    for (const key of piecesOf(theirs.piece.groupId, lobbyShards(this.env))) {
      if (key.shard === theirs.piece.shard) continue;
      void lobbyPiece(this.env, key)
        .relayPresence(frame)
        .catch((err: unknown) => console.error('presence not relayed to a sibling shard', err));
    }
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
  const { agentId, name, groupIds, piece } = data as Record<string, unknown>;
  const { sessionId, sessionExpiresAt, rank } = data as Record<string, unknown>;
  if (typeof agentId !== 'string' || typeof name !== 'string') return null;
  if (typeof sessionId !== 'string' || typeof sessionExpiresAt !== 'number') return null;
  if (!(STAFF_RANKS as readonly unknown[]).includes(rank)) return null;
  if (!Array.isArray(groupIds) || !groupIds.every((g): g is string => typeof g === 'string')) return null;
  const key = piece as Partial<PieceKey> | null;
  if (typeof key?.groupId !== 'string' || !Number.isInteger(key.shard)) return null;
  return { agentId, name, groupIds, piece: { groupId: key.groupId, shard: key.shard! }, sessionId, sessionExpiresAt, rank: rank as StaffRank };
}

/** A console socket's subscriber, or null once its attachment cannot be read (it closed). */
function attachmentOf(ws: WebSocket): LobbySubscriber | null {
  try {
    return ws.deserializeAttachment() as LobbySubscriber | null;
  } catch {
    return null;
  }
}
