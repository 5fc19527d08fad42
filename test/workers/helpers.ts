// Setup for the integration tests, kept out of the stories: people and groups in D1, signing
// in, starting chats and sockets that queue the frames they receive.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { ChatEvent, ClientFrame, ServerFrame } from '../../objects/protocol.ts';
import { decodeFrames } from '../../objects/protocol.ts';
import { randomId } from '../../worker/auth/encoding.ts';
import { hashPassword } from '../../worker/auth/password.ts';

export const ORIGIN = 'http://switchboard.test';
/** Fewer PBKDF2 rounds than production: the tests check the scheme, not its cost. */
const TEST_ITERATIONS = 1000;
/**
 * Idle thresholds while the tests run: short, so a test can watch a chat turn yellow and red.
 * Settings are shared by every test file, so every test that sets them uses these.
 */
export const TEST_THRESHOLDS = { idleWarningSeconds: 1, idleHighSeconds: 2 };

/** How long a test waits for a frame before it fails with a clear message. */
const FRAME_WAIT_MS = 3000;

export interface TestAgent {
  id: string;
  email: string;
  name: string;
  password: string;
  role: 'agent' | 'manager' | 'admin';
}

export interface World {
  groupA: string;
  groupB: string;
  alice: TestAgent; // agent in group A
  bob: TestAgent; // agent in groups A and B
  carol: TestAgent; // agent in group B only
  mona: TestAgent; // manager in group A
  adam: TestAgent; // administrator in groups A and B
}

/** Two groups, three agents, a manager and an administrator, with fresh ids so tests never share rows. */
export async function seedWorld(): Promise<World> {
  const tag = randomId(6);
  const now = Date.now();
  const groupA = `ga-${tag}`;
  const groupB = `gb-${tag}`;
  const mk = (name: string, role: TestAgent['role'] = 'agent'): TestAgent => ({
    id: `${name}-${tag}`,
    email: `${name}.${tag}@example.test`.toLowerCase(),
    name: `${name[0]!.toUpperCase()}${name.slice(1)}`,
    password: `pw-${name}-${tag}`,
    role,
  });
  const world: World = {
    groupA,
    groupB,
    alice: mk('alice'),
    bob: mk('bob'),
    carol: mk('carol'),
    mona: mk('mona', 'manager'),
    adam: mk('adam', 'admin'),
  };
  const stmts = [
    env.DB.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)').bind(groupA, `Sales ${tag}`, now),
    env.DB.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)').bind(groupB, `Billing ${tag}`, now),
  ];
  for (const a of [world.alice, world.bob, world.carol, world.mona, world.adam]) {
    stmts.push(
      env.DB.prepare('INSERT INTO agents (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)').bind(
        a.id,
        a.email,
        a.name,
        await hashPassword(a.password, TEST_ITERATIONS),
        a.role,
        now,
      ),
    );
  }
  const member = (a: TestAgent, g: string) =>
    env.DB.prepare('INSERT INTO memberships (agent_id, group_id) VALUES (?, ?)').bind(a.id, g);
  stmts.push(
    member(world.alice, groupA),
    member(world.bob, groupA),
    member(world.bob, groupB),
    member(world.carol, groupB),
    member(world.mona, groupA),
    member(world.adam, groupA),
    member(world.adam, groupB),
  );
  await env.DB.batch(stmts);
  return world;
}

export function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET' && !headers.has('Origin')) headers.set('Origin', ORIGIN);
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return SELF.fetch(`${ORIGIN}${path}`, { ...init, headers });
}

/** Signs in and returns the Cookie header value to send. */
export async function signInAs(agent: TestAgent): Promise<string> {
  const res = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: agent.email, password: agent.password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

export async function startChat(groupId: string, question = 'My order has not arrived.'): Promise<{ chatId: string; token: string }> {
  const res = await api('/api/visitor/chats', {
    method: 'POST',
    body: JSON.stringify({ name: 'Vera Visitor', email: 'vera@example.test', question, groupId }),
  });
  if (res.status !== 201) throw new Error(`start chat failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A test's end of a WebSocket: frames are queued as they arrive and taken in order. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  /** Each WebSocket message as it arrived (one may carry several frames). */
  readonly messages: string[] = [];
  #waiters: (() => void)[] = [];
  #taken = 0;
  closed = false;
  /** The code the server closed with (0 until closed). */
  closeCode = 0;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      // One message may carry several frames (objects/outbox.ts): each counts on its own.
      this.messages.push(String(e.data));
      this.frames.push(...(decodeFrames(String(e.data)) as ServerFrame[]));
      this.#waiters.splice(0).forEach((w) => w());
    });
    ws.addEventListener('close', (e) => {
      this.closed = true;
      this.closeCode = e.code;
      this.#waiters.splice(0).forEach((w) => w());
    });
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string): void {
    this.ws.send(data);
  }

  /** The next frame not yet taken, waiting for it if need be. */
  async next(): Promise<ServerFrame> {
    const deadline = Date.now() + FRAME_WAIT_MS;
    while (this.#taken >= this.frames.length) {
      if (this.closed) throw new Error('socket closed while waiting for a frame');
      if (Date.now() > deadline) throw new Error(`no frame within ${FRAME_WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.frames[this.#taken++]!;
  }

  /** Takes frames until one of the given type arrives, and returns it. */
  async nextOf<T extends ServerFrame['type']>(type: T): Promise<Extract<ServerFrame, { type: T }>> {
    for (;;) {
      const frame = await this.next();
      if (frame.type === type) return frame as Extract<ServerFrame, { type: T }>;
    }
  }

  /** Takes frames through `synced`; returns the replayed events. */
  async replay(): Promise<ChatEvent[]> {
    const events: ChatEvent[] = [];
    for (;;) {
      const frame = await this.next();
      if (frame.type === 'event') events.push(frame.event);
      if (frame.type === 'synced') return events;
    }
  }

  /** Every event frame received so far (taken or not). */
  events(): ChatEvent[] {
    return this.frames.flatMap((f) => (f.type === 'event' ? [f.event] : []));
  }

  close(): void {
    this.ws.close(1000, 'test done');
  }
}

async function upgrade(path: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { Upgrade: 'websocket', ...headers } });
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  return new TestSocket(res.webSocket);
}

/** `frames`: `many` as the clients ask (several frames may share a message), or `one` as a page from before that did. */
export function connectVisitor(chatId: string, token: string, after = 0, frames: 'many' | 'one' = 'many'): Promise<TestSocket> {
  return upgrade(`/api/visitor/chats/${chatId}/ws?token=${encodeURIComponent(token)}&after=${after}${frames === 'many' ? '&frames=many' : ''}`);
}

export function connectAgent(chatId: string, cookie: string, after = 0, frames: 'many' | 'one' = 'many'): Promise<TestSocket> {
  return upgrade(`/api/chats/${chatId}/ws?after=${after}${frames === 'many' ? '&frames=many' : ''}`, { Cookie: cookie });
}

/** A console's live-queue socket for one of its groups (a console opens one per group). */
export function connectLobby(cookie: string, groupId: string): Promise<TestSocket> {
  return upgrade(`/api/lobby/ws?group=${encodeURIComponent(groupId)}`, { Cookie: cookie });
}

/** Status of a would-be upgrade, for the tests that expect a refusal. */
export async function upgradeStatus(path: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { Upgrade: 'websocket', ...headers } });
  res.webSocket?.accept();
  res.webSocket?.close();
  return res.status;
}
