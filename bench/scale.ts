// Part `scale` of `npm run bench` (named only: `npm run bench -- scale`): thousands of concurrent
// chats at a customer's pace, to count what reaches the shared pieces, not to time the hot path.
// SCALE_CHATS chats in SCALE_GROUPS groups, each with a visitor and its agent writing once every
// MESSAGE_INTERVAL_MS, and SCALE_CONSOLES agent consoles open on their group's lobby piece. After
// a warm-up it counts, over MEASURE_MS: row writes into D1's `chats` table (a trigger in the
// bench's throw-away D1 counts them) and the publishes each lobby piece received (every console of
// a piece hears each of them once), and prints both per second and per 1,000 chats. docs/scale.md
// takes these figures to 100,000 chats.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ClientFrame, LobbyClientFrame, LobbyFrame } from '../objects/protocol.ts';
import { decodeFrames } from '../objects/protocol.ts';
import { hashPassword } from '../worker/auth/password.ts';
import type { PartContext } from './common.ts';
import { fmt, sleep, table } from './common.ts';
import { closeRooms, closeSockets, mapLimit, openSocket, percentile, type Room, signIn, switchboardRoom } from './load.ts';

export const SCALE_TIMEOUT_MS = 600_000;
const SCALE_CHATS = 2000;
const SCALE_GROUPS = 10;
const SCALE_CONSOLES = 50;
/** Each side of each chat writes this often (a customer and an agent in conversation). */
const MESSAGE_INTERVAL_MS = 10_000;
/** Long enough for every chat to have written, and every counter write of the set-up to land. */
const WARMUP_MS = 35_000;
const MEASURE_MS = 60_000;
const SETUP_CONCURRENCY = 16;
const TICK_MS = 50;
const SEED_PBKDF2_ITERATIONS = 1000;
/** A message not delivered within this long counts as late; one still missing at the end, as lost. */
const DELIVERY_DEADLINE_MS = 15_000;
/** How long the run listens after its last send for late messages, before counting the rest lost. */
const LATE_GRACE_MS = 30_000;

interface Side {
  ws: WebSocket;
  nextAt: number;
  chat: number;
  from: 'visitor' | 'agent';
}

async function seed(ctx: PartContext, servers: Awaited<ReturnType<PartContext['startServers']>>) {
  const db = await servers.mf.getD1Database('DB');
  const now = Date.now();
  const groups = Array.from({ length: SCALE_GROUPS }, (_, g) => `scale-group-${g}`);
  const agents = Array.from({ length: SCALE_CONSOLES }, (_, a) => ({
    id: `scale-agent-${a}`,
    email: `scale.agent.${a}@example.test`,
    password: `pw-${crypto.randomUUID()}`,
    groupId: groups[a % SCALE_GROUPS]!,
  }));
  const statements = groups.map((g, i) => db.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)').bind(g, `Scale ${i}`, now));
  for (const a of agents) {
    statements.push(
      db
        .prepare('INSERT INTO agents (id, email, name, password_hash, role, created_at, max_chats) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .bind(a.id, a.email, a.id, await hashPassword(a.password, SEED_PBKDF2_ITERATIONS), 'agent', now, SCALE_CHATS),
      db.prepare('INSERT INTO memberships (agent_id, group_id) VALUES (?, ?)').bind(a.id, a.groupId),
    );
  }
  // Counts every row written into `chats` (the projection's writes), in the bench's own D1 only.
  statements.push(
    db.prepare('CREATE TABLE bench_chat_writes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)'),
    db.prepare('INSERT INTO bench_chat_writes (id, n) VALUES (1, 0)'),
    db.prepare('CREATE TRIGGER bench_count_insert AFTER INSERT ON chats BEGIN UPDATE bench_chat_writes SET n = n + 1 WHERE id = 1; END'),
    db.prepare('CREATE TRIGGER bench_count_update AFTER UPDATE ON chats BEGIN UPDATE bench_chat_writes SET n = n + 1 WHERE id = 1; END'),
  );
  await db.batch(statements);
  ctx.log(`seeded ${SCALE_GROUPS} groups and ${SCALE_CONSOLES} agents`);
  // Read through a fresh binding each time, tried again on failure: Miniflare's proxy connection
  // can drop while workerd is saturated by thousands of sockets.
  const writes = async (): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = await servers.mf.getD1Database('DB');
        return (await fresh.prepare('SELECT n FROM bench_chat_writes WHERE id = 1').first<{ n: number }>())!.n;
      } catch (err) {
        if (attempt >= 5) throw err;
        await sleep(2000);
      }
    }
  };
  return { groups, agents, writes };
}

