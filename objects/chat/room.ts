// One chat = one Durable Object: the single source of truth for its log, its state, its timers
// and who receives what. The pure decisions live in logic.ts and timers.ts; this host parses,
// decides, stores, sends and schedules. It deliberately does no D1 write or object call per
// message: counters reach the consoles and D1 coalesced, through the alarm (see projector.ts).
import { DurableObject } from 'cloudflare:workers';
import { agentHub } from '../agent/hub.ts';
import { type Caller, CLOSE_RIGHTS_UNKNOWN, isSupervisor, parseIdentity, type SocketAuth, standing, type StaffRights } from '../identity.ts';
import { notifyAgent, publishRemoval, publishRow } from '../lobby/lobby.ts';
import { type Addressed, followUpNotice, noticesFor } from './notices.ts';
import type { Attachment, ChatComment, ChatEvent, ChatSnapshot, CommentKind, ErrorCode, IdleLevel, ManualEventOutcome, Person, Role, ServerFrame, TimeLog, TransferTarget } from '../protocol.ts';
import { currentComments } from '../rules/comments.ts';
import { currentTimeLogs } from '../rules/time-logs.ts';
import type { ItemRef } from '../rules/items.ts';
import { parseClientFrame, rolesFor } from '../protocol.ts';
import { Outbox } from '../outbox.ts';
import { answerClose, jsonError } from '../sockets.ts';
import { EventLog, RECORD_EVENT_KINDS } from './log.ts';
import { ChatMeta } from './meta.ts';
import { type Bucket, type BucketPolicy, bucketPolicy, fullBucket, takeToken } from './rate.ts';
import type { Actor, ChatInfo, ChatState, Command, OpenState, WebhookResult } from './logic.ts';
import { snapshot, transition } from './logic.ts';
import { deleteChatFiles, listRow } from './projection.ts';
import { type ProjectionMemory, Projector, type RowSource } from './projector.ts';
import type { ChatStore } from './store.ts';
import { Indexer, SEARCHED_KINDS, type SearchFeed } from './indexer.ts';
import { nextWake } from './timers.ts';
import { TYPING_POLICY, typingAudience } from './typing.ts';

export type CommandResult = { ok: true; chat: ChatSnapshot | null } | { ok: false; code: ErrorCode; message: string };
export type CommentResult = { ok: true; comment: ChatComment } | { ok: false; code: ErrorCode; message: string };
export type TimeLogResult = { ok: true; timeLog: TimeLog } | { ok: false; code: ErrorCode; message: string };

/** What staff write in Add → Comment (the id is the object's). */
export interface CommentInput {
  kind: CommentKind;
  text: string;
  /** A Follow-Up comment's due time (ms since the epoch); null for the other kinds. */
  dueAt: number | null;
}

/** Matched by the runtime without waking the object (Hibernation API auto-response). */
const PING = JSON.stringify({ type: 'ping' });
const PONG = JSON.stringify({ type: 'pong' } satisfies ServerFrame);
const DRAFT_CLEARED = JSON.stringify({ type: 'draft', text: '' } satisfies ServerFrame);
/** Close code sent to every socket of a chat that was deleted. */
export const CLOSE_DELETED = 4404;
/** How soon a deletion cut short by a failure is tried again. */
const PURGE_RETRY_MS = 5_000;
/** How soon D1's copy of the record (comments, time logs) is written again after a failed write. */
const RECORD_RETRY_MS = 5_000;
const SEARCHED: ReadonlySet<string> = new Set(SEARCHED_KINDS);
/**
 * Staff sockets that open or close within this long of each other cost one `viewers` frame per
 * staff socket, not one per socket per change: a burst of monitors is never quadratic.
 */
export const VIEWERS_COALESCE_MS = 50;

/**
 * The chat object, less its D1 access: worker/index.ts exports the class wrangler binds
 * (`ChatRoom`), which supplies `store`.
 */
