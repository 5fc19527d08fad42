// Load generation and statistics: real WebSocket clients (the `ws` package) on 127.0.0.1 that set
// up N rooms on Switchboard or on the baseline, push M messages per room with a bounded window of
// un-delivered messages, and measure sender→receiver latency, throughput, losses and duplicates.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../objects/protocol.ts';
import { decodeFrames } from '../objects/protocol.ts';
import type { Servers } from './server.ts';
import { BASELINE_ROUTE_PREFIX, BENCH_HOST } from './server.ts';

/** How long any one setup step (an HTTP call, an upgrade, an awaited frame) may take. */
const SETUP_STEP_TIMEOUT_MS = 10_000;
/** How many rooms are set up at once. */
const SETUP_CONCURRENCY = 10;
/**
 * A message not delivered this long after it was sent counts as lost (and frees its window slot).
 * Far above the worst tail seen at N=50 on a busy 2-core machine (~4 s), so slow is never "lost".
 */
const MESSAGE_DEADLINE_MS = 15_000;
/** A run still unsettled after this long ends; whatever is still pending counts as lost. */
const RUN_TIMEOUT_MS = 30_000;
/** How often pending messages are checked against MESSAGE_DEADLINE_MS. */
const SWEEP_INTERVAL_MS = 250;
/** How long a run keeps listening after its last delivery, to catch duplicates. */
const DUPLICATE_GRACE_MS = 300;
/**
 * BENCH_TRACE=<file>: every run (warm-ups and setup runs too: the run's tag says which) appends a
 * line per delivered message: system, tag, ms from the run's first send to this one's, latency in
 * ms, room, and the send's wall-clock time (ms since the epoch, to line it up with what else was
 * watched). Kept as numbers during the run and written after it; the file is never emptied (remove
 * it between benches). Where a tail comes from shows as its timing: Switchboard's open loop had a
 * stall about every 600 ms, the search feed's delay, and later D1's own checkpoints (docs/scale.md).
 */
const TRACE_FILE = process.env['BENCH_TRACE'];
/** Closed loop: un-delivered messages each room may have in flight. */
export const WINDOW = 8;
/**
 * Pause after a measured run, longer than Switchboard's coalesced projection interval (1 s,
 * objects/chat/projection.ts), so its alarm-driven D1 writes land in its own time, not the next run's.
 */
export const SETTLE_MS = 1200;
/** How long closing the sockets may take before they are terminated. */
const CLOSE_TIMEOUT_MS = 2_000;
/** Characters of text in each message (the sequence tag plus padding). */
const MESSAGE_TEXT_LENGTH = 80;
/**
 * The most sockets one bench run ever opens, all parts together: the scale part about 4,050 (2,000
 * chats of 2 and its consoles), the messages part about 14,000 (its scenarios, about 800, then
 * 6,600 per system for the memory figures: 600 chats and 1,200 idle sockets, 1,500 chats, and 600
 * chats whose objects are evicted), with room to spare.
 */
const MAX_SOCKETS = 24_000;

export type SystemName = 'switchboard' | 'baseline';

/** One room under load: a sending socket and a receiving socket. */
export interface Room {
  /** The frame the sender writes for message `id`. */
  frame(id: string, text: string): string;
  readonly sender: WebSocket;
  readonly receiver: WebSocket;
  /** Switchboard's chat id, or the baseline room's path. */
  readonly id: string;
  /** Further sockets on the room that only listen (a monitor), closed with it. */
  readonly listeners: readonly WebSocket[];
  /** The message id a frame on the receiver delivers, or null for any other frame. */
  delivered(frame: unknown): string | null;
  /** A frame on the sender that reports a refusal (Switchboard's `error`), or null. */
  refusal(frame: unknown): string | null;
  /** Switchboard's typing frame with this draft (the baseline has no typing). */
  typing?(draft: string): string;
  /** Switchboard: the agent ends the chat; resolves once their socket hears it ended. */
  end?(): Promise<void>;
}

