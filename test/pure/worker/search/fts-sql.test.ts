// The backup path's SQL (worker/search/fts-sql.ts) makes the FTS5 indexes exactly as the
// migrations do, and removes every FTS5 table the migrations make: an index made differently after
// a restore, or one left behind so `wrangler d1 export` still refuses, fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { DROP_FTS, FTS_INDEXES, REBUILD_FTS } from '../../../../worker/search/fts-sql.ts';

const dir = fileURLToPath(new URL('../../../../migrations', import.meta.url));
const migrations = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('\n');
const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('the FTS5 indexes for backup and restore', () => {
  it('are made by the same statements as in the migrations', () => {
    for (const index of FTS_INDEXES) {
      for (const statement of index.create) assert.ok(squash(migrations).includes(squash(statement)), `${index.name}: ${statement.slice(0, 80)}…`);
    }
  });

  it('cover every FTS5 table and index trigger the migrations make', () => {
    const tables = [...migrations.matchAll(/CREATE VIRTUAL TABLE `(\w+)` USING fts5/g)].map((m) => m[1]);
    assert.deepEqual(tables.sort(), FTS_INDEXES.map((i) => i.name).sort());
    for (const table of tables) assert.ok(DROP_FTS.includes(`DROP TABLE IF EXISTS \`${table}\``), table);
    // Every trigger that writes into an FTS5 table is dropped with it (else writes would fail).
    const writers = [...migrations.matchAll(/CREATE TRIGGER `(\w+)`[^;]*?INSERT INTO `(\w+)` \(/gs)].filter((m) => tables.includes(m[2]!)).map((m) => m[1]);
    for (const trigger of writers) assert.ok(DROP_FTS.includes(`DROP TRIGGER IF EXISTS \`${trigger}\``), trigger);
    // A rebuild drops first, so it may run on a database that still has its indexes.
    assert.deepEqual(REBUILD_FTS.slice(0, DROP_FTS.length), DROP_FTS);
  });
});
