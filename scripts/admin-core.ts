// What the admin command's parts share: its two kinds of failure, where it runs and prints, and
// running a guarded change through wrangler.
import { type D1Target, executeD1, type Row } from './d1.ts';

/** A wrong or missing argument: usage is printed and the exit code is 2. */
export class UsageError extends Error {}
/** A change the rules refuse, or a name that does not exist: exit code 1. */
export class Refused extends Error {}

export interface Context {
  target: D1Target;
  out: (line: string) => void;
}

/** Runs a guarded change (its first statement) and any follow-ups in one call; no row back means refused. */
export async function change(ctx: Context, statements: string[], why: string): Promise<void> {
  const [first] = await executeD1(statements.join(';\n'), ctx.target);
  if (!first || first.length === 0) throw new Refused(why);
}

export function table(ctx: Context, rows: Row[], columns: string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  ctx.out(line(columns));
  for (const r of rows) ctx.out(line(columns.map((c) => String(r[c] ?? ''))));
}