export interface RunResult {
  system: SystemName;
  rooms: number;
  sent: number;
  received: number;
  lost: number;
  duplicated: number;
  /** Frames the server refused (error frames on the sender's socket). */
  refused: number;
  /** Delivered after MESSAGE_DEADLINE_MS (already counted as lost). */
  late: number;
  /** One-way latencies of the delivered messages, in ms. */
  latencies: number[];
  /** First send to last delivery, in ms. */
  elapsedMs: number;
  /** Server (workerd) CPU time over the same span, in ms; null where it cannot be read. */
  serverCpuMs: number | null;
  /** This (load-generating) process's CPU time over the same span, in ms. */
  clientCpuMs: number;
  /** Messages planned but never sent because the run hit RUN_TIMEOUT_MS. */
  unsent: number;
}

export interface Summary {
  messagesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  sent: number;
  received: number;
  lost: number;
  duplicated: number;
  refused: number;
  /** Server CPU time per delivered message, in µs; NaN where it cannot be read. */
  serverCpuUsPerMessage: number;
}

// ---- small helpers -------------------------------------------------------------------------

function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

let socketsOpened = 0;

function wsUrl(origin: string, path: string): string {
  const url = new URL(path, origin);
  if (url.hostname !== BENCH_HOST) throw new Error(`refusing to connect to ${url.hostname}`);
  url.protocol = 'ws:';
  return url.toString();
}

/**
 * Opens a socket; with `untilSynced`, resolves only once Switchboard's `synced` frame has arrived
 * (the listener is attached before the upgrade completes, so no frame can slip past it).
 */
export function openSocket(origin: string, path: string, untilSynced: boolean, headers: Record<string, string> = {}): Promise<WebSocket> {
  if (++socketsOpened > MAX_SOCKETS) throw new Error(`more than ${MAX_SOCKETS} sockets`);
  const what = `upgrade ${path.split('?')[0]}`;
  const ws = new WebSocket(wsUrl(origin, path), { headers, perMessageDeflate: false, handshakeTimeout: SETUP_STEP_TIMEOUT_MS });
  const opened = new Promise<WebSocket>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`${what} refused: ${res.statusCode}`)));
    if (!untilSynced) {
      ws.once('open', () => resolve(ws));
      return;
    }
    const onFrame = (data: WebSocket.RawData) => {
      for (const frame of decodeFrames(data.toString()) as ServerFrame[]) {
        if (frame.type === 'error') reject(new Error(`${what}: error ${frame.code}: ${frame.message}`));
        if (frame.type !== 'synced') continue;
        ws.off('message', onFrame);
        resolve(ws);
      }
    };
    ws.on('message', onFrame);
  });
  return timeout(opened, SETUP_STEP_TIMEOUT_MS, what).catch((err: unknown) => {
    ws.terminate();
    throw err;
  });
}

/** Resolves with the first server frame on `ws` that `match` accepts. */
function waitForFrame(ws: WebSocket, what: string, match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
  let listener: ((data: WebSocket.RawData) => void) | undefined;
  return timeout(
    new Promise<ServerFrame>((resolve, reject) => {
      listener = (data) => {
        for (const frame of decodeFrames(data.toString()) as ServerFrame[]) {
          if (frame.type === 'error') reject(new Error(`${what}: error ${frame.code}: ${frame.message}`));
          else if (match(frame)) resolve(frame);
        }
      };
      ws.on('message', listener);
    }),
    SETUP_STEP_TIMEOUT_MS,
    what,
  ).finally(() => listener && ws.off('message', listener));
}

async function http(origin: string, path: string, init: { method: string; body?: unknown; cookie?: string }): Promise<Response> {
  const url = new URL(path, origin);
  if (url.hostname !== BENCH_HOST) throw new Error(`refusing to call ${url.hostname}`);
  const headers: Record<string, string> = { Origin: origin };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.Cookie = init.cookie;
  return fetch(url, {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(SETUP_STEP_TIMEOUT_MS),
  });
}

// ---- setting rooms up ----------------------------------------------------------------------