export async function runScale(ctx: PartContext): Promise<number> {
  const servers = await ctx.startServers();
  const { groups, agents, writes } = await seed(ctx, servers);
  const cookies = await mapLimit(agents, SETUP_CONCURRENCY, (a) => signIn(servers, a));

  // The consoles: one lobby socket each, on its agent's group. The first of each group shows all
  // of its group's chats, so every publish its piece receives reaches it (its `chat` frames count
  // them); the others show none of them, as a console on another page would, and hear only state changes.
  const publishes = new Map<string, number>(groups.map((g) => [g, 0]));
  let framesElsewhere = 0;
  const firstConsole = new Map<string, WebSocket>();
  const consoles = await mapLimit(agents, SETUP_CONCURRENCY, async (a, i) => {
    const ws = await openSocket(servers.origin, `/api/lobby/ws?group=${a.groupId}`, false, { Cookie: cookies[i]! });
    const first = !firstConsole.has(a.groupId);
    if (first) firstConsole.set(a.groupId, ws);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as LobbyFrame;
      if (frame.type !== 'chat') return;
      if (first) publishes.set(a.groupId, publishes.get(a.groupId)! + 1);
      else framesElsewhere++;
    });
    return ws;
  });
  ctx.log(`${consoles.length} consoles open`);

  const t = performance.now();
  let ready = 0;
  const rooms: Room[] = await mapLimit(
    Array.from({ length: SCALE_CHATS }, (_, i) => i),
    SETUP_CONCURRENCY,
    async (i) => {
      if (ctx.signal.aborted) throw new Error('stopped');
      const g = i % SCALE_GROUPS;
      // The group's agents take its chats in turn.
      const agentIndex = g + SCALE_GROUPS * (Math.floor(i / SCALE_GROUPS) % (SCALE_CONSOLES / SCALE_GROUPS));
      const room = await switchboardRoom(servers, cookies[agentIndex]!, i, undefined, groups[g]);
      if (++ready % 250 === 0) ctx.log(`${ready}/${SCALE_CHATS} chats started, connected and taken`);
      return room;
    },
  );
  for (const [g, groupId] of groups.entries()) {
    const chatIds = rooms.filter((_, i) => i % SCALE_GROUPS === g).map((r) => r.id);
    firstConsole.get(groupId)!.send(JSON.stringify({ type: 'showing', chatIds } satisfies LobbyClientFrame));
  }
  ctx.log(`${SCALE_CHATS} chats ready in ${fmt((performance.now() - t) / 1000, 1)} s; ${SCALE_CHATS * 2 + SCALE_CONSOLES} sockets open`);

  // Both sides of every chat write once per MESSAGE_INTERVAL_MS, at a random phase.
  const start = performance.now();
  const sides: Side[] = rooms.flatMap((room, chat) => [
    { ws: room.sender, nextAt: start + Math.random() * MESSAGE_INTERVAL_MS, chat, from: 'visitor' as const },
    { ws: room.receiver, nextAt: start + Math.random() * MESSAGE_INTERVAL_MS, chat, from: 'agent' as const },
  ]);
  const pending = new Map<string, number>();
  /** Past the deadline and not yet delivered: lost unless they arrive before the end. */
  const overdue = new Set<string>();
  const latencies: number[] = [];
  let sent = 0;
  let late = 0;
  let measuring = false;
  rooms.forEach((room) => {
    for (const ws of [room.sender, room.receiver]) {
      ws.on('message', (data) => {
        // One message may carry several frames (objects/outbox.ts).
        for (const frame of decodeFrames(data.toString()) as { type?: string; event?: { kind: string; clientId?: string } }[]) {
          if (frame.type !== 'event') continue;
          const id = frame.event?.clientId ?? '';
          if (overdue.has(id) && ws !== sideOf(id)) {
            overdue.delete(id);
            senderOf.delete(id);
            continue;
          }
          const at = pending.get(id);
          // Each message reaches both sides (the sender's copy is its acknowledgement): count the other's.
          if (at === undefined || ws === sideOf(id)) continue;
          pending.delete(id);
          senderOf.delete(id);
          if (measuring) latencies.push(performance.now() - at);
        }
      });
    }
  });
  const senderOf = new Map<string, WebSocket>();
  const sideOf = (id: string) => senderOf.get(id);
  const tick = setInterval(() => {
    const now = performance.now();
    for (const side of sides) {
      if (side.nextAt > now) continue;
      // A late side sends once and takes its next slot: never a burst to catch up, which would
      // make the load generator the bottleneck it measures.
      do side.nextAt += MESSAGE_INTERVAL_MS;
      while (side.nextAt <= now);
      const id = crypto.randomUUID();
      pending.set(id, now);
      senderOf.set(id, side.ws);
      sent++;
      side.ws.send(JSON.stringify({ type: 'send', id, text: `scale ${side.from} ${side.chat} ${sent}`, first: true } satisfies ClientFrame));
    }
    for (const [id, at] of pending) {
      if (now - at < DELIVERY_DEADLINE_MS) break;
      pending.delete(id);
      overdue.add(id);
      late++;
    }
  }, TICK_MS);

  try {
    ctx.log(`warming up for ${WARMUP_MS / 1000} s at ${fmt((SCALE_CHATS * 2 * 1000) / MESSAGE_INTERVAL_MS, 0)} messages/s`);
    await sleep(WARMUP_MS);
    measuring = true;
    const writesBefore = await writes();
    const publishesBefore = new Map(publishes);
    const elsewhereBefore = framesElsewhere;
    const sentBefore = sent;
    const lateBefore = late;
    const measuredFrom = performance.now();
    ctx.log(`measuring for ${MEASURE_MS / 1000} s`);
    await sleep(MEASURE_MS);
    // Every counter is read at the same moment; D1's count may include writes made while it is
    // read, which only overstates its rate.
    const seconds = (performance.now() - measuredFrom) / 1000;
    const sentDuring = sent - sentBefore;
    const publishesDuring = new Map(groups.map((g) => [g, publishes.get(g)! - publishesBefore.get(g)!]));
    const elsewhereDuring = framesElsewhere - elsewhereBefore;
    const lateDuring = late - lateBefore;
    measuring = false;
    const writesDuring = (await writes()) - writesBefore;
    const perThousand = 1000 / SCALE_CHATS;
    const chatsPerGroup = SCALE_CHATS / SCALE_GROUPS;
    const pieceRates = groups.map((g) => publishesDuring.get(g)! / seconds);
    const messagesPerSecond = sentDuring / seconds;
    const perOtherConsole = elsewhereDuring / seconds / (SCALE_CONSOLES - SCALE_GROUPS);
    latencies.sort((a, b) => a - b);
    const d1Rate = writesDuring / seconds;
    const busiest = Math.max(...pieceRates);
    const rows = [
      ['messages sent', fmt(messagesPerSecond, 0), fmt(messagesPerSecond * perThousand, 0), `${SCALE_CHATS} chats × 2 sides / ${MESSAGE_INTERVAL_MS / 1000} s`],
      ['D1 `chats` row writes', fmt(d1Rate, 1), fmt(d1Rate * perThousand, 1), 'counters: at most 1 per chat per 30 s'],
      [
        'publishes into the busiest lobby piece',
        fmt(busiest, 1),
        fmt((busiest * 1000) / chatsPerGroup, 1),
        `${chatsPerGroup} chats per piece; per 1,000 chats of one piece`,
      ],
      [
        'publishes into a lobby piece, mean',
        fmt(pieceRates.reduce((a, b) => a + b, 0) / pieceRates.length, 1),
        fmt((pieceRates.reduce((a, b) => a + b, 0) / pieceRates.length / chatsPerGroup) * 1000, 1),
        `${SCALE_GROUPS} pieces (one per group, 1 shard)`,
      ],
      [
        'frames to a console showing none of them',
        fmt(perOtherConsole, 2),
        fmt((perOtherConsole * 1000) / chatsPerGroup, 2),
        'state changes only; counters go to consoles showing the chat',
      ],
    ];
    console.log(
      [
        '',
        `scale: ${SCALE_CHATS} concurrent chats in ${SCALE_GROUPS} groups, ${SCALE_CONSOLES} consoles, a message per side every ${MESSAGE_INTERVAL_MS / 1000} s, measured over ${fmt(seconds, 0)} s`,
        ...table(['what', 'per second', 'per 1,000 chats', 'why'], rows, 1),
        `delivery: p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms over ${latencies.length} messages; ` +
          `${lateDuring} later than ${DELIVERY_DEADLINE_MS / 1000} s while measuring (this 2-core machine saturates: the rates above are what the rules bound)`,
      ].join('\n'),
    );
    // Stop sending, let late messages arrive, then count what never did.
    clearInterval(tick);
    ctx.log(`listening ${LATE_GRACE_MS / 1000} s for late messages`);
    await sleep(LATE_GRACE_MS);
    const lost = overdue.size + [...pending.values()].filter((at) => performance.now() - at > LATE_GRACE_MS).length;
    console.log(lost === 0 ? 'No message lost: every one sent reached the other side.' : `FAILED: ${lost} message(s) never reached the other side.`);
    return lost > 0 ? 1 : 0;
  } finally {
    clearInterval(tick);
    await closeRooms(rooms);
    await closeSockets(consoles);
  }
}
