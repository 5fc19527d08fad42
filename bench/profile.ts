// `npx tsx bench/profile.ts <mode>`: tools for finding where the hot path's time and memory go;
// never part of `npm run bench`, whose figures they would distort.
//   cpu [switchboard|baseline] [messages] [rooms] [rate]
//                                         a CPU profile of that Worker's isolate, through workerd's
//                                         inspector (Chrome DevTools protocol), while the closed loop
//                                         runs (N=1, or N=rooms with a monitor each, as the bench's
//                                         N=50x3), or the open loop at `rate` sends a second: the
//                                         functions with the most self and inclusive time
//   ab [messages per room] [rooms]        16 short closed-loop pairs (N=1, or N=rooms with a monitor
//                                         each), each system after the other and the bench's pause,
//                                         without the inspector: the median of the pairs' CPU,
//                                         throughput and p50 ratios (steadier on a noisy host than one
//                                         long run); PROFILE_WINDOW=1 for the one-way path
//   wake [rooms] [messages per room]      what waking costs: `rooms` chats of three sockets (and as many
//                                         baseline rooms) with that many messages each, left idle until
//                                         workerd evicts their objects, then one message through each at
//                                         once: its latency, and workerd's CPU time over the next
//                                         WAKE_WINDOW_MS (what the wake set off: alarms, feeds, publishes)
//   mem                                   memory per open chat (objects kept) and per idle socket,
//                                         with a full GC of both isolates (a heap snapshot forces
//                                         one) before each reading: retained JS heap beside
//                                         workerd's RSS
//   mem-trace [switchboard|baseline] [per] [batches]
//                                         RSS and the JS heap after each batch of `per` chats (one
//                                         message each), over time: how much stays once chats
//                                         hibernate, and what wakes them (a growth that comes back
//                                         some seconds later is chats woken from hibernation)
//   mem-slope [switchboard|baseline] [first] [count]
//                                         RSS per open chat (objects kept) as a slope over `count`
//                                         chats (default 1200) opened after `first` (default 300)
//                                         that are not counted, read every 150: the marginal cost
//                                         of a chat, steadier than the bench's 450 (a batch of 150
//                                         reads anything from 450 to 760 KiB a chat)
//   mem-phases                            Switchboard's RSS per chat (objects kept) by step of
//                                         opening it (start over HTTP, visitor socket, agent socket,
//                                         take), three batches of 100, each reading after a full
//                                         GC: where an open chat's memory goes
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { log, median, sleep } from './common.ts';
import { bothIsolates, inspector as inspectorAt, readMemory } from './inspector.ts';
import type { SystemName } from './load.ts';
import { closeRooms, closeSockets, mapLimit, openIdleSockets, openRoomsWithAMessage, runLoad, SETTLE_MS, setUpBaseline, setUpSwitchboard, signIn, staffSocket, startChat, takeOn, visitorSocket, WINDOW } from './load.ts';
import type { Servers } from './server.ts';
import { startServers } from './server.ts';

const INSPECTOR_PORT = 9339;
const inspector = (worker: SystemName) => inspectorAt(INSPECTOR_PORT, worker);
const AB_PAIRS = 16;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function top(counts: Map<string, number>, total: number, n: number): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

/** The functions with the most self and inclusive time in a sampled CPU profile. */
function printProfile(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const sample of profile.samples) {
    self.set(name(sample), (self.get(name(sample)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let cur: number | undefined = sample; cur !== undefined; cur = parent.get(cur)) seen.add(name(cur));
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  console.log([`\nself time (${total} samples):`, ...top(self, total, 35), '\ninclusive time:', ...top(inclusive, total, 45)].join('\n'));
}

async function cpu(servers: Servers, system: SystemName, messages: number, roomCount: number, ratePerSecond: number): Promise<void> {
  const cookie = await signIn(servers);
  const monitor = roomCount > 1 ? await signIn(servers, servers.monitor) : undefined;
  const rooms =
    system === 'switchboard'
      ? await setUpSwitchboard(servers, cookie, roomCount, monitor)
      : await setUpBaseline(servers, roomCount, `profile-${Date.now()}`, monitor ? 1 : 0);
  await runLoad(system, rooms, Math.max(10, Math.round(500 / roomCount)), WINDOW, 'warm');
  const call = await inspector(system);
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 50 });
  await call('Profiler.start');
  const t = performance.now();
  const window = profileWindow();
  const run = await runLoad(system, rooms, messages, ratePerSecond > 0 ? { ratePerSecond } : window, 'measured', servers.serverCpuMs);
  const { profile } = (await call('Profiler.stop')) as { profile: Profile };
  log(`${system}: ${run.received} messages in ${(performance.now() - t).toFixed(0)} ms (the inspector slows JS down)`);
  // PROFILE_OUT=<file>: the raw profile too (Chrome DevTools' format: open it there, or read its timeline).
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  printProfile(profile);
}

