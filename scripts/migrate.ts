// Applies the D1 migrations in migrations/ to the local database. wrangler records which ones
// ran (table d1_migrations), so this is safe to repeat; `CI` in WRANGLER_ENV answers its prompt.
import { persistArgs, runWrangler } from './process.ts';

export interface LocalState {
  /** The folder for local D1, Durable Objects and the rest; wrangler's default `.wrangler/state`. */
  persistTo?: string;
  quiet?: boolean;
}

export function applyMigrations({ persistTo, quiet }: LocalState = {}): Promise<void> {
  return runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)], { quiet });
}
