// The backup path docs/search.md gives, run for real with wrangler on a local database:
// `wrangler d1 export` refuses the database while it has FTS5 indexes; `npm run admin --
// search-index drop` lets it export (the documents are ordinary tables and go with it); the export
// restores into an empty database, and `search-index rebuild` makes every index again, so what was
// searchable before (and what was written while the indexes were away) is found again.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeD1 } from '../../scripts/d1.ts';
import { ROOT, WRANGLER_ENV, wranglerScript } from '../../scripts/process.ts';

/** Two deployments' folders, each with its own wrangler.toml and migrations (wrangler's export has no --persist-to). */
const original = mkdtempSync(join(tmpdir(), 'switchboard-backup-'));
const restored = mkdtempSync(join(tmpdir(), 'switchboard-restore-'));
const stateOf = (dir: string) => join(dir, '.wrangler', 'state');

function run(program: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, env: { ...process.env, ...WRANGLER_ENV } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}
const wrangler = (dir: string, ...args: string[]) => run(process.execPath, [wranglerScript(), ...args], dir);
const admin = (dir: string, ...args: string[]) => run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/admin.ts'), '--persist-to', stateOf(dir), ...args], ROOT);
const sql = (dir: string, statements: string) => executeD1(statements, { remote: false, persistTo: stateOf(dir) });

/** Subjects the customer-visible index finds for a word. */
async function found(dir: string, word: string): Promise<string[]> {
  const [rows] = await sql(dir, `SELECT d.body FROM search_text JOIN search_docs d ON d.id = search_text.rowid WHERE search_text MATCH '"${word}"' ORDER BY d.body`);
  return (rows ?? []).map((r) => String(r['body']));
}

const ticket = (id: string, subject: string) =>
  `INSERT INTO tickets (id, number, subject, group_id, customer_name, customer_email, created_by, created_at, updated_at) VALUES ('${id}', ${id.length}${Math.floor(Math.random() * 1000)}, '${subject}', 'g', 'Nina', 'nina@example.test', 'a', 1, 1)`;

beforeAll(async () => {
  for (const dir of [original, restored]) {
    cpSync(join(ROOT, 'wrangler.toml'), join(dir, 'wrangler.toml'));
    cpSync(join(ROOT, 'migrations'), join(dir, 'migrations'), { recursive: true });
  }
  const applied = await wrangler(original, 'd1', 'migrations', 'apply', 'DB', '--local');
  expect(applied.code, applied.out).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(original, { recursive: true, force: true });
  rmSync(restored, { recursive: true, force: true });
});

it('drops the indexes for an export, restores from it, and rebuilds every index', async () => {
  await sql(original, `${ticket('t1', 'Broken zipper on jacket')}; INSERT INTO kb_articles (id, title, body, status, created_at, updated_at) VALUES ('k1', 'Zipper care', 'Wax the zipper', 'published', 1, 1); INSERT INTO kb_search (article_id, title, body) VALUES ('k1', 'Zipper care', 'Wax the zipper')`);
  expect(await found(original, 'zipper')).toEqual(['Broken zipper on jacket']);
  const out = join(original, 'backup.sql');

  // With FTS5 tables, wrangler refuses.
  const refused = await wrangler(original, 'd1', 'export', 'DB', '--local', '--output', out);
  expect(refused.code, refused.out).not.toBe(0);

  const dropped = await admin(original, 'search-index', 'drop');
  expect(dropped.code, dropped.out).toBe(0);
  // Writes go on while the indexes are away.
  await sql(original, ticket('t2', 'Zipper stuck again'));
  const exported = await wrangler(original, 'd1', 'export', 'DB', '--local', '--output', out);
  expect(exported.code, exported.out).toBe(0);
  expect(readFileSync(out, 'utf8')).toContain('Zipper stuck again');

  // Restored into an empty database, then rebuilt: both tickets and the article are found.
  const imported = await wrangler(restored, 'd1', 'execute', 'DB', '--local', '--file', out, '--yes');
  expect(imported.code, imported.out).toBe(0);
  const rebuilt = await admin(restored, 'search-index', 'rebuild');
  expect(rebuilt.code, rebuilt.out).toBe(0);
  expect(await found(restored, 'zipper')).toEqual(['Broken zipper on jacket', 'Zipper stuck again']);
  const [kb] = await sql(restored, `SELECT article_id FROM kb_search WHERE kb_search MATCH '"wax"'`);
  expect(kb).toEqual([{ article_id: 'k1' }]);
  // The triggers are back: a new ticket is indexed as it is written.
  await sql(restored, ticket('t3', 'Zipper replaced'));
  expect(await found(restored, 'replaced')).toEqual(['Zipper replaced']);

  // And the original, rebuilt in place, searches as before.
  expect((await admin(original, 'search-index', 'rebuild')).code).toBe(0);
  expect(await found(original, 'zipper')).toEqual(['Broken zipper on jacket', 'Zipper stuck again']);
}, 180_000);

it('refuses anything but drop or rebuild', async () => {
  const wrong = await admin(original, 'search-index', 'compact');
  expect(wrong.code).toBe(2);
  expect(wrong.out).toContain('search-index');
});
