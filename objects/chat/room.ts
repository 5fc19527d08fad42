// One chat = one Durable Object: the single source of truth for its log, its state and who
// receives what. The pure decisions live in logic.ts; this host parses, decides, stores, sends.
// It deliberately does no D1 write or object call per message: see projection.ts.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../worker/env.ts';
import type { ChatSnapshot, ErrorCode, Person, Role, ServerFrame } from '../protocol.ts';
import { parseClientFrame, rolesFor } from '../protocol.ts';
import { type Caller, isSupervisor, parseIdentity } from '../identity.ts';
import { agentLoad } from '../../worker/db/agents.ts';
import { lobbyStub } from '../lobby/lobby.ts';
import { answerClose, jsonError, sendAll } from '../sockets.ts';
import { EventLog } from './log.ts';
import type { ChatInfo, ChatState, Command, Outcome } from './logic.ts';
import { snapshot, transition } from './logic.ts';
import { listRow, PROJECTION_INTERVAL_MS, writeChatRow } from './projection.ts';

export type CommandResult = { ok: true; chat: ChatSnapshot } | { ok: false; code: ErrorCode; message: string };

/** Matched by the runtime without waking the object (Hibernation API auto-response). */
const PING = JSON.stringify({ type: 'ping' });
const PONG = JSON.stringify({ type: 'pong' } satisfies ServerFrame);

export class ChatRoom extends DurableObject<Env> {
  readonly #log: EventLog;
  #state: ChatState;
  /** True while an alarm is set to project the counters; lost on hibernation, which is harmless. */
  #projectionDue = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // The constructor runs again each time the object wakes from hibernation or eviction: the
    // log and state are read back from SQLite (synchronously), the sockets survive with their
    // attachments.
    this.#log = new EventLog(ctx.storage.sql);
    this.#state = this.#log.loadState();
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  // ---- RPC from the Worker -------------------------------------------------------------------

  async open(info: ChatInfo): Promise<CommandResult> {
    return this.#command({ type: 'open', info });
  }

  async take(caller: Caller, takeover: boolean): Promise<CommandResult> {
    return this.#take(caller, takeover);
  }

  async end(caller: Caller): Promise<CommandResult> {
    return this.#command({ type: 'end', by: caller.person, supervisor: isSupervisor(caller) });
  }

