// `npm run admin -- search-index drop | rebuild`: the backup path for a database with FTS5
// indexes (worker/search/fts-sql.ts). `wrangler d1 export` refuses FTS5 tables, so: drop the
// indexes, export, rebuild them. After a restore (importing the export into an empty database),
// rebuild. Every index is made again from ordinary tables that the export carries.
import { DROP_FTS, REBUILD_FTS } from '../worker/search/fts-sql.ts';
import { type Context, UsageError } from './admin-core.ts';
import { executeD1 } from './d1.ts';

export const SEARCH_USAGE = `Search indexes (for backups: wrangler d1 export refuses FTS5 tables)
  search-index drop              removes every full-text index, so the database can be exported
  search-index rebuild           makes them again from the tables they index (after an export or a restore)`;

const script = (statements: readonly string[]) => statements.map((s) => s.trim().replace(/;$/, '')).join(';\n');

export async function runSearchIndex(argv: string[], ctx: Context): Promise<void> {
  const [, verb, ...extra] = argv;
  if (extra.length > 0) throw new UsageError('`search-index` takes drop or rebuild, and nothing else.');
  if (verb === 'drop') {
    await executeD1(script(DROP_FTS), ctx.target);
    ctx.out('Dropped the full-text indexes. Export now (wrangler d1 export), then run `search-index rebuild`.');
    return;
  }
  if (verb === 'rebuild') {
    await executeD1(script(REBUILD_FTS), ctx.target);
    ctx.out('Rebuilt the full-text indexes from their tables.');
    return;
  }
  throw new UsageError('`search-index` takes drop or rebuild.');
}
