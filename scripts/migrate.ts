// Applies the D1 migrations in migrations/ to the local database. wrangler records which ones
// ran (table d1_migrations), so this is safe to repeat; `CI` in WRANGLER_ENV answers its prompt.
// wrangler's own table lists every migration as pending even after it ran it, so `npm start`
// says what happened from the database itself (migrationsDone).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { executeD1 } from './d1.ts';
import { persistArgs, ROOT, runWrangler } from './process.ts';

export interface LocalState {
  /** The folder for local D1, Durable Objects and the rest; wrangler's default `.wrangler/state`. */
  persistTo?: string;
  quiet?: boolean;
}

export function applyMigrations({ persistTo, quiet }: LocalState = {}): Promise<void> {
  return runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)], { quiet });
}

/** The migrations in migrations/, by file name (as wrangler records them). */
export function migrationFiles(): string[] {
  return readdirSync(join(ROOT, 'migrations'))
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** The migrations the local database has recorded as applied (none before the first). */
export async function appliedMigrations(persistTo?: string): Promise<string[]> {
  try {
    const [rows = []] = await executeD1('SELECT name FROM d1_migrations ORDER BY id', { remote: false, persistTo });
    return rows.map((r) => String(r['name']));
  } catch {
    // No d1_migrations table yet: a fresh database.
    return [];
  }
}

/** Applies what is pending and says, in words, what actually happened. */
export async function migrationsDone(state: LocalState = {}): Promise<string> {
  const before = new Set(await appliedMigrations(state.persistTo));
  await applyMigrations({ ...state, quiet: true });
  const all = migrationFiles();
  const newly = all.filter((f) => !before.has(f));
  if (newly.length === 0) return `All ${all.length} migrations were applied already; nothing to do.`;
  return `Applied ${newly.length} of ${all.length} migration(s): ${newly.join(', ')}.`;
}
