// workerd's inspector (the Chrome DevTools protocol) for one Worker's isolate: CPU profiles
// (bench/profile.ts) and a full garbage collection before a memory reading (bench/messages.ts,
// bench/profile.ts). Only for a Miniflare started with `inspectorPort` (bench/server.ts).
import WebSocket from 'ws';
import type { SystemName } from './load.ts';
import { BENCH_HOST } from './server.ts';

export type Call = (method: string, params?: object) => Promise<unknown>;

/** A DevTools-protocol session with one Worker's isolate (`core:user:<name>` in workerd's list). */
export async function inspector(port: number, worker: SystemName): Promise<Call> {
  const list = await fetch(`http://${BENCH_HOST}:${port}/json`);
  const targets = (await list.json()) as { id: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.id === `core:user:${worker}`);
  if (!target) throw new Error(`no inspector target for ${worker}: ${targets.map((t) => t.id).join(', ')}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  // workerd closes the session when Miniflare is disposed: whatever still waits is answered then.
  ws.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error('the inspector closed'));
    waiting.clear();
  });
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown };
    const w = msg.id === undefined ? undefined : waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id!);
    if (msg.error) w.reject(new Error(JSON.stringify(msg.error)));
    else w.resolve(msg.result);
  });
  return (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
}

/**
 * A full garbage collection of each isolate: HeapProfiler.collectGarbage never answers in workerd,
 * and a heap snapshot collects garbage first.
 */
async function collectGarbage(calls: readonly Call[]): Promise<void> {
  for (const call of calls) await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
}

/** How long after a garbage collection RSS is read: the allocator's returns to the system settle. */
const GC_SETTLE_MS = 1500;

/** Sessions with both Workers' isolates (Switchboard's and the baseline's). */
export function bothIsolates(port: number): Promise<Call[]> {
  return Promise.all((['switchboard', 'baseline'] as const).map((w) => inspector(port, w)));
}

/** workerd's RSS and each isolate's JS heap (in the order of the sessions given). */
export interface MemoryReading {
  rssKb: number;
  heaps: { usedSize: number; totalSize: number }[];
}

/** A memory reading after a full garbage collection of each isolate and a pause for RSS to settle. */
export async function readMemory(calls: readonly Call[], rssKb: () => number | null): Promise<MemoryReading> {
  await collectGarbage(calls);
  await new Promise((resolve) => setTimeout(resolve, GC_SETTLE_MS));
  const heaps = (await Promise.all(calls.map((call) => call('Runtime.getHeapUsage')))) as MemoryReading['heaps'];
  return { rssKb: rssKb() ?? NaN, heaps };
}