  getSnapshot(): ChatSnapshot | null {
    return snapshot(this.#state) ?? null;
  }

  // ---- sockets -------------------------------------------------------------------------------

  /** The Worker forwards an authenticated upgrade here, naming the caller in a header. */
  override async fetch(request: Request): Promise<Response> {
    const caller = parseIdentity(request.headers);
    const chat = snapshot(this.#state);
    if (!caller) return jsonError(400, 'bad_identity', 'The caller is not named.');
    const you = caller.person;
    if (!chat) return jsonError(404, 'not_found', 'No such chat.');
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return jsonError(426, 'upgrade_required', 'Expected a WebSocket upgrade.');
    }
    const afterParam = new URL(request.url).searchParams.get('after') ?? '0';
    const after = /^\d{1,15}$/.test(afterParam) ? Number(afterParam) : -1;
    if (after < 0) return jsonError(400, 'bad_after', '`after` must be a sequence number (0 or more).');

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [you.role]);
    server.serializeAttachment(caller satisfies Caller);
    // Welcome, replay and `synced` are sent in this same synchronous turn, before any other event
    // can be broadcast, so the new socket sees every event exactly once and in order.
    send(server, { type: 'welcome', role: you.role, you, chat, lastSeq: this.#log.lastSeq });
    for (const stored of this.#log.since(after, you.role)) server.send(eventFrame(stored.json));
    send(server, { type: 'synced', lastSeq: this.#log.lastSeq });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const caller = ws.deserializeAttachment() as Caller;
    const you = caller.person;
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) return sendError(ws, parsed.code, parsed.message, parsed.id);
    const frame = parsed.frame;
    switch (frame.type) {
      case 'ping':
        return send(ws, { type: 'pong' });
      case 'send':
      case 'coach': {
        // A resend of an id this sender already used gets the stored event back, nothing new.
        const stored = this.#log.findBySender(senderKey(you), frame.id);
        if (stored) return ws.send(eventFrame(stored.json));
        const command: Command = { type: frame.type, from: you, clientId: frame.id, text: frame.text };
        const result = await this.#command(command);
        if (!result.ok) sendError(ws, result.code, result.message, frame.id);
        return;
      }
      case 'take':
      case 'take-over': {
        const result = await this.#take(caller, frame.type === 'take-over');
        if (!result.ok) sendError(ws, result.code, result.message);
        return;
      }
      case 'end': {
        const result = await this.end(caller);
        if (!result.ok) sendError(ws, result.code, result.message);
        return;
      }
      default: {
        const unhandled: never = frame;
        return unhandled;
      }
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    answerClose(ws, code, reason);
  }

  override async alarm(): Promise<void> {
    // Alarms are delivered at least once; projecting the whole row is idempotent.
    this.#projectionDue = false;
    await this.#project();
  }

  // ---- applying decisions --------------------------------------------------------------------

  /** A pull from the queue, or a supervisor's take-over; either way within the agent's capacity. */
  async #take(caller: Caller, takeover: boolean): Promise<CommandResult> {
    if (caller.rank === null) return { ok: false, code: 'not_allowed', message: 'Only an agent can take a chat.' };
    if (takeover && !isSupervisor(caller)) {
      return { ok: false, code: 'not_allowed', message: 'Only managers and administrators can take over a chat.' };
    }
    // Capacity is read from D1 (not the hot path: takes are rare). A take that arrives while
    // this read is under way is still decided by the state machine, so only one can win.
    const load = await agentLoad(this.env.DB, caller.person.id);
    if (load.active >= load.maxChats) {
      return { ok: false, code: 'agent_at_capacity', message: `You already have ${load.active} chats, your maximum.` };
    }
    return this.#command({ type: 'take', agent: caller.person, takeover });
  }

  /** Decide, store, send; state changes are then projected to D1 and the live queue at once. */
  async #command(command: Command): Promise<CommandResult> {
    const before = this.#state;
    const outcome: Outcome = transition(this.#state, command, Date.now());
    if (!outcome.ok) return outcome;
    const sender = 'from' in command ? senderKey(command.from) : null;
    for (const draft of outcome.events) {
      const { event, json } = this.#log.append(draft, sender);
      this.#broadcast(rolesFor(event.audience), eventFrame(json));
    }
    this.#state = outcome.state;
    const chat = snapshot(outcome.state);
    if (!chat) throw new Error('a successful command always leaves an open chat');
    // The logic returns the same state object when only the log grew (messages, coaching).
    if (outcome.state !== before) {
      this.#log.saveState(outcome.state);
      this.#broadcast(['visitor', 'agent'], JSON.stringify({ type: 'chat', chat } satisfies ServerFrame));
      await this.#project();
    } else if (!this.#projectionDue) {
      this.#projectionDue = true;
      void this.ctx.storage.setAlarm(Date.now() + PROJECTION_INTERVAL_MS);
    }
    return { ok: true, chat };
  }

  #broadcast(roles: readonly Role[], json: string): void {
    for (const role of roles) sendAll(this.ctx.getWebSockets(role), json);
  }

  async #project(): Promise<void> {
    const state = this.#state;
    if (state.status === 'new') return;
    const row = listRow(state, this.#log.counters(), this.#log.lastSeq);
    try {
      await writeChatRow(this.env.DB, row);
      await lobbyStub(this.env).publish(row);
    } catch (err) {
      // D1 or the lobby was unreachable: try again from the alarm rather than lose the change.
      console.error('projection failed', err);
      this.#projectionDue = true;
      await this.ctx.storage.setAlarm(Date.now() + PROJECTION_INTERVAL_MS);
    }
  }
}

function senderKey(person: Person): string {
  return `${person.role}:${person.id}`;
}

function eventFrame(eventJson: string): string {
  // The stored JSON is sent as is: no parse and re-stringify per event.
  return `{"type":"event","event":${eventJson}}`;
}

function send(ws: WebSocket, frame: ServerFrame): void {
  ws.send(JSON.stringify(frame));
}

function sendError(ws: WebSocket, code: ErrorCode, message: string, id?: string): void {
  send(ws, { type: 'error', code, message, ...(id === undefined ? {} : { id }) });
}
