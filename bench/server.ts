// Starts what the benchmark measures, through Miniflare's API (never `wrangler dev`, whose
// inspector proxy distorts per-request costs): Switchboard's Worker and the bench-only baseline
// Worker bundled with esbuild, in one Miniflare instance on 127.0.0.1, with D1 migrated and seeded.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { bundleWorker } from '../scripts/bundle.ts';
import { withTimeout } from '../scripts/timeout.ts';
import { hashPassword } from '../worker/auth/password.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The only address the bench ever listens on or connects to. */
export const BENCH_HOST = '127.0.0.1';
/** As in wrangler.toml. */
const COMPATIBILITY_DATE = '2026-04-20';
const COMPATIBILITY_FLAGS = ['nodejs_compat'];
/** D1 splits drizzle-kit migrations on this marker. */
const STATEMENT_BREAKPOINT = '--> statement-breakpoint';
/** The seed agent's password is hashed with fewer PBKDF2 rounds: the bench measures chat, not sign-in. */
const SEED_PBKDF2_ITERATIONS = 1000;
/** The seed agent may hold this many active chats (agents.max_chats, where the schema has it; `profile.ts mem-slope` opens 1,500). */
const SEED_AGENT_MAX_CHATS = 10000;
/** How long Miniflare may take to start before the bench gives up. */
const STARTUP_TIMEOUT_MS = 30_000;
/** How long disposing Miniflare may take before the bench stops waiting for it. */
const DISPOSE_TIMEOUT_MS = 10_000;
/** Where the baseline Worker answers; everything else reaches Switchboard. */
export const BASELINE_ROUTE_PREFIX = '/room/';

export interface BenchAgent {
  id: string;
  email: string;
  password: string;
}

export interface Servers {
  /** e.g. http://127.0.0.1:41234 — Switchboard under /api, the baseline under /room/. */
  origin: string;
  groupId: string;
  agent: BenchAgent;
  /** A manager in the same group, who follows chats as a monitor. */
  monitor: BenchAgent;
  /**
   * CPU time the workerd process (both Workers, all objects, D1) has used so far, in ms, or null
   * where /proc is not available. Differences of it are robust to a busy machine, unlike wall time.
   */
  serverCpuMs(): number | null;
  /** The workerd process's resident memory now, in KiB, or null where /proc is not available. */
  serverRssKb(): number | null;
  /** The Miniflare instance, for direct D1 access (seeding, EXPLAIN QUERY PLAN). */
  mf: Miniflare;
  dispose(): Promise<void>;
}

/** The workerd process Miniflare spawned: our child whose command name is `workerd`. */
function findWorkerdPid(): number | null {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …
      const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (match && match[1] === 'workerd' && Number(match[2]) === process.pid) return Number(entry);
    }
  } catch {
    // Not Linux, or /proc is not readable.
  }
  return null;
}

