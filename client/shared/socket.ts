// A WebSocket that stays connected: it reconnects by itself with backoff, asks for a fresh URL on
// every attempt (so a chat resumes with `after=<lastSeq>`), keeps the line alive with pings and
// exposes its state as a signal. It knows nothing about chats: frames go to the caller's handler.
import { signal, type ReadonlySignal } from '@preact/signals';
import { decodeFrames } from '../../objects/protocol.ts';
import { reconnectDelay, retryLevel } from './backoff.ts';

/**
 * The keep-alive frame, byte for byte: both objects answer it with an auto-response (which does
 * not wake a hibernating object) only when the text matches exactly.
 */
const PING_FRAME = '{"type":"ping"}';

/** A ping goes out this often; a socket that stays silent for a whole interval after it is dead. */
export const KEEPALIVE_INTERVAL_MS = 20_000;
/** A handshake that has not completed after this long is abandoned and retried. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * `connecting`: first attempt; `open`: usable; `reconnecting`: lost and retrying;
 * `closed`: stopped for good (by the caller, or refused by the server with a 4xxx close code).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketOptions<F> {
  /** Path and query of the socket, e.g. `/api/lobby/ws`; called again before every attempt. */
  path: () => string;
  onFrame: (frame: F) => void;
  /** The socket is open (first time or after a reconnect). */
  onOpen?: () => void;
  /** The socket was lost; a retry is scheduled unless it was closed for good. */
  onDown?: () => void;
}

export interface LiveSocket<Out> {
  readonly state: ReadonlySignal<ConnectionState>;
  /** Attempts that failed since the socket was last open. */
  readonly failures: ReadonlySignal<number>;
  /** Sends a frame if the socket is open; returns whether it went out. */
  send(frame: Out): boolean;
  /** Drops the current connection (if any) and connects again at once. */
  reconnect(): void;
  /** Closes for good. */
  close(): void;
}

/** `ws:` or `wss:` URL for a path on this page's own origin. */
export function socketUrl(path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** `In`: the frames the server sends (a union on `type`); `Out`: the frames we may send. */
export function openSocket<In extends { type: string }, Out extends { type: string }>(
  options: SocketOptions<In>,
): LiveSocket<Out> {
  const state = signal<ConnectionState>('connecting');
  const failures = signal(0);
  let ws: WebSocket | null = null;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  let keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  let heardSincePing = true;
  /** When the current connection opened (null: not open); and what the backoff counts (retryLevel). */
  let openedAt: number | null = null;
  let attempts = 0;

  function clearTimers(): void {
    clearTimeout(retryTimer);
    clearTimeout(handshakeTimer);
    clearInterval(keepAliveTimer);
  }

  function connect(): void {
    clearTimers();
    if (stopped) return;
    if (state.value === 'open') state.value = 'reconnecting';
    const socket = new WebSocket(socketUrl(options.path()));
    ws = socket;
    handshakeTimer = setTimeout(() => drop(socket), CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      if (ws !== socket) return;
      clearTimeout(handshakeTimer);
      failures.value = 0;
      openedAt = Date.now();
      state.value = 'open';
      heardSincePing = true;
      keepAliveTimer = setInterval(() => keepAlive(socket), KEEPALIVE_INTERVAL_MS);
      options.onOpen?.();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (ws !== socket) return;
      heardSincePing = true;
      // A chat sends what a burst of events produced as one message (objects/outbox.ts).
      for (const frame of parseFrames<In>(event.data)) options.onFrame(frame);
    };
    socket.onclose = (event: CloseEvent) => {
      if (ws !== socket) return;
      // 4000–4999 are application codes: the server refused us on purpose, so retrying is pointless.
      if (event.code >= 4000 && event.code < 5000) {
        ws = null;
        stop();
        options.onDown?.();
        return;
      }
      lost();
    };
  }

  function keepAlive(socket: WebSocket): void {
    if (!heardSincePing) return drop(socket);
    heardSincePing = false;
    socket.send(PING_FRAME);
  }

  /** Gives up on a socket that is hung; its close handshake could take minutes, so don't wait. */
  function drop(socket: WebSocket): void {
    if (ws !== socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.close();
    lost();
  }

  function lost(): void {
    ws = null;
    clearTimers();
    if (stopped) return;
    state.value = 'reconnecting';
    options.onDown?.();
    const level = retryLevel(attempts, openedAt === null ? null : Date.now() - openedAt);
    openedAt = null;
    retryTimer = setTimeout(connect, reconnectDelay(level));
    attempts = level + 1;
    failures.value += 1;
  }

  function stop(): void {
    stopped = true;
    removeEventListener('online', onOnline);
    clearTimers();
    state.value = 'closed';
  }

  /** When the browser comes back online, don't sit out the rest of a long backoff. */
  function onOnline(): void {
    if (!stopped && ws === null) connect();
  }
  addEventListener('online', onOnline);

  connect();

  return {
    state,
    failures,
    send(frame) {
      if (ws === null || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    reconnect() {
      if (stopped) return;
      if (ws !== null) {
        const old = ws;
        old.onopen = old.onmessage = old.onclose = null;
        old.close();
        ws = null;
        openedAt = null;
        options.onDown?.();
      }
      connect();
    },
    close() {
      if (ws !== null) {
        ws.onopen = ws.onmessage = ws.onclose = null;
        ws.close(1000);
        ws = null;
      }
      stop();
    },
  };
}

/** The frames of one message: a frame, or a JSON array of frames (docs/api.md). */
function parseFrames<In extends { type: string }>(raw: unknown): In[] {
  if (typeof raw !== 'string') return [];
  // The one trusted cast per socket: the server builds every frame from the unions in
  // objects/protocol.ts (`satisfies ServerFrame` / `LobbyFrame`); we only checked the envelope.
  // Handlers switch on `type` with a `never` default, so an unknown type is ignored, not misread.
  return decodeFrames(raw).filter((data): data is In => typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string');
}
