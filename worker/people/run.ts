// Runs the administrator's guarded SQL (admin-sql.ts, pure and shared with `npm run admin`)
// through the D1 binding, as the console's Administration page does.
import type { Query } from './admin-sql.ts';

/** Runs one query through the D1 binding (the console's side; the CLI runs the same through wrangler). */
export async function run<T = Record<string, unknown>>(db: D1Database, query: Query): Promise<T[]> {
  return (await db.prepare(query.sql).bind(...query.params).all<T>()).results;
}

/** Runs several as one batch (all or nothing); the rows each returned, in order. */
export async function runBatch(db: D1Database, queries: Query[]): Promise<Record<string, unknown>[][]> {
  const results = await db.batch(queries.map((query) => db.prepare(query.sql).bind(...query.params)));
  return results.map((r) => r.results as Record<string, unknown>[]);
}