async function ab(servers: Servers, messages: number, roomCount: number): Promise<void> {
  const cookie = await signIn(servers);
  const monitor = roomCount > 1 ? await signIn(servers, servers.monitor) : undefined;
  const rooms = {
    switchboard: await setUpSwitchboard(servers, cookie, roomCount, monitor),
    baseline: await setUpBaseline(servers, roomCount, `ab-${Date.now()}`, monitor ? 1 : 0),
  };
  const window = profileWindow();
  const ratios = { cpu: [] as number[], throughput: [] as number[], p50: [] as number[] };
  for (let pair = 0; pair < AB_PAIRS; pair++) {
    const figures = {} as Record<SystemName, { cpu: number; throughput: number; p50: number }>;
    for (const system of pair % 2 ? (['baseline', 'switchboard'] as const) : (['switchboard', 'baseline'] as const)) {
      await runLoad(system, rooms[system], Math.max(10, Math.round(100 / roomCount)), window, `w${pair}`);
      const r = await runLoad(system, rooms[system], messages, window, `m${pair}`, servers.serverCpuMs);
      figures[system] = { cpu: ((r.serverCpuMs ?? NaN) * 1000) / r.received, throughput: r.received / (r.elapsedMs / 1000), p50: median(r.latencies) };
      // As the bench pauses: what a run left to do (Switchboard's projection and search feed) is not the next run's.
      await sleep(SETTLE_MS);
    }
    for (const key of ['cpu', 'throughput', 'p50'] as const) ratios[key].push(figures.switchboard[key] / figures.baseline[key]);
  }
  console.log(
    `median of ${AB_PAIRS} pairs (switchboard / baseline, window ${window}): server CPU per message ${median(ratios.cpu).toFixed(2)}, ` +
      `throughput ${median(ratios.throughput).toFixed(2)}, p50 latency ${median(ratios.p50).toFixed(2)}\n` +
      `  CPU ratios: ${ratios.cpu.map((x) => x.toFixed(2)).join(' ')}\n  p50 ratios: ${ratios.p50.map((x) => x.toFixed(2)).join(' ')}`,
  );
}

/** PROFILE_WINDOW=1: one message in flight at a time (the bench's one-way scenario); WINDOW when unset. */
function profileWindow(): number {
  const raw = process.env.PROFILE_WINDOW;
  if (raw === undefined) return WINDOW;
  const window = Number(raw);
  if (!Number.isInteger(window) || window < 1 || window > 1000) throw new Error(`PROFILE_WINDOW must be a whole number from 1 to 1000, not ${JSON.stringify(raw)}`);
  return window;
}

/** How long after the wake messages workerd's CPU time is counted (the projection is due 0.8 s after). */
const WAKE_WINDOW_MS = 3_000;
/** Longer than workerd keeps an idle object with only hibernatable sockets (about ten seconds). */
const EVICTED_AFTER_MS = 15_000;

