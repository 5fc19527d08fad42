// `npm run bench [-- messages|lists|sizes|scale|search ...] [--experiment]`: Switchboard's benchmarks.
//   messages  the hot path (visitor → ChatRoom → agent) against a baseline chat (bench/messages.ts)
//   lists     the chat lists and counts at 100,000 chats, and the help-desk lists at 100,000
//             tickets, tasks and call logs (bench/lists.ts, bench/lists-items.ts); with --experiment, also
//             query rewrites and candidate indexes tried in the bench's throw-away D1
//             (bench/lists-experiment.ts; never part of a default run)
//   sizes     the built client's loader, widget and console, raw and gzipped (bench/sizes.ts)
//   scale     2,000 concurrent chats at a customer's pace: what reaches D1 and each lobby piece
//             (bench/scale.ts; five to ten minutes, so only when named)
//   search    full-text search at 1,000,000 messages: each kind of query, the index lag under load
//             and the index's size (bench/search.ts; two to three minutes, so only when named)
// No part named = the first three, in that order. Every part runs inside its own time limit; Miniflare is
// always disposed. Exits non-zero if a part failed (lost messages, wrong pages, sizes over target).
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PartContext } from './common.ts';
import { elapsedSeconds, fmt, log } from './common.ts';
import { LISTS_BUDGET_MS, LISTS_EXPERIMENT_EXTRA_MS, LISTS_GRACE_MS, runLists } from './lists.ts';
import { MESSAGES_TIMEOUT_MS, runMessages } from './messages.ts';
import type { Servers } from './server.ts';
import { startServers } from './server.ts';
import { runScale, SCALE_TIMEOUT_MS } from './scale.ts';
import { runSearch, SEARCH_TIMEOUT_MS } from './search.ts';
import { runSizes, SIZES_TIMEOUT_MS } from './sizes.ts';

interface Part {
  name: string;
  run(ctx: PartContext): Promise<number>;
  /** What the part aims for (its soft deadline), given how long the bench has run and what follows. */
  budgetMs(elapsedMs: number, after: readonly Part[]): number;
  /** How much longer than its budget the part may run before it is stopped (and Miniflare disposed). */
  graceMs: number;
  /** Time kept for this part when it comes later in the run. */
  typicalMs: number;
  /** Runs only when named. */
  namedOnly?: boolean;
}

/**
 * What the whole default run aims to stay under (the help-desk lists added 40 s to the lists part,
 * the memory figures' own workerds 80 s to the messages part, their idle state and the open loop's
 * two more rounds another 170 s).
 */
const TOTAL_BUDGET_MS = 590_000;
/** The lists part never gets less than this, however long the parts before it took. */
const LISTS_MIN_BUDGET_MS = 50_000;

const PARTS: readonly Part[] = [
  { name: 'messages', run: runMessages, budgetMs: () => MESSAGES_TIMEOUT_MS, graceMs: 0, typicalMs: 440_000 },
  {
    name: 'lists',
    run: async (ctx) => runLists(ctx, ctx.flags.has('--experiment') ? (await import('./lists-experiment.ts')).runExperiment : undefined),
    budgetMs: (elapsed, after) =>
      Math.max(LISTS_MIN_BUDGET_MS, Math.min(LISTS_BUDGET_MS, TOTAL_BUDGET_MS - elapsed - after.reduce((n, p) => n + p.typicalMs, 0))),
    graceMs: LISTS_GRACE_MS,
    typicalMs: 135_000,
  },
  { name: 'sizes', run: runSizes, budgetMs: () => SIZES_TIMEOUT_MS, graceMs: 0, typicalMs: 10_000 },
  { name: 'scale', run: runScale, budgetMs: () => SCALE_TIMEOUT_MS, graceMs: 0, typicalMs: 400_000, namedOnly: true },
  { name: 'search', run: runSearch, budgetMs: () => SEARCH_TIMEOUT_MS, graceMs: 0, typicalMs: 150_000, namedOnly: true },
];

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const names = args.filter((a) => !a.startsWith('--'));
const FLAGS = ['--experiment'];
const unknown = [...names.filter((n) => !PARTS.some((p) => p.name === n)), ...[...flags].filter((f) => !FLAGS.includes(f))];
if (unknown.length > 0) {
  console.error(
    `unknown bench argument(s): ${unknown.join(', ')}; name parts among ${PARTS.map((p) => p.name).join(', ')} (none = all), flags: ${FLAGS.join(', ')}`,
  );
  process.exit(2);
}
const selected = names.length === 0 ? PARTS.filter((p) => !p.namedOnly) : PARTS.filter((p) => names.includes(p.name));

let servers: Servers | undefined;

async function disposeServers(): Promise<void> {
  const s = servers;
  servers = undefined;
  if (s) {
    log('disposing Miniflare');
    await s.dispose();
  }
}

async function runPart(part: Part, after: readonly Part[]): Promise<number> {
  const abort = new AbortController();
  const budgetMs = part.budgetMs(elapsedSeconds() * 1000, after);
  const timeoutMs = budgetMs + part.graceMs + (part.name === 'lists' && flags.has('--experiment') ? LISTS_EXPERIMENT_EXTRA_MS : 0);
  const ctx: PartContext = {
    log: (line) => {
      if (!abort.signal.aborted) log(`${part.name}: ${line}`);
    },
    startServers: async (options) => {
      await disposeServers();
      const s = await startServers(ctx.log, options);
      if (abort.signal.aborted) {
        await s.dispose();
        throw new Error('stopped');
      }
      servers = s;
      return s;
    },
    deadline: performance.now() + budgetMs,
    signal: abort.signal,
    flags,
  };
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      log(`${part.name}: ran longer than ${fmt(timeoutMs / 1000, 0)} s: stopping it`);
      abort.abort();
      resolve(2);
    }, timeoutMs);
  });
  const t = performance.now();
  log(`${part.name}: time budget ${fmt(budgetMs / 1000, 0)} s, stopped after ${fmt(timeoutMs / 1000, 0)} s`);
  try {
    const code = await Promise.race([
      part.run(ctx).catch((err: unknown) => {
        if (abort.signal.aborted) return 2;
        console.error(`${part.name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
        return 1;
      }),
      overrun,
    ]);
    log(`${part.name}: ${code === 0 ? 'done' : 'FAILED'} in ${fmt((performance.now() - t) / 1000, 1)} s`);
    return code;
  } finally {
    clearTimeout(timer);
    await disposeServers();
  }
}

process.once('SIGINT', () => {
  void disposeServers().finally(() => process.exit(130));
});

log(`bench parts: ${selected.map((p) => p.name).join(', ')}${flags.size ? ` (${[...flags].join(' ')})` : ''}; host: ${cpus().length} CPU(s), load average ${loadavg()[0]!.toFixed(2)}`);
const failed: string[] = [];
for (const [i, part] of selected.entries()) {
  console.log(`\n${'#'.repeat(8)} ${part.name} ${'#'.repeat(90 - part.name.length)}`);
  if ((await runPart(part, selected.slice(i + 1))) !== 0) failed.push(part.name);
}
log(`done (${fmt(elapsedSeconds(), 1)} s)${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