export abstract class ChatRoomObject extends DurableObject<Env> {
  /** The chat's D1 access (objects/chat/store.ts). */
  protected abstract readonly store: ChatStore;
  /** Where its searched text goes (objects/chat/indexer.ts; the Worker's search writers). */
  protected abstract readonly searchFeed: SearchFeed;
  /** What the chat has sent to the search index; made on first use (it reads the object's storage). */
  #indexerOrNull: Indexer | null = null;
  /** The search feed's timer, while one is armed. */
  #feedTimer: ReturnType<typeof setTimeout> | null = null;
  /** The chat's small records (state, tally, projector's memory, named numbers): objects/chat/meta.ts. */
  readonly #meta: ChatMeta;
  readonly #log: EventLog;
  #state: ChatState;
  /** The `chats` row and the live queue (objects/chat/projector.ts); made on first use (the store comes from the subclass). */
  #projectorOrNull: Projector | null = null;
  /** The alarm as this instance last set it (unknown after waking: then it is set again). */
  #alarmAt: number | null = null;
  #queuePosition: number | null = null;
  /** Each socket's caller, read once from its attachment (which survives hibernation). */
  readonly #callers = new WeakMap<WebSocket, SocketState>();
  /** What each socket may still store before it is refused `rate_limited` (see rate.ts). */
  readonly #buckets = new WeakMap<WebSocket, Bucket>();
  readonly #sendPolicy: BucketPolicy;
  /** What each socket may still say about typing before its typing frames are dropped (typing.ts). */
  readonly #typingBuckets = new WeakMap<WebSocket, Bucket>();
  /** The `viewers` frame staff last heard (null after waking), and whether a new one is pending. */
  #viewersJson: string | null = null;
  #viewersPending = false;
  /** When a failed write of the record to D1 is tried again (the alarm honours it). */
  #recordRetryAt: number | null = null;
  /** The stored dirty flag of the record as last read or written (null: not read since waking). */
  #recordDirtyFlag: boolean | null = null;
  /** Every frame to a socket goes through here, so each socket's frames keep their order (outbox.ts). */
  readonly #outbox = new Outbox((ws) => this.#callerOf(ws).batches === true);
  /** The snapshot of #state, made once per state (a message does not change it). */
  #snapshotOf: { state: ChatState; chat: ChatSnapshot | null } | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // The constructor runs again each time the object wakes from hibernation or eviction: the
    // log and state are read back from SQLite (synchronously), the sockets survive with their
    // attachments.
    this.#meta = new ChatMeta(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    this.#log = new EventLog(ctx.storage.sql, this.#meta);
    this.#sendPolicy = bucketPolicy(env);
    this.#state = this.#log.loadState();
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    // Searched events the index has not been sent (a send cut short, or a chat from before search
    // existed, woken by anything at all): the alarm sends them now, then sets itself as it should.
    if (this.#log.searchedAfter(this.#meta.read('search_sent_seq') ?? 0)) void ctx.storage.setAlarm(Date.now());
  }

  // ---- RPC from the Worker and the Lobby -----------------------------------------------------

  async open(info: ChatInfo): Promise<CommandResult> {
    return this.#command({ type: 'open', info });
  }