async function wake(servers: Servers, roomCount: number, messages: number): Promise<void> {
  const cookie = await signIn(servers);
  const monitor = await signIn(servers, servers.monitor);
  const rooms = {
    switchboard: await setUpSwitchboard(servers, cookie, roomCount, monitor),
    baseline: await setUpBaseline(servers, roomCount, `wake-${Date.now()}`, 1),
  };
  for (const system of ['switchboard', 'baseline'] as const) await runLoad(system, rooms[system], messages, WINDOW, 'fill');
  for (let round = 0; round < 3; round++) {
    await sleep(EVICTED_AFTER_MS);
    for (const system of round % 2 ? (['baseline', 'switchboard'] as const) : (['switchboard', 'baseline'] as const)) {
      const call = process.env.WAKE_PROFILE && system === 'switchboard' ? await inspector(system) : null;
      if (call) {
        await call('Profiler.enable');
        await call('Profiler.setSamplingInterval', { interval: 50 });
        await call('Profiler.start');
      }
      const cpuBefore = servers.serverCpuMs() ?? NaN;
      const t = performance.now();
      const r = await runLoad(system, rooms[system], 1, 1, `wake${round}`);
      await sleep(Math.max(0, WAKE_WINDOW_MS - (performance.now() - t)));
      const cpu = (servers.serverCpuMs() ?? NaN) - cpuBefore;
      if (call) printProfile(((await call('Profiler.stop')) as { profile: Profile }).profile);
      const sorted = [...r.latencies].sort((a, b) => a - b);
      log(
        `round ${round + 1} ${system.padEnd(11)}: ${r.received}/${roomCount} woken, latency p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ` +
          `max ${sorted.at(-1)?.toFixed(1)} ms; workerd CPU over ${WAKE_WINDOW_MS / 1000} s: ${cpu.toFixed(0)} ms (${(cpu / roomCount).toFixed(2)} ms per chat)`,
      );
      // The other system's objects must be idle as long: it waits before its own wake.
      if (system === (round % 2 ? 'baseline' : 'switchboard')) await sleep(EVICTED_AFTER_MS - WAKE_WINDOW_MS);
    }
  }
}

async function mem(servers: Servers): Promise<void> {
  const systems = ['switchboard', 'baseline'] as const;
  const calls = await bothIsolates(INSPECTOR_PORT);
  const reading = async () => {
    const { rssKb, heaps } = await readMemory(calls, servers.serverRssKb);
    return { rssKb, heapKb: heaps.map((h) => h.usedSize / 1024) };
  };
  const cookie = await signIn(servers);
  const monitor = await signIn(servers, servers.monitor);
  for (const system of [...systems, ...systems]) {
    const i = systems.indexOf(system);
    const before = await reading();
    const rooms = await openRoomsWithAMessage(system, servers, cookie, 100, `mem-${Date.now()}`);
    const chats = await reading();
    const sockets = await openIdleSockets(system, servers, rooms, 200, monitor);
    const withSockets = await reading();
    console.log(
      `${system}: per open chat RSS ${((chats.rssKb - before.rssKb) / 100).toFixed(0)} KiB, JS heap ${((chats.heapKb[i]! - before.heapKb[i]!) / 100).toFixed(1)} KiB; ` +
        `per idle socket RSS ${((withSockets.rssKb - chats.rssKb) / 200).toFixed(0)} KiB, JS heap ${((withSockets.heapKb[i]! - chats.heapKb[i]!) / 200).toFixed(1)} KiB`,
    );
    await closeSockets(sockets);
    await closeRooms(rooms);
  }
}

async function memTrace(servers: Servers, system: SystemName, per: number, batches: number): Promise<void> {
  const calls = await bothIsolates(INSPECTOR_PORT);
  const reading = async () => {
    const { rssKb, heaps } = await readMemory(calls, servers.serverRssKb);
    return { rssKb, heap: heaps[system === 'switchboard' ? 0 : 1]! };
  };
  const cookie = await signIn(servers);
  const t = performance.now();
  let last = await reading();
  for (let batch = 1; batch <= batches; batch++) {
    await openRoomsWithAMessage(system, servers, cookie, per, `trace-${batch}`);
    const now = await reading();
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(
      `${((performance.now() - t) / 1000).toFixed(0).padStart(4)} s, ${String(batch * per).padStart(5)} chats: ` +
        `${((now.rssKb - last.rssKb) / per).toFixed(0).padStart(5)} KiB RSS per chat of this batch, RSS ${(now.rssKb / 1024).toFixed(0)} MiB, ` +
        `JS heap ${mib(now.heap.usedSize)} of ${mib(now.heap.totalSize)} MiB`,
    );
    last = now;
  }
}

const SLOPE_BATCH = 150;

