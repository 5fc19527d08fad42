// Part `messages` of `npm run bench`: Switchboard's hot path (visitor → ChatRoom → agent) against
// the cheapest durable chat on the same runtime (bench/baseline-worker.ts), interleaved in one
// process at N=1 and N=50 rooms. Prints a table with the design's targets; fails only if a message
// was lost or doubled.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PartContext } from './common.ts';
import { fmt, sleep } from './common.ts';
import type { Room, RunResult, Summary, SystemName } from './load.ts';
import { closeRooms, runLoad, setUpBaseline, setUpSwitchboard, signIn, summarize } from './load.ts';
import type { Servers } from './server.ts';

/** How long this part may run before bench/run.ts stops it (and disposes Miniflare). */
export const MESSAGES_TIMEOUT_MS = 110_000;

interface Scenario {
  rooms: number;
  /** Measured messages per room, per round. */
  perRoom: number;
  /** Unmeasured messages per room before each measured run. */
  warmupPerRoom: number;
}

const SCENARIOS: readonly Scenario[] = [
  { rooms: 1, perRoom: 2000, warmupPerRoom: 200 },
  { rooms: 50, perRoom: 100, warmupPerRoom: 10 },
];
/** Un-delivered messages each room may have in flight. */
const WINDOW = 8;
/** Measured runs per system and scenario; the order of the systems alternates between rounds. */
const ROUNDS = 3;
/**
 * Rounds after the first are skipped once a scenario has run this long (a busy machine), so the
 * whole bench stays well inside MESSAGES_TIMEOUT_MS; the table then says how many rounds it pooled.
 */
const SCENARIO_BUDGET_MS = 40_000;
/**
 * Pause after each measured run, longer than Switchboard's coalesced projection interval (1 s,
 * objects/chat/projection.ts), so its alarm-driven D1 writes land in its own time, not the next run's.
 */
const SETTLE_MS = 1200;
/** Targets from the design: Switchboard's throughput and median latency against the baseline. */
const THROUGHPUT_RATIO_TARGET = 0.8;
const P50_RATIO_TARGET = 1.5;


function describe(run: RunResult): string {
  const s = summarize([run]);
  return (
    `${run.system.padEnd(11)} ${fmt(s.messagesPerSecond, 0).padStart(6)} msg/s  ` +
    `p50 ${fmt(s.p50)} p95 ${fmt(s.p95)} p99 ${fmt(s.p99)} ms  ` +
    `server cpu ${fmt(s.serverCpuUsPerMessage, 0)} µs/msg, client cpu ${fmt((run.clientCpuMs / run.elapsedMs) * 100, 0)}%  ` +
    `${s.received}/${s.sent} delivered, lost ${s.lost}, dup ${s.duplicated}` +
    (s.refused ? `, refused ${s.refused}` : '') +
    (run.late ? `, late ${run.late}` : '') +
    (run.unsent ? `, unsent ${run.unsent}` : '')
  );
}

interface ScenarioResult {
  scenario: Scenario;
  rounds: number;
  switchboard: Summary;
  baseline: Summary;
}


/** Every run's losses and duplicates, warm-ups included: any of them is a failure. */
let integrityFailures = 0;

async function runScenario(servers: Servers, s: Scenario, cookie: string, log: (line: string) => void): Promise<ScenarioResult> {
  const tag = `n${s.rooms}`;
  log(`N=${s.rooms}: setting up ${s.rooms} Switchboard chat(s) (start, connect visitor and agent, take)`);
  const t = performance.now();
  const rooms: Record<SystemName, Room[]> = {
    switchboard: await setUpSwitchboard(servers, cookie, s.rooms),
    baseline: [],
  };
  log(`N=${s.rooms}: ${s.rooms} chat(s) ready in ${fmt(performance.now() - t, 0)} ms; setting up ${s.rooms} baseline room(s)`);
  rooms.baseline = await setUpBaseline(servers, s.rooms, `${tag}-${Date.now().toString(36)}`);
  const runs: Record<SystemName, RunResult[]> = { switchboard: [], baseline: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && performance.now() - t > SCENARIO_BUDGET_MS) {
        log(`N=${s.rooms}: over the ${SCENARIO_BUDGET_MS / 1000} s budget, skipping the remaining ${ROUNDS - round} round(s)`);
        break;
      }
      const order: SystemName[] = round % 2 === 0 ? ['switchboard', 'baseline'] : ['baseline', 'switchboard'];
      for (const system of order) {
        const warm = await runLoad(system, rooms[system], s.warmupPerRoom, WINDOW, `${tag}-r${round}-w`);
        integrityFailures += warm.lost + warm.duplicated + warm.unsent;
        const run = await runLoad(system, rooms[system], s.perRoom, WINDOW, `${tag}-r${round}-m`, servers.serverCpuMs);
        integrityFailures += run.lost + run.duplicated + run.unsent;
        runs[system].push(run);
        log(`N=${s.rooms} round ${round + 1}/${ROUNDS}: ${describe(run)}`);
        await sleep(SETTLE_MS);
      }
    }
  } finally {
    await closeRooms([...rooms.switchboard, ...rooms.baseline]);
  }
  return {
    scenario: s,
    rounds: runs.switchboard.length,
    switchboard: summarize(runs.switchboard),
    baseline: summarize(runs.baseline),
  };
}

