// The benchmark's yardstick: the cheapest durable chat we can write on the same runtime. One
// Durable Object per room appends every WebSocket frame to its own SQLite and relays it to the
// room's other sockets, with the same Hibernation API Switchboard uses. Bundled by bench/server.ts.
import { DurableObject } from 'cloudflare:workers';

interface BaselineEnv {
  BASELINE_ROOM: DurableObjectNamespace<BaselineRoom>;
}

/** `/room/<name>`: the only route; a WebSocket upgrade there reaches the room named so. */
const ROOM_PATH = /^\/room\/([A-Za-z0-9_-]{1,64})$/;

export class BaselineRoom extends DurableObject<BaselineEnv> {
  constructor(ctx: DurableObjectState, env: BaselineEnv) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade.', { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    const body = typeof message === 'string' ? message : new TextDecoder().decode(message);
    this.ctx.storage.sql.exec('INSERT INTO log (body) VALUES (?)', body);
    for (const other of this.ctx.getWebSockets()) {
      if (other === ws) continue;
      try {
        other.send(message);
      } catch {
        // A closing socket; it is gone by the next frame.
      }
    }
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }
}

export default {
  async fetch(request, env): Promise<Response> {
    const match = ROOM_PATH.exec(new URL(request.url).pathname);
    if (!match) return new Response('Not found.', { status: 404 });
    return env.BASELINE_ROOM.get(env.BASELINE_ROOM.idFromName(match[1]!)).fetch(request);
  },
} satisfies ExportedHandler<BaselineEnv>;