async function memSlope(servers: Servers, system: SystemName, first: number, count: number): Promise<void> {
  const calls = await bothIsolates(INSPECTOR_PORT);
  const rss = async () => (await readMemory(calls, servers.serverRssKb)).rssKb;
  const cookie = await signIn(servers);
  for (let n = 0; n < first; n += SLOPE_BATCH) await openRoomsWithAMessage(system, servers, cookie, SLOPE_BATCH, `slope-first-${n}`);
  const start = await rss();
  let last = start;
  const steps: string[] = [];
  for (let n = 0; n < count; n += SLOPE_BATCH) {
    await openRoomsWithAMessage(system, servers, cookie, SLOPE_BATCH, `slope-${n}`);
    const now = await rss();
    steps.push(((now - last) / SLOPE_BATCH).toFixed(0));
    last = now;
  }
  const counted = steps.length * SLOPE_BATCH;
  console.log(`${system}: ${((last - start) / counted).toFixed(0)} KiB RSS per open chat over ${counted} chats after ${first} (batches of ${SLOPE_BATCH}: ${steps.join(', ')})`);
}

async function memPhases(servers: Servers): Promise<void> {
  const calls = await bothIsolates(INSPECTOR_PORT);
  const rss = async () => (await readMemory(calls, servers.serverRssKb)).rssKb;
  const cookie = await signIn(servers);
  const n = 100;
  const { origin } = servers;
  for (const batch of [1, 2, 3]) {
    const readings = [await rss()];
    const started = await mapLimit(Array.from({ length: n }, (_, i) => batch * n + i), 8, (i) => startChat(servers, i));
    readings.push(await rss());
    const visitors = await mapLimit(started, 8, (c) => visitorSocket(origin, c));
    readings.push(await rss());
    const agents = await mapLimit(started, 8, (c) => staffSocket(origin, c.chatId, cookie));
    readings.push(await rss());
    await mapLimit(agents, 8, (agent, i) => takeOn(agent, `phase chat ${i}`));
    readings.push(await rss());
    const per = (i: number) => ((readings[i + 1]! - readings[i]!) / n).toFixed(0);
    console.log(`batch ${batch}: per chat RSS KiB: start ${per(0)}, visitor socket ${per(1)}, agent socket ${per(2)}, take ${per(3)}`);
    await closeSockets([...visitors, ...agents]);
  }
}

const [mode = 'cpu', ...rest] = process.argv.slice(2);
if (!['cpu', 'ab', 'wake', 'mem', 'mem-trace', 'mem-slope', 'mem-phases'].includes(mode)) {
  console.error(
    'usage: npx tsx bench/profile.ts cpu [switchboard|baseline] [messages per room] [rooms] | ab [messages per room] [rooms] | wake [rooms] [messages per room] | mem | mem-trace [switchboard|baseline] [per] [batches] | mem-slope [switchboard|baseline] [first] [count] | mem-phases',
  );
  process.exit(2);
}
// The inspector slows workerd's JS down: the A/B pairs run without it. `mem` and `mem-phases` keep
// every object in memory, as the bench's live memory figure does: read with eviction left to chance,
// a figure depends on how long the batch took to open (docs/scale.md, 2026-12-07 day).
const keepObjects = mode === 'mem' || mode === 'mem-slope' || mode === 'mem-phases';
const servers = await startServers(log, mode === 'ab' || (mode === 'wake' && !process.env.WAKE_PROFILE) ? {} : { inspectorPort: INSPECTOR_PORT, keepObjects });
try {
  if (mode === 'cpu') await cpu(servers, rest[0] === 'baseline' ? 'baseline' : 'switchboard', Number(rest[1] ?? 4000), Number(rest[2] ?? 1), Number(rest[3] ?? 0));
  else if (mode === 'ab') await ab(servers, Number(rest[0] ?? 600), Number(rest[1] ?? 1));
  else if (mode === 'wake') await wake(servers, Number(rest[0] ?? 50), Number(rest[1] ?? 300));
  else if (mode === 'mem') await mem(servers);
  else if (mode === 'mem-trace') await memTrace(servers, rest[0] === 'baseline' ? 'baseline' : 'switchboard', Number(rest[1] ?? 50), Number(rest[2] ?? 16));
  else if (mode === 'mem-slope') await memSlope(servers, rest[0] === 'baseline' ? 'baseline' : 'switchboard', Number(rest[1] ?? 300), Number(rest[2] ?? 1200));
  else await memPhases(servers);
} finally {
  await servers.dispose();
}
process.exit(0);