/** Sums the on-CPU time of every thread of `pid` (first field of schedstat, in ns). */
function cpuMsOf(pid: number): number | null {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

/** Resident set size of `pid` (VmRSS in /proc/<pid>/status), in KiB. */
function rssKbOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface ServerOptions {
  /** Opens workerd's inspector on this port (bench/profile.ts: CPU profiles, forced GC). */
  inspectorPort?: number;
  /**
   * Keeps every object of both Workers in memory (Miniflare's `unsafePreventEviction`) instead of
   * evicting it after about 10 s without events. For runs that take the two systems in turn: each
   * system's objects sit idle through the other's runs, and their eviction (and the wake in the
   * next warm-up) then lands in the other system's measured run, up to 240 ms at once on the one
   * thread both share (docs/scale.md, 2026-12-07 evening). What waking costs is measured on its
   * own: bench/profile.ts wake.
   */
  keepObjects?: boolean;
}

export async function startServers(log: (line: string) => void, options: ServerOptions = {}): Promise<Servers> {
  // There is no internet here; Miniflare must not try to fetch the `cf` object.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  let mf: Miniflare | undefined;
  const cleanup = async () => {
    if (mf) await withTimeout(mf.dispose(), DISPOSE_TIMEOUT_MS, 'disposing Miniflare').catch(() => undefined);
    mf = undefined;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const switchboardScript = join(dir, 'switchboard.mjs');
    const baselineScript = join(dir, 'baseline.mjs');
    log('bundling worker/index.ts and bench/baseline-worker.ts with esbuild');
    await Promise.all([
      bundleWorker(join(ROOT, 'worker/index.ts'), switchboardScript),
      bundleWorker(join(ROOT, 'bench/baseline-worker.ts'), baselineScript),
    ]);

    log(`starting Miniflare (two workers, SQLite-backed Durable Objects, D1${options.keepObjects ? '; objects kept in memory, never evicted' : ''})`);
    const keep = options.keepObjects === true;
    mf = new Miniflare({
      host: BENCH_HOST,
      port: 0,
      ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
      // Storage lives on disk, so every SQLite commit pays a real disk write, as the design's
      // figures assume; in the bench's own temporary directory, which cleanup removes and waits
      // for (Miniflare removes its own without waiting, so a run that exits at once used to leave
      // its databases behind: hundreds of MB after `search`).
      d1Persist: join(dir, 'd1'),
      durableObjectsPersist: join(dir, 'do'),
      kvPersist: join(dir, 'kv'),
      cachePersist: join(dir, 'cache'),
      workers: [
        {
          name: 'switchboard',
          modules: true,
          scriptPath: switchboardScript,
          modulesRoot: dir,
          compatibilityDate: COMPATIBILITY_DATE,
          compatibilityFlags: COMPATIBILITY_FLAGS,
          durableObjects: {
            CHAT_ROOM: { className: 'ChatRoom', useSQLite: true, unsafePreventEviction: keep },
            LOBBY: { className: 'Lobby', useSQLite: true, unsafePreventEviction: keep },
            AGENT_HUB: { className: 'AgentHub', useSQLite: true, unsafePreventEviction: keep },
            // Chats feed the search index through its writer (wrangler.toml: one, SEARCH_WRITERS unset).
            SEARCH_WRITER: { className: 'SearchWriter', useSQLite: true, unsafePreventEviction: keep },
          },
          d1Databases: { DB: 'switchboard-bench' },
          // The bench signs in and starts chats from one address far faster than a person.
          ratelimits: {
            SIGN_IN_LIMITER: { simple: { limit: 1_000_000, period: 60 } },
            VISITOR_LIMITER: { simple: { limit: 1_000_000, period: 60 } },
          },
          // The per-socket send limit is raised out of the way: the bench measures capacity.
          bindings: {
            TOKEN_SECRET: `bench-secret-${crypto.randomUUID()}`,
            VISITOR_TOKEN_TTL: '86400',
            SOCKET_SEND_BURST: '1000000',
            SOCKET_SEND_PER_SECOND: '1000000',
          },
          // The API never touches static assets; a stub keeps the binding the Env type names.
          serviceBindings: { ASSETS: () => new Response('Not found.', { status: 404 }) },
        },
        {
          name: 'baseline',
          modules: true,
          scriptPath: baselineScript,
          modulesRoot: dir,
          compatibilityDate: COMPATIBILITY_DATE,
          compatibilityFlags: COMPATIBILITY_FLAGS,
          durableObjects: { BASELINE_ROOM: { className: 'BaselineRoom', useSQLite: true, unsafePreventEviction: keep } },
          routes: [`*${BASELINE_ROUTE_PREFIX}*`],
        },
      ],
    });
    const url = await withTimeout(mf.ready, STARTUP_TIMEOUT_MS, 'starting Miniflare');
    if (url.hostname !== BENCH_HOST) throw new Error(`Miniflare listens on ${url.hostname}, expected ${BENCH_HOST}`);
    const origin = url.origin;

    log('applying migrations/*.sql to D1 and seeding one group and one agent');
    const db = await mf.getD1Database('DB');
    const migrations = (await readdir(join(ROOT, 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
    for (const file of migrations) {
      const sql = await readFile(join(ROOT, 'migrations', file), 'utf8');
      const statements = sql
        .split(STATEMENT_BREAKPOINT)
        .map((s) => s.trim())
        // A statement of comments only (a custom migration not filled in yet) is not one D1 accepts.
        .filter((s) => s.replace(/--[^\n]*/g, '').trim().length > 0);
      if (statements.length > 0) await db.batch(statements.map((s) => db.prepare(s)));
    }
    const now = Date.now();
    const groupId = 'bench-group';
    const agent: BenchAgent = { id: 'bench-agent', email: 'bench.agent@example.test', password: `pw-${crypto.randomUUID()}` };
    const monitor: BenchAgent = { id: 'bench-monitor', email: 'bench.monitor@example.test', password: `pw-${crypto.randomUUID()}` };
    await db.batch([
      db.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)').bind(groupId, 'Bench', now),
      db
        .prepare('INSERT INTO agents (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .bind(agent.id, agent.email, 'Bench Agent', await hashPassword(agent.password, SEED_PBKDF2_ITERATIONS), 'agent', now),
      db.prepare('INSERT INTO memberships (agent_id, group_id) VALUES (?, ?)').bind(agent.id, groupId),
      db
        .prepare('INSERT INTO agents (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .bind(monitor.id, monitor.email, 'Bench Monitor', await hashPassword(monitor.password, SEED_PBKDF2_ITERATIONS), 'manager', now),
      db.prepare('INSERT INTO memberships (agent_id, group_id) VALUES (?, ?)').bind(monitor.id, groupId),
    ]);
    // Capacity limits takes per agent; the bench's one agent takes every chat it opens.
    const columns = await db.prepare('SELECT name FROM pragma_table_info(?)').bind('agents').all<{ name: string }>();
    if (columns.results.some((c) => c.name === 'max_chats')) {
      await db.prepare('UPDATE agents SET max_chats = ? WHERE id = ?').bind(SEED_AGENT_MAX_CHATS, agent.id).run();
    }
    log(`server ready at ${origin}`);
    const workerdPid = findWorkerdPid();
    if (workerdPid === null) log('workerd process not found in /proc: server CPU time will not be reported');
    const serverCpuMs = () => (workerdPid === null ? null : cpuMsOf(workerdPid));
    const serverRssKb = () => (workerdPid === null ? null : rssKbOf(workerdPid));
    return { origin, groupId, agent, monitor, serverCpuMs, serverRssKb, mf, dispose: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