function printTable(results: readonly ScenarioResult[], loadAtStart: string): void {
  const head = ['N', 'system', 'msgs/s', 'p50 ms', 'p95 ms', 'p99 ms', 'cpu µs/msg', 'delivered', 'lost', 'dup'];
  const widths = [4, 12, 9, 8, 8, 8, 11, 11, 5, 5];
  const row = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 1, -1));
  const lines = [
    '',
    `Switchboard vs baseline: up to ${ROUNDS} measured rounds per system, window ${WINDOW} un-delivered messages per room,`,
    'latency = visitor send → agent receipt (one way, same clock); throughput = delivered / time of the runs;',
    'cpu = workerd CPU time (all threads) per delivered message: the per-message cost, steadier than wall time.',
    `host: ${cpus().length} CPU(s), load average ${loadAtStart} at start, ${loadavg()[0]!.toFixed(2)} now` +
      (loadavg()[0]! > cpus().length / 2 ? ' (busy: other processes compete for the CPUs, wall-clock ratios are noisy)' : ''),
    rule,
    row(head),
    rule,
  ];
  for (const r of results) {
    const { rooms, perRoom } = r.scenario;
    for (const [name, sum] of [
      ['switchboard', r.switchboard],
      ['baseline', r.baseline],
    ] as const) {
      lines.push(
        row([
          String(rooms),
          name,
          fmt(sum.messagesPerSecond, 0),
          fmt(sum.p50),
          fmt(sum.p95),
          fmt(sum.p99),
          fmt(sum.serverCpuUsPerMessage, 0),
          `${sum.received}/${sum.sent}`,
          String(sum.lost),
          String(sum.duplicated),
        ]),
      );
    }
    const tput = r.switchboard.messagesPerSecond / r.baseline.messagesPerSecond;
    const p50 = r.switchboard.p50 / r.baseline.p50;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    lines.push(
      `     N=${rooms} (${r.rounds} round(s) of ${perRoom} msgs/room): throughput ratio ${fmt(tput)} (target >= ${THROUGHPUT_RATIO_TARGET}) ` +
        `${verdict(tput >= THROUGHPUT_RATIO_TARGET)}; p50 ratio ${fmt(p50)} (target <= ${P50_RATIO_TARGET}) ` +
        `${verdict(p50 <= P50_RATIO_TARGET)}; server CPU per message ratio ` +
        `${fmt(r.switchboard.serverCpuUsPerMessage / r.baseline.serverCpuUsPerMessage)} (no target)`,
    );
    lines.push(rule);
  }
  console.log(lines.join('\n'));
}

export async function runMessages(ctx: PartContext): Promise<number> {
  const loadAtStart = loadavg()[0]!.toFixed(2);
  integrityFailures = 0;
  const servers = await ctx.startServers();
  const cookie = await signIn(servers);
  ctx.log('agent signed in');
  const results: ScenarioResult[] = [];
  for (const s of SCENARIOS) {
    if (ctx.signal.aborted) return 1;
    results.push(await runScenario(servers, s, cookie, ctx.log));
  }
  printTable(results, loadAtStart);
  if (integrityFailures > 0) {
    console.log(`FAILED: ${integrityFailures} message(s) lost or duplicated (warm-ups included).`);
    return 1;
  }
  console.log('No message lost or duplicated.');
  return 0;
}
