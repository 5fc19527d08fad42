// What the bench's parts (messages.ts, lists.ts, sizes.ts) share: the clock-stamped log, number
// formatting, and the context bench/run.ts hands each part.
import { performance } from 'node:perf_hooks';
import type { ServerOptions, Servers } from './server.ts';

export interface PartContext {
  /** Prints a line stamped with the seconds since the bench started. */
  log(line: string): void;
  /**
   * Starts Switchboard in Miniflare (bench/server.ts). run.ts disposes it when the part ends, throws,
   * or overruns its budget, so a part never has to. A second call disposes the first first.
   */
  startServers(options?: ServerOptions): Promise<Servers>;
  /** performance.now() by which the part should have finished (its soft budget). */
  deadline: number;
  /** Set when the part overran its hard limit: stop doing work. */
  signal: AbortSignal;
  /** Extra arguments after the part names (e.g. `--experiment`). */
  flags: ReadonlySet<string>;
}

const started = performance.now();

export function log(line: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[${s}s] ${line}`);
}

export function elapsedSeconds(): number {
  return (performance.now() - started) / 1000;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The middle value (the upper of the two middle ones); NaN for none. */
export function median(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** A fixed-width text table: the first `leftColumns` columns are left-aligned, the rest right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  return [rule, line(head), rule, ...rows.map(line), rule];
}