/** Signs the seeded agent in; returns the Cookie header value. */
export async function signIn(servers: Servers, who: { email: string; password: string } = servers.agent): Promise<string> {
  const res = await http(servers.origin, '/api/auth/login', {
    method: 'POST',
    body: { email: who.email, password: who.password },
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}

/** A message's first transmission, as the widget sends it (client/shared/conversation.ts): the bench never resends. */
const sendFrame = (id: string, text: string): string => JSON.stringify({ type: 'send', id, text, first: true } satisfies ClientFrame);

/** A chat started through the widget's route, as a visitor starts one: its id and the visitor's token. */
export async function startChat(servers: Servers, i: number, groupId = servers.groupId): Promise<{ chatId: string; token: string }> {
  const res = await http(servers.origin, '/api/visitor/chats', {
    method: 'POST',
    body: { name: `Bench Visitor ${i}`, email: `visitor${i}@example.test`, question: `Bench question ${i}`, groupId },
  });
  if (res.status !== 201) throw new Error(`starting chat ${i} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { chatId: string; token: string };
}

// frames=many, as the clients ask: several frames may share a message (objects/outbox.ts).
export const visitorSocket = (origin: string, chat: { chatId: string; token: string }) =>
  openSocket(origin, `/api/visitor/chats/${chat.chatId}/ws?token=${encodeURIComponent(chat.token)}&after=0&frames=many`, true);
export const staffSocket = (origin: string, chatId: string, cookie: string) => openSocket(origin, `/api/chats/${chatId}/ws?after=0&frames=many`, true, { Cookie: cookie });

/** The agent on this socket takes its chat; resolves once the socket hears it taken. */
export async function takeOn(agent: WebSocket, what: string): Promise<void> {
  const taken = waitForFrame(agent, `${what} take`, (f) => f.type === 'event' && f.event.kind === 'taken');
  agent.send(JSON.stringify({ type: 'take' } satisfies ClientFrame));
  await taken;
}

/**
 * A Switchboard chat: the visitor sends, the agent (who has taken the chat) receives; with a
 * monitor's cookie, a manager follows the chat on a third socket.
 */
export async function switchboardRoom(servers: Servers, cookie: string, i: number, monitorCookie?: string, groupId = servers.groupId): Promise<Room> {
  const { origin } = servers;
  const started = await startChat(servers, i, groupId);
  const { chatId } = started;
  const visitor = await visitorSocket(origin, started);
  const agent = await staffSocket(origin, chatId, cookie);
  await takeOn(agent, `chat ${i}`);
  const listeners = monitorCookie ? [await staffSocket(origin, chatId, monitorCookie)] : [];

  return {
    id: chatId,
    sender: visitor,
    receiver: agent,
    listeners,
    frame: sendFrame,
    typing: (draft) => JSON.stringify({ type: 'typing', draft } satisfies ClientFrame),
    async end() {
      // A socket already gone (a failed run) has nothing to end the chat with: no 10 s wait for it.
      if (agent.readyState !== WebSocket.OPEN) return;
      const ended = waitForFrame(agent, `chat ${i} end`, (f) => f.type === 'event' && f.event.kind === 'ended');
      try {
        agent.send(JSON.stringify({ type: 'end' } satisfies ClientFrame));
      } catch (err) {
        ended.catch(() => undefined);
        throw err;
      }
      await ended;
    },
    delivered(data) {
      const frame = data as ServerFrame;
      return frame.type === 'event' && frame.event.kind === 'message' ? frame.event.clientId : null;
    },
    refusal(data) {
      const frame = data as ServerFrame;
      return frame.type === 'error' ? `${frame.code}: ${frame.message}` : null;
    },
  };
}

/** A baseline room: two sockets (or more, listening) on the same object; it stores and relays the very same frames. */
async function baselineRoom(servers: Servers, name: string, listenerCount = 0): Promise<Room> {
  const path = `${BASELINE_ROUTE_PREFIX}${name}`;
  const sender = await openSocket(servers.origin, path, false);
  const receiver = await openSocket(servers.origin, path, false);
  const listeners: WebSocket[] = [];
  for (let i = 0; i < listenerCount; i++) listeners.push(await openSocket(servers.origin, path, false));
  return {
    id: path,
    sender,
    receiver,
    listeners,
    frame: sendFrame,
    delivered(data) {
      const frame = data as { id?: unknown };
      return typeof frame.id === 'string' ? frame.id : null;
    },
    refusal: () => null,
  };
}

export function setUpSwitchboard(servers: Servers, cookie: string, count: number, monitorCookie?: string): Promise<Room[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    SETUP_CONCURRENCY,
    (i) => switchboardRoom(servers, cookie, i, monitorCookie),
  );
}

export function setUpBaseline(servers: Servers, count: number, tag: string, listeners = 0): Promise<Room[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    SETUP_CONCURRENCY,
    (i) => baselineRoom(servers, `${tag}-${i}`, listeners),
  );
}

/**
 * `count` more chats (Switchboard's, taken by the agent whose cookie is given) or rooms (the
 * baseline's), each with one message through it, so every object has written to its storage: what
 * the memory figures measure.
 */
export async function openRoomsWithAMessage(system: SystemName, servers: Servers, cookie: string, count: number, tag: string): Promise<Room[]> {
  const rooms = system === 'switchboard' ? await setUpSwitchboard(servers, cookie, count) : await setUpBaseline(servers, count, tag);
  await runLoad(system, rooms, 1, WINDOW, tag);
  return rooms;
}

/** Opens `count` more idle sockets: Switchboard staff sockets on its chats, or listeners on baseline rooms. */
export function openIdleSockets(system: SystemName, servers: Servers, rooms: readonly Room[], count: number, cookie: string): Promise<WebSocket[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => rooms[i % rooms.length]!.id),
    SETUP_CONCURRENCY,
    (id) =>
      system === 'baseline'
        ? openSocket(servers.origin, id, false)
        : staffSocket(servers.origin, id, cookie),
  );
}

export async function closeSockets(sockets: readonly WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, CLOSE_TIMEOUT_MS);
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000, 'bench done');
        }),
    ),
  );
}

export function closeRooms(rooms: readonly Room[]): Promise<void> {
  return closeSockets(rooms.flatMap((r) => [r.sender, r.receiver, ...r.listeners]));
}

/**
 * Ends Switchboard's chats as their agents would (a room that cannot is left as it is). A chat
 * left open keeps its timers after the bench has moved on (its idle warning two minutes on, its
 * counters' store every 30 s), and they fall inside whatever the bench measures next.
 */
export async function endChats(rooms: readonly Room[]): Promise<void> {
  await mapLimit(rooms, SETUP_CONCURRENCY, async (r) => r.end?.().catch(() => undefined));
}

// ---- one run -------------------------------------------------------------------------------

interface Pending {
  room: RoomState;
  sentAt: number;
}

interface RoomState {
  room: Room;
  index: number;
  nextIndex: number;
  inFlight: number;
}

function padText(prefix: string): string {
  return prefix.length >= MESSAGE_TEXT_LENGTH ? prefix : prefix + ' ' + 'x'.repeat(MESSAGE_TEXT_LENGTH - prefix.length - 1);
}

/** How often an open-loop run checks whether sends are due. */
const PACING_TICK_MS = 5;

/**
 * Sends `perRoom` messages through every room and resolves once each is delivered or past its
 * deadline (plus a grace for duplicates). Closed loop (`window` a number): at most `window`
 * un-delivered messages per room, the next sent as one arrives. Open loop (`window` =
 * `{ ratePerSecond }`): sends at that rate over all rooms in turn, whatever is in flight, as
 * customers do; latency then includes any queueing the server builds up.
 */
export function runLoad(
  system: SystemName,
  rooms: readonly Room[],
  perRoom: number,
  window: number | { ratePerSecond: number },
  tag: string,
  serverCpuMs: () => number | null = () => null,
  /**
   * Both people in each room type while the messages flow, as their clients say it
   * (client/shared/typing.ts): the sender (the customer) sends a growing draft this often, the
   * receiver (the agent) that they are still typing every `receiverTypingEveryMs`. 0: no typing.
   */
  typingEveryMs = 0,
  receiverTypingEveryMs = 0,
): Promise<RunResult> {
  const closedWindow = typeof window === 'number' ? window : Infinity;
  const pacedRate = typeof window === 'number' ? null : window.ratePerSecond;
  const total = rooms.length * perRoom;
  const pending = new Map<string, Pending>();
  const done = new Set<string>();
  const lostIds = new Set<string>();
  const latencies: number[] = [];
  const trace: number[] = [];
  const result: RunResult = {
    system,
    rooms: rooms.length,
    sent: 0,
    received: 0,
    lost: 0,
    duplicated: 0,
    refused: 0,
    late: 0,
    latencies,
    elapsedMs: 0,
    serverCpuMs: null,
    clientCpuMs: 0,
    unsent: 0,
  };
  const states: RoomState[] = rooms.map((room, index) => ({ room, index, nextIndex: 0, inFlight: 0 }));
  const cleanups: (() => void)[] = [];
  let firstSendAt = 0;
  let lastDeliveryAt = 0;
  const cpuAtStart = serverCpuMs();
  const clientCpuAtStart = process.cpuUsage();

  return new Promise<RunResult>((resolve) => {
    let finishing = false;
    const settled = () => result.received + result.lost >= total;

    const finish = () => {
      if (finishing) return;
      finishing = true;
      result.elapsedMs = lastDeliveryAt - firstSendAt;
      const clientCpu = process.cpuUsage(clientCpuAtStart);
      result.clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
      const cpuAtEnd = serverCpuMs();
      if (cpuAtStart !== null && cpuAtEnd !== null) result.serverCpuMs = cpuAtEnd - cpuAtStart;
      if (TRACE_FILE && trace.length > 0) {
        const lines: string[] = [];
        for (let i = 0; i < trace.length; i += 3) {
          lines.push(`${system} ${tag} ${(trace[i]! - firstSendAt).toFixed(1)} ${trace[i + 1]!.toFixed(2)} ${trace[i + 2]} ${(performance.timeOrigin + trace[i]!).toFixed(0)}\n`);
        }
        appendFileSync(TRACE_FILE, lines.join(''));
      }
      setTimeout(() => {
        cleanups.forEach((c) => c());
        resolve(result);
      }, DUPLICATE_GRACE_MS);
    };

    const sendOne = (state: RoomState) => {
      // Random UUIDs, as the clients send (client/shared/conversation.ts): their order matters
      // to the object's (sender, client_id) index.
      const id = crypto.randomUUID();
      const frame = state.room.frame(id, padText(`bench ${tag} room ${state.index} #${state.nextIndex}`));
      state.nextIndex++;
      state.inFlight++;
      const sentAt = performance.now();
      if (firstSendAt === 0) firstSendAt = sentAt;
      pending.set(id, { room: state, sentAt });
      result.sent++;
      state.room.sender.send(frame);
    };
    const pump = (state: RoomState) => {
      if (pacedRate !== null) return;
      while (state.inFlight < closedWindow && state.nextIndex < perRoom) sendOne(state);
    };

    for (const state of states) {
      // One message may carry several frames (objects/outbox.ts): each is a delivery of its own.
      const onDelivery = (data: WebSocket.RawData) => {
        const at = performance.now();
        for (const frame of decodeFrames(data.toString())) deliver(frame, at);
      };
      const deliver = (frame: unknown, at: number) => {
        const id = state.room.delivered(frame);
        if (id === null) return;
        const p = pending.get(id);
        if (p) {
          pending.delete(id);
          done.add(id);
          latencies.push(at - p.sentAt);
          if (TRACE_FILE) trace.push(p.sentAt, at - p.sentAt, p.room.index);
          lastDeliveryAt = at;
          result.received++;
          p.room.inFlight--;
          if (!finishing) pump(p.room);
          if (settled()) finish();
        } else if (done.has(id)) {
          result.duplicated++;
        } else if (lostIds.has(id)) {
          result.late++;
        }
        // Any other id belongs to another run (or is the chat's opening question): ignored.
      };
      const onSenderFrame = (data: WebSocket.RawData) => {
        for (const frame of decodeFrames(data.toString())) if (state.room.refusal(frame) !== null) result.refused++;
      };
      state.room.receiver.on('message', onDelivery);
      state.room.sender.on('message', onSenderFrame);
      cleanups.push(() => {
        state.room.receiver.off('message', onDelivery);
        state.room.sender.off('message', onSenderFrame);
      });
    }

    const giveUp = setTimeout(() => {
      if (finishing) return;
      for (const p of pending.values()) p.room.inFlight--;
      result.lost += pending.size;
      for (const id of pending.keys()) lostIds.add(id);
      pending.clear();
      result.unsent = total - result.sent;
      if (lastDeliveryAt === 0) lastDeliveryAt = performance.now();
      finish();
    }, RUN_TIMEOUT_MS);
    cleanups.push(() => clearTimeout(giveUp));

    const sweep = setInterval(() => {
      const now = performance.now();
      for (const [id, p] of pending) {
        if (now - p.sentAt < MESSAGE_DEADLINE_MS) continue;
        pending.delete(id);
        lostIds.add(id);
        result.lost++;
        p.room.inFlight--;
        if (!finishing) pump(p.room);
      }
      if (settled()) finish();
    }, SWEEP_INTERVAL_MS);
    cleanups.push(() => clearInterval(sweep));

    if (typingEveryMs > 0) {
      // One room per tick, in turn, so each room types every `typingEveryMs` and the frames are
      // spread over the interval as independent people's would be.
      let tick = 0;
      const receiverEvery = receiverTypingEveryMs > 0 ? Math.max(1, Math.round(receiverTypingEveryMs / typingEveryMs)) : 0;
      const typer = setInterval(() => {
        const { room } = states[tick % states.length]!;
        const round = Math.floor(tick / states.length);
        tick++;
        if (!room.typing) return;
        room.sender.send(room.typing(padText(`typing ${tick}`).slice(0, 10 + (tick % 60))));
        if (receiverEvery > 0 && round % receiverEvery === 0) room.receiver.send(room.typing('…'));
      }, Math.max(1, typingEveryMs / states.length));
      cleanups.push(() => clearInterval(typer));
    }
    if (total === 0) return finish();
    if (pacedRate === null) {
      for (const state of states) pump(state);
      return;
    }
    const startedAt = performance.now();
    const pacer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) * pacedRate) / 1000) + 1);
      while (result.sent < due) sendOne(states[result.sent % states.length]!);
      if (result.sent >= total) clearInterval(pacer);
    }, PACING_TICK_MS);
    cleanups.push(() => clearInterval(pacer));
  });
}

// ---- statistics ----------------------------------------------------------------------------

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Pools several runs of one system: throughput over their summed time, percentiles over all latencies. */
export function summarize(runs: readonly RunResult[]): Summary {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const received = runs.reduce((n, r) => n + r.received, 0);
  const elapsedMs = runs.reduce((n, r) => n + r.elapsedMs, 0);
  const cpuMs = runs.every((r) => r.serverCpuMs !== null) ? runs.reduce((n, r) => n + r.serverCpuMs!, 0) : NaN;
  return {
    serverCpuUsPerMessage: received > 0 ? (cpuMs / received) * 1000 : NaN,
    messagesPerSecond: elapsedMs > 0 ? (received / elapsedMs) * 1000 : 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    sent: runs.reduce((n, r) => n + r.sent, 0),
    received,
    lost: runs.reduce((n, r) => n + r.lost, 0),
    duplicated: runs.reduce((n, r) => n + r.duplicated, 0),
    refused: runs.reduce((n, r) => n + r.refused, 0),
  };
}