  async take(caller: Caller, takeover: boolean): Promise<CommandResult> {
    const by = actorOf(caller);
    // Whether an agent may take from a colleague is the administrator's setting, read when asked.
    const colleaguesMayTake = takeover && !by.supervisor ? await this.store.colleaguesMayTake() : false;
    const command: Command = { type: 'take', by, takeover, colleaguesMayTake };
    // The logic decides who may; capacity (a D1 read) only once it would. The command is decided
    // again after the read, so a take that arrived meanwhile still wins or loses cleanly.
    const allowed = transition(this.#state, command, Date.now());
    if (!allowed.ok) return allowed;
    const full = await this.#atCapacity(caller.person.id, 'You');
    return full ?? this.#command(command);
  }

  async end(caller: Caller): Promise<CommandResult> {
    return this.#command({ type: 'end', by: actorOf(caller) });
  }

  /** The Worker has checked that a target agent belongs to the chat's group, or that the group exists. */
  async transfer(caller: Caller, to: TransferTarget, comment = ''): Promise<CommandResult> {
    if (to.kind === 'agent') {
      const full = await this.#atCapacity(to.agent.id, to.agent.name);
      if (full) return full;
    }
    const note = comment.trim() === '' ? undefined : { id: crypto.randomUUID(), text: comment };
    return this.#command({ type: 'transfer', by: actorOf(caller), to, comment: note });
  }

  /** Add → Comment: staff only; a Follow-Up comment also schedules the chat's follow-up. */
  async comment(caller: Caller, input: CommentInput): Promise<CommentResult> {
    const id = crypto.randomUUID();
    const result = await this.#command({ type: 'comment', by: actorOf(caller), id, kind: input.kind, text: input.text, dueAt: input.dueAt });
    return this.#commentResult(result, id);
  }

  /** Its author, a manager or an administrator changes a comment's text. */
  async editComment(caller: Caller, commentId: string, text: string): Promise<CommentResult> {
    const result = await this.#command({ type: 'edit-comment', by: actorOf(caller), comment: this.#findComment(commentId), text });
    return this.#commentResult(result, commentId);
  }

  async deleteComment(caller: Caller, commentId: string): Promise<CommandResult> {
    return this.#command({ type: 'delete-comment', by: actorOf(caller), comment: this.#findComment(commentId) });
  }

  /** Staff edit custom fields; the Worker has checked the values against their definitions. */
  async setFields(caller: Caller, fields: Record<string, string>): Promise<CommandResult> {
    return this.#command({ type: 'set-fields', by: actorOf(caller), fields });
  }

  /** The chat's comments as they stand (staff only: the Worker's routes check who asks). */
  comments(): ChatComment[] {
    return currentComments(this.#log.recordEvents());
  }

  /** New Time Log: minutes of work on this chat (staff only). */
  async logTime(caller: Caller, input: { minutes: number; note: string; billable: boolean; at: number }): Promise<TimeLogResult> {
    const id = crypto.randomUUID();
    const result = await this.#command({ type: 'log-time', by: actorOf(caller), id, ...input });
    if (!result.ok) return result;
    const timeLog = this.timeLogs().find((t) => t.id === id);
    if (!timeLog) throw new Error('a stored time log was not found in the log');
    return { ok: true, timeLog };
  }

  async deleteTimeLog(caller: Caller, timeLogId: string): Promise<CommandResult> {
    return this.#command({ type: 'delete-time-log', by: actorOf(caller), timeLog: this.timeLogs().find((t) => t.id === timeLogId) });
  }

  /** The Worker related an item to this chat, or unrelated it (D1 holds the relation): a History line. */
  async noteRelation(caller: Caller, item: ItemRef, change: 'added' | 'removed'): Promise<CommandResult> {
    return this.#command({ type: 'relate', by: actorOf(caller), item, change });
  }

  /** The Worker ran a manual event's actions on this chat (worker/manual-events/run.ts): its History line. */
  async recordManualEvent(caller: Caller, run: { runId: string; eventId: string; name: string; outcomes: ManualEventOutcome[] }): Promise<CommandResult> {
    return this.#command({ type: 'manual-event', by: actorOf(caller), run });
  }

  /** The Queue consumer's last word on a manual event's webhook (delivered, or failed for good). */
  async noteWebhook(result: WebhookResult): Promise<CommandResult> {
    return this.#command({ type: 'webhook', result });
  }

  timeLogs(): TimeLog[] {
    return currentTimeLogs(this.#log.recordEvents());
  }

  async setFollowUp(caller: Caller, at: number | null): Promise<CommandResult> {
    return this.#command({ type: 'follow-up', by: actorOf(caller), at });
  }

  /** Records a file already stored in R2 as an event of the chat. */
  async attachFile(caller: Caller, file: Attachment): Promise<CommandResult> {
    return this.#command({ type: 'file', by: actorOf(caller), file });
  }

  /** The customer's post-chat survey, once, after the end. */
  async rate(caller: Caller, rating: number, comment: string): Promise<CommandResult> {
    return this.#command({ type: 'survey', by: actorOf(caller), rating, comment });
  }

  /** Counts a customer's transcript email; false once `max` have been sent for this chat. */
  claimTranscriptEmail(max: number): boolean {
    const sent = this.#meta.read('transcript_emails') ?? 0;
    if (sent >= max) return false;
    this.#meta.write('transcript_emails', sent + 1);
    return true;
  }

  /**
   * Deletes an ended chat and everything about it: its sockets, its files in R2, every D1 row
   * that names it (which also ends its visitor token: a token opens only a chat D1 still has),
   * and last its own storage. The decision is stored first, so a purge cut short by a failure is
   * finished by the alarm and the chat never comes back half-deleted.
   */
  async delete(caller: Caller): Promise<CommandResult> {
    const before = this.#state;
    const outcome = transition(before, { type: 'delete', by: actorOf(caller) }, Date.now());
    if (!outcome.ok) return outcome;
    if (!isOpen(before)) throw new Error('only an opened chat can be deleted');
    this.#state = { status: 'deleted' };
    this.#log.saveState({ status: 'deleted', purge: { chatId: before.info.id, groupId: before.info.groupId } });
    const agents = new Set(this.ctx.getWebSockets('agent').map((ws) => this.#callerOf(ws).person.id));
    for (const ws of this.ctx.getWebSockets()) this.#close(ws, CLOSE_DELETED, 'chat deleted');
    // Their hubs stop checking the chat (each would otherwise be asked only at a change of rights).
    for (const id of agents) this.#release(id, before.info.id);
    try {
      await this.#purge(before.info.id, before.info.groupId);
    } catch (err) {
      console.error('purge of a deleted chat failed; the alarm finishes it', err);
      await this.ctx.storage.setAlarm(Date.now() + PURGE_RETRY_MS);
    }
    return { ok: true, chat: null };
  }

  async #purge(chatId: string, groupId: string): Promise<void> {
    await this.store.deleteChat(chatId);
    await deleteChatFiles(this.env.FILES, chatId);
    await publishRemoval(this.env, groupId, chatId);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** The Lobby tells a queued chat its place in the queue; the visitor sees it at once. */
  setQueuePosition(position: number | null): void {
    this.#queuePosition = position;
    if (position !== null) this.#broadcast(['visitor', 'agent'], JSON.stringify({ type: 'queue', position } satisfies ServerFrame));
  }

  /**
   * A console of the chat's group started showing it (its lobby piece says so): the counters are
   * published now and live again from now on. A chat nobody shows publishes them to no one.
   */
  async watched(): Promise<void> {
    if (!isOpen(this.#state) || this.#state.status === 'ended') return;
    await this.#projector.watch(this.#rowSource);
    this.#schedule(Date.now());
  }

  getSnapshot(): ChatSnapshot | null {
    return snapshot(this.#state) ?? null;
  }

  /**
   * The whole log as `role` may see it: for a visitor, never a staff-only event. Every
   * transcript, print view and email is built from this, so they all keep the same promise.
   */
  transcript(role: 'visitor' | 'agent'): { chat: ChatSnapshot; events: ChatEvent[] } | null {
    const chat = snapshot(this.#state, role);
    if (!chat) return null;
    return { chat, events: this.#log.since(0, role).map((e) => JSON.parse(e.json) as ChatEvent) };
  }

  // ---- sockets -------------------------------------------------------------------------------

  /** The Worker forwards an authenticated upgrade here, naming the caller in a header. */
  override async fetch(request: Request): Promise<Response> {
    const caller = parseIdentity(request.headers);
    if (!caller) return jsonError(400, 'bad_identity', 'The caller is not named.');
    const chat = snapshot(this.#state, caller.person.role);
    if (!chat) return jsonError(404, 'not_found', 'No such chat.');
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return jsonError(426, 'upgrade_required', 'Expected a WebSocket upgrade.');
    }
    const params = new URL(request.url).searchParams;
    const afterParam = params.get('after') ?? '0';
    const after = /^\d{1,15}$/.test(afterParam) ? Number(afterParam) : -1;
    if (after < 0) return jsonError(400, 'bad_after', '`after` must be a sequence number (0 or more).');

    const you = caller.person;
    if (you.role === 'agent') {
      const allowed = standing(caller.grant, chat.groupId, Date.now());
      if (!allowed.ok) return jsonError(403, 'not_allowed', `This socket cannot open: ${allowed.reason}.`);
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [you.role]);
    // `frames=many`: the client reads several frames in one message (a JSON array; objects/outbox.ts).
    // A page loaded before that existed gets one frame per message, as it always did.
    server.serializeAttachment({ ...caller, batches: params.get('frames') === 'many' } satisfies SocketState);
    // Welcome, replay and `synced` are sent in this same synchronous turn, before any other event
    // can be broadcast, so the new socket sees every event exactly once and in order.
    this.#send(server, { type: 'welcome', role: you.role, you, chat, lastSeq: this.#log.lastSeq });
    for (const stored of this.#log.since(after, you.role)) this.#outbox.post(server, eventFrame(stored.json));
    this.#send(server, { type: 'synced', lastSeq: this.#log.lastSeq });
    if (chat.status === 'queued' && this.#queuePosition !== null) this.#send(server, { type: 'queue', position: this.#queuePosition });
    if (you.role === 'agent') {
      this.#announceViewers(server);
      // The agent's hub pushes their rights here from now on (sign-out, disable, groups, rank).
      // Registered after the socket exists, so a push that crosses this call still finds it.
      // With what the Worker checked it against, so the hub pushes here only if that differs.
      const grant = caller.grant;
      const view = grant ? { name: you.name, rank: caller.rank, groupIds: grant.groupIds, sessionId: grant.sessionId } : undefined;
      // A socket the hub did not take on would never hear a change of rights while it only
      // listens (its own frames are still checked): it closes, and its client opens it again.
      void agentHub(this.env, you.id)
        .register(you.id, `chat:${chat.id}`, view)
        .catch((err: unknown) => {
          console.error('socket not registered with the agent hub: closed for its client to open again', err);
          this.#closeStaff(server, CLOSE_RIGHTS_UNKNOWN, 'rights not registered: open again');
        });
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const caller = this.#callerOf(ws);
    if (caller.person.role === 'agent' && !this.#keep(ws, caller)) return;
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) return this.#sendError(ws, parsed.code, parsed.message, parsed.id);
    const frame = parsed.frame;
    let result: CommandResult;
    switch (frame.type) {
      case 'ping':
        return this.#send(ws, { type: 'pong' });
      case 'send':
      case 'coach': {
        // A resend of an id this sender already used is acknowledged with the stored event's seq,
        // and nothing new is stored (also when the chat has ended since the first send). Resends
        // cost no token: only what would be stored is rate-limited.
        // A first transmission (`first`) cannot be a resend: its id is not looked up in the log
        // (only among the ids already read, see EventLog.findBySender).
        const first = frame.first === true;
        const stored = this.#log.findBySender(senderKey(caller), frame.id, first);
        if (stored !== undefined) return this.#send(ws, { type: 'ack', id: frame.id, seq: stored });
        const now = Date.now();
        const token = takeToken(this.#buckets.get(ws) ?? fullBucket(now, this.#sendPolicy), now, this.#sendPolicy);
        this.#buckets.set(ws, token.bucket);
        if (!token.ok) return this.#sendError(ws, 'rate_limited', 'Too many messages at once: wait a moment and send again.', frame.id);
        result = await this.#command({ type: frame.type, by: actorOf(caller), clientId: frame.id, text: frame.text }, first);
        if (result.ok) return;
        const seq = this.#log.findBySender(senderKey(caller), frame.id, first);
        return seq !== undefined ? this.#send(ws, { type: 'ack', id: frame.id, seq }) : this.#sendError(ws, result.code, result.message, frame.id);
      }
      case 'typing':
        return this.#typing(ws, caller.person, frame.draft);
      case 'take':
      case 'take-over':
        result = await this.take(caller, frame.type === 'take-over');
        break;
      case 'join':
        result = await this.#command({ type: 'join', by: actorOf(caller) });
        break;
      case 'end':
        result = await this.end(caller);
        break;
      default: {
        const unhandled: never = frame;
        return unhandled;
      }
    }
    if (!result.ok) this.#sendError(ws, result.code, result.message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.#close(ws, code, reason);
    const { person } = this.#callerOf(ws);
    if (person.role === 'agent') {
      this.#announceViewers(undefined, ws);
      this.#releaseIfLast(ws);
    }
    // A customer who left has no draft any more: staff stop previewing it.
    else if (typingAudience(this.#state, person).draftToStaff) this.#broadcast(['agent'], DRAFT_CLEARED);
  }

  /**
   * Passes a typing frame on at once, to whom typing.ts says; nothing is stored, and a socket over
   * its typing rate is dropped unsaid (its next frame says the same again: a draft as it stands).
   */
  #typing(ws: WebSocket, from: Person, draft: string): void {
    const now = Date.now();
    const token = takeToken(this.#typingBuckets.get(ws) ?? fullBucket(now, TYPING_POLICY), now, TYPING_POLICY);
    this.#typingBuckets.set(ws, token.bucket);
    if (!token.ok) return;
    const heard = typingAudience(this.#state, from);
    if (heard.draftToStaff) this.#broadcast(['agent'], JSON.stringify({ type: 'draft', text: draft } satisfies ServerFrame));
    if (!heard.signalToVisitor && !heard.signalToStaff) return;
    const signal = JSON.stringify({ type: 'typing', from, active: draft.trim() !== '' } satisfies ServerFrame);
    if (heard.signalToVisitor) this.#broadcast(['visitor'], signal);
    if (heard.signalToStaff) this.#outbox.postAll(this.#openStaff().filter((other) => other !== ws), signal);
  }

  /**
   * The agent's hub pushes their rights as they are now: sockets whose session ended, whose agent
   * was disabled or left the chat's group are closed; the others decide with the current rank.
   * Returns whether the agent still has a socket here (the hub forgets this chat otherwise).
   */
  applyRights(rights: StaffRights): boolean {
    const chat = snapshot(this.#state);
    let held = false;
    let closed = false;
    for (const ws of this.ctx.getWebSockets('agent')) {
      const auth = this.#callerOf(ws);
      if (auth.person.id !== rights.agentId) continue;
      const allowed = chat ? standing(auth.grant, chat.groupId, Date.now(), rights) : ({ ok: false, code: CLOSE_DELETED, reason: 'chat deleted' } as const);
      if (!allowed.ok) {
        this.#close(ws, allowed.code, allowed.reason);
        closed = true;
        continue;
      }
      held = true;
      const updated: SocketState = {
        ...auth,
        person: { ...auth.person, name: rights.name || auth.person.name },
        rank: rights.rank,
        grant: auth.grant && { ...auth.grant, groupIds: rights.groupIds },
      };
      ws.serializeAttachment(updated);
      this.#callers.set(ws, updated);
    }
    if (closed) this.#announceViewers();
    return held;
  }

  /** Whether a staff socket may still act; one that may not is closed with the reason. */
  #keep(ws: WebSocket, auth: SocketAuth): boolean {
    // Every staff frame passes here: read the group from the state, without building a snapshot.
    const state = this.#state;
    if (!isOpen(state)) return true;
    const allowed = standing(auth.grant, state.info.groupId, Date.now());
    if (allowed.ok) return true;
    this.#closeStaff(ws, allowed.code, allowed.reason);
    return false;
  }

  /** After a transfer to another group: staff who are not in it lose the chat (the visitor stays). */
  #closeOutsiders(groupId: string): void {
    let closed = false;
    for (const ws of this.ctx.getWebSockets('agent')) {
      const allowed = standing(this.#callerOf(ws).grant, groupId, Date.now());
      if (allowed.ok) continue;
      this.#close(ws, allowed.code, allowed.reason);
      closed = true;
    }
    if (closed) this.#announceViewers();
  }

  /**
   * Tells staff in the chat who on staff has it open; never sent to the visitor. A newcomer hears
   * at once; the others only when the people (not the sockets) changed, once per
   * VIEWERS_COALESCE_MS however many sockets opened or closed meanwhile.
   */
  #announceViewers(newcomer?: WebSocket, leaving?: WebSocket): void {
    const json = this.#viewersFrame(leaving);
    if (newcomer) this.#outbox.post(newcomer, json);
    if (json === this.#viewersJson || this.#viewersPending) return;
    this.#viewersPending = true;
    setTimeout(() => {
      this.#viewersPending = false;
      const latest = this.#viewersFrame();
      if (latest === this.#viewersJson) return;
      this.#viewersJson = latest;
      this.#outbox.postAll(this.#openStaff(), latest);
    }, VIEWERS_COALESCE_MS);
  }

  #viewersFrame(leaving?: WebSocket): string {
    const viewers = new Map<string, Person>();
    for (const ws of this.#openStaff()) if (ws !== leaving) viewers.set(this.#callerOf(ws).person.id, this.#callerOf(ws).person);
    return JSON.stringify({ type: 'viewers', viewers: [...viewers.values()] } satisfies ServerFrame);
  }

  #openStaff(): WebSocket[] {
    return this.ctx.getWebSockets('agent').filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  override async alarm(): Promise<void> {
    // Only a deleted chat can have a purge to finish (its stored state says so; read only then).
    const pending = this.#state.status === 'deleted' ? this.#log.pendingPurge() : undefined;
    if (pending) {
      // A deletion was cut short: finish it (every step is idempotent).
      return this.#purge(pending.chatId, pending.groupId).catch(async (err: unknown) => {
        console.error('purge failed again', err);
        await this.ctx.storage.setAlarm(Date.now() + PURGE_RETRY_MS);
      });
    }
    // Alarms are delivered at least once; projecting the whole row is idempotent. The alarm also
    // marks idle level crossings and follow-ups coming due: those are state changes, projected now.
    this.#alarmAt = null;
    if (!isOpen(this.#state)) return;
    // The feed's send (its timer's backstop, objects/chat/indexer.ts) goes as the timer's does, not
    // awaited: it waits for the search writer's next D1 write, and an alarm still running holds back
    // the next one (an idle level, a follow-up). A send or read that fails leaves the feed due, and
    // #feed sets the alarm for it again.
    void this.#feed();
    if (this.#recordDirty()) await this.#syncRecord();
    const p = this.#projector;
    // A fresh instance (the object was evicted while idle) reads the administrator's thresholds first.
    await p.freshThresholds();
    const state = this.#state;
    if (!isOpen(state)) return;
    const now = Date.now();
    const followUpCame = state.followUpAt !== null && state.followUpAt <= now && state.followUpAt > p.storedAt;
    if (followUpCame && state.followUpBy) {
      this.#notify([{ agentId: state.followUpBy.id, groupId: state.info.groupId, notice: followUpNotice(state.info.id, state.info.visitor.name, state.followUpAt!) }]);
    }
    // An idle level crossed (or a follow-up came due) is a state change; else what is due by now.
    await p.wake(this.#rowSource, now, followUpCame);
    this.#schedule(Date.now());
  }

  // ---- applying decisions --------------------------------------------------------------------

  /**
   * Decide, store, send; state changes are then projected to D1 and the live queue at once.
   * `first`: a message's first transmission (its id is not looked up, see EventLog.append).
   */
  async #command(command: Command, first = false): Promise<CommandResult> {
    const before = this.#state;
    const now = Date.now();
    const outcome = transition(before, command, now);
    if (!outcome.ok) return outcome;
    const sender = command.type === 'send' || command.type === 'coach' ? senderKey(command.by) : null;
    // A message or coaching line (the hot path) is never part of the record and changes no state.
    const message = sender !== null;
    const recordChanged = !message && outcome.events.some((e) => RECORD_EVENT_KINDS.includes(e.kind));
    let searched = false;
    const appendedEvents: ChatEvent[] = [];
    const author = 'by' in command ? command.by.person : undefined;
    for (const draft of outcome.events) {
      const appended = this.#log.append(draft, sender, first);
      // Only a message or coaching line can collide: the caller then sends the stored one back.
      if (!appended) return { ok: false, code: 'duplicate', message: 'Already stored.' };
      this.#broadcast(rolesFor(appended.event.audience), eventFrame(appended.json), author);
      if (!message) appendedEvents.push(appended.event);
      // Its text goes to the search index with the next send (never a write per message).
      if (SEARCHED.has(appended.event.kind) && this.#indexer.noted(appended.event, now)) searched = true;
    }
    this.#state = outcome.state;
    const chat = this.#snapshot();
    // The logic returns the same state object when only the log grew (messages, coaching).
    if (outcome.state !== before) {
      this.#log.saveState(outcome.state);
      if (chat) {
        // Staff hear of every change; the visitor only of one they can see, in their own view
        // (a staff-only change, such as a follow-up, must not tell them that staff did anything).
        this.#broadcast(['agent'], JSON.stringify({ type: 'chat', chat } satisfies ServerFrame));
        const theirs = snapshot(outcome.state, 'visitor');
        if (theirs && JSON.stringify(snapshot(before, 'visitor') ?? null) !== JSON.stringify(theirs)) {
          this.#broadcast(['visitor'], JSON.stringify({ type: 'chat', chat: theirs } satisfies ServerFrame));
        }
        if (isOpen(before) && before.info.groupId !== chat.groupId) this.#closeOutsiders(chat.groupId);
      }
      if (chat?.status !== 'queued') this.#queuePosition = null;
      const left = isOpen(before) && chat !== null && before.info.groupId !== chat.groupId ? [before.info.groupId] : [];
      if (isOpen(before) && chat !== null) {
        this.#notify(noticesFor(chat.id, chat.visitor.name, appendedEvents, before.info.groupId, chat.groupId));
      }
      await this.#project(left);
    } else if (this.#agentRepliedToIdle(command)) {
      // An agent's reply to a chat shown yellow or red turns it green: a level crossing, at once.
      await this.#project();
    } else if (this.#projector.countersChanged(now)) {
      this.#schedule(now);
    }
    if (searched) {
      this.#feedSoon(now);
      this.#schedule(now);
    }
    if (recordChanged) await this.#syncRecord();
    return { ok: true, chat };
  }

  /** Tells agents in their consoles; a console that is closed, or a piece that fails, misses it. */
  #notify(notices: readonly Addressed[]): void {
    for (const { agentId, groupId, notice } of notices) {
      void notifyAgent(this.env, groupId, agentId, notice).catch((err: unknown) => console.error('notice not delivered', err));
    }
  }

  #findComment(commentId: string): ChatComment | undefined {
    return this.comments().find((c) => c.id === commentId);
  }

  #commentResult(result: CommandResult, commentId: string): CommentResult {
    if (!result.ok) return result;
    const comment = this.#findComment(commentId);
    if (!comment) throw new Error('a stored comment was not found in the log');
    return { ok: true, comment };
  }

  /**
   * Writes D1's copy of the chat's record, its comments and time logs (the log stays the truth).
   * A failed write is remembered in the object's own storage and tried again by the alarm, so D1
   * is never left behind for good.
   */
  async #syncRecord(): Promise<void> {
    const state = this.#state;
    if (!isOpen(state)) return;
    this.#markRecordDirty(true);
    try {
      const events = this.#log.recordEvents();
      await this.store.replaceRecord(state.info.id, state.info.groupId, { comments: currentComments(events), timeLogs: currentTimeLogs(events) });
      this.#markRecordDirty(false);
      this.#recordRetryAt = null;
    } catch (err) {
      console.error('the chat record was not written to D1; the alarm tries again', err);
      this.#recordRetryAt = Date.now() + RECORD_RETRY_MS;
    }
    this.#schedule(Date.now());
  }

  /** Whether D1's copy of the record is behind: read from storage once per wake, then kept here. */
  #recordDirty(): boolean {
    this.#recordDirtyFlag ??= (this.#meta.read('record_dirty') ?? 0) > 0;
    return this.#recordDirtyFlag;
  }

  #markRecordDirty(dirty: boolean): void {
    if (this.#recordDirtyFlag === dirty) return;
    this.#meta.write('record_dirty', dirty ? 1 : 0);
    this.#recordDirtyFlag = dirty;
  }

  async #atCapacity(agentId: string, who: string): Promise<CommandResult | null> {
    // Capacity is read from D1 (not the hot path: takes are rare). A take that arrives while this
    // read is under way is still decided by the state machine, so only one can win.
    const load = await this.store.agentLoad(agentId);
    if (load.active < load.maxChats) return null;
    const has = who === 'You' ? 'You already have' : `${who} already has`;
    return { ok: false, code: 'agent_at_capacity', message: `${has} ${load.active} chats, the most allowed.` };
  }

  #callerOf(ws: WebSocket): SocketState {
    let caller = this.#callers.get(ws);
    if (!caller) {
      const stored = ws.deserializeAttachment() as SocketState;
      // Sockets accepted before grants existed carry none: they are closed at their next check.
      caller = { ...stored, grant: stored.grant ?? null };
      this.#callers.set(ws, caller);
    }
    return caller;
  }

  /**
   * Sends a frame to every socket of these roles; the author's own copies (every socket of theirs:
   * the frame confirms what they did) after everyone else's (Outbox.postAuthorLast).
   */
  #broadcast(roles: readonly ('visitor' | 'agent')[], json: string, author?: Person): void {
    const sockets = roles.map((role) => this.ctx.getWebSockets(role));
    const group = author ? roles.indexOf(author.role) : -1;
    // Every visitor socket is the chat's one visitor's; staff sockets are told apart by person.
    const isAuthor = author && author.role !== 'visitor' ? (ws: WebSocket) => this.#callerOf(ws).person.id === author.id : undefined;
    this.#outbox.postAuthorLast(sockets, json, group, isAuthor);
  }

  #send(ws: WebSocket, frame: ServerFrame): void {
    this.#outbox.post(ws, JSON.stringify(frame));
  }

  #sendError(ws: WebSocket, code: ErrorCode, message: string, id?: string): void {
    this.#send(ws, { type: 'error', code, message, ...(id === undefined ? {} : { id }) });
  }

  /** Closes a socket (answering a client's close too); frames still queued for it are not sent. */
  #close(ws: WebSocket, code: number, reason: string): void {
    this.#outbox.drop(ws);
    answerClose(ws, code, reason);
  }

  /** Closes a staff socket, and tells the staff left who has the chat open now. */
  #closeStaff(ws: WebSocket, code: number, reason: string): void {
    this.#close(ws, code, reason);
    this.#announceViewers(undefined, ws);
    this.#releaseIfLast(ws);
  }

  /** Tells the agent's hub when their last socket here has closed, so it stops checking this chat (hub.ts `released`). */
  #releaseIfLast(ws: WebSocket): void {
    const { id } = this.#callerOf(ws).person;
    if (!isOpen(this.#state) || this.#openStaff().some((other) => other !== ws && this.#callerOf(other).person.id === id)) return;
    this.#release(id, this.#state.info.id);
  }

  #release(agentId: string, chatId: string): void {
    const place = `chat:${chatId}` as const;
    void agentHub(this.env, agentId)
      .released(place)
      .catch((err: unknown) => console.error('agent hub not told of a closed socket: it keeps checking the chat until a push finds none there', place, err));
  }

  /** Sets the one alarm to the nearest moment the object must wake, if that changed. */
  #schedule(now: number): void {
    if (!isOpen(this.#state)) return;
    const p = this.#projector;
    const due = earliest(this.#recordRetryAt, p.dueAt, this.#indexer.backstopAt);
    const next = nextWake(this.#state, this.#log.counters.lastAgentMessageAt, now, p.thresholds, due);
    if (next === this.#alarmAt) return;
    this.#alarmAt = next;
    void (next === null ? this.ctx.storage.deleteAlarm() : this.ctx.storage.setAlarm(next));
  }

  /** Arms the search feed's timer for when it falls due (objects/chat/indexer.ts: the alarm is its backstop). */
  #feedSoon(now: number): void {
    const due = this.#indexer.dueAt;
    if (due === null || this.#feedTimer !== null) return;
    this.#feedTimer = setTimeout(() => {
      this.#feedTimer = null;
      void this.#feed();
    }, Math.max(0, due - now));
  }

  /** Sends the search feed's batch if it is due (the timer's work, and the alarm's as its backstop). */
  #sendFeed(chatId: string): Promise<void> {
    return this.#indexer.flush(chatId, (after, limit) => this.#log.searched(after, limit), this.searchFeed, Date.now());
  }

  /** The feed's timer: sends what is due, then arms itself again if more is (a retry, a long backlog). */
  async #feed(): Promise<void> {
    const state = this.#state;
    if (!isOpen(state)) return;
    try {
      await this.#sendFeed(state.info.id);
    } catch (err) {
      console.error('search feed: not read; due again SEARCH_FEED_RETRY_MS later', err);
    }
    const now = Date.now();
    this.#feedSoon(now);
    this.#schedule(now);
  }

  get #indexer(): Indexer {
    this.#indexerOrNull ??= new Indexer({
      load: () => this.#meta.read('search_sent_seq') ?? 0,
      save: (seq) => this.#meta.write('search_sent_seq', seq),
    }, Date.now());
    return this.#indexerOrNull;
  }

  get #projector(): Projector {
    this.#projectorOrNull ??= new Projector(
      this.store,
      (row, groupIds, change) => publishRow(this.env, groupIds, row, change),
      Date.now,
      projectionMemory(this.#meta),
    );
    return this.#projectorOrNull;
  }

  /** The row as it is now, for the projector. */
  readonly #rowSource: RowSource = (thresholds, now) => {
    const state = this.#state;
    if (!isOpen(state)) return undefined;
    return { row: listRow(state, this.#log.counters, this.#log.lastSeq, now, thresholds), info: state.info };
  };

  /** Writes and publishes the chat's row now (also to a group it just left), then sets the alarm. */
  async #project(alsoGroups: readonly string[] = []): Promise<void> {
    await this.#projector.project(this.#rowSource, alsoGroups);
    this.#schedule(Date.now());
  }

  #agentRepliedToIdle(command: Command): boolean {
    if (command.type !== 'send' || command.by.person.role !== 'agent') return false;
    const level = this.#projector.publishedLevel;
    return level === 'warning' || level === 'high';
  }

  #snapshot(): ChatSnapshot | null {
    const state = this.#state;
    if (this.#snapshotOf?.state !== state) this.#snapshotOf = { state, chat: snapshot(state) ?? null };
    return this.#snapshotOf.chat;
  }

}

/** The projector's memory in the chat's records: written when it changes. */
function projectionMemory(meta: ChatMeta): ProjectionMemory {
  return {
    load: () => meta.read('projection') ?? { storedAt: 0, countersAt: 0, level: null, watched: true },
    save: (memory) => meta.write('projection', memory),
  };
}

/** What each socket's attachment holds: who it is, and whether it reads several frames per message. */
interface SocketState extends SocketAuth {
  /** Absent on sockets accepted before batches existed: they get one frame per message. */
  batches?: boolean;
}

/** The caller as the logic sees them: the person, and whether their rank supervises. */
function actorOf(caller: Caller): Actor {
  return { person: caller.person, supervisor: isSupervisor(caller) };
}

/** The earliest of some moments, or null when there is none. */
function earliest(...times: (number | null)[]): number | null {
  const set = times.filter((t): t is number => t !== null);
  return set.length === 0 ? null : Math.min(...set);
}

function isOpen(state: ChatState): state is OpenState {
  return state.status !== 'new' && state.status !== 'deleted';
}

function senderKey(caller: Pick<Caller, 'person'>): string {
  return `${caller.person.role}:${caller.person.id}`;
}

function eventFrame(eventJson: string): string {
  // The stored JSON is sent as is: no parse and re-stringify per event.
  return `{"type":"event","event":${eventJson}}`;
}

