// `npm run admin` against a real local database: people and groups change, wrong arguments print
// usage and exit 2, and the rules refuse (exit 1) what would leave a group without members or the
// deployment without an administrator.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeD1 } from '../../scripts/d1.ts';
import { applyMigrations } from '../../scripts/migrate.ts';
import { ROOT, WRANGLER_ENV, wranglerScript } from '../../scripts/process.ts';

const state = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
const PASSWORD = 'a-long-enough-password';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the admin command with `--persist-to <tmp>` and waits for it: the program `npm run admin`
 * runs (tsx scripts/admin.ts), started directly to spare npm's start-up on every call; one test
 * goes through npm itself.
 */
function admin(args: string[], env: Record<string, string> = { SWITCHBOARD_PASSWORD: PASSWORD }, viaNpm = false): Promise<Outcome> {
  const command = viaNpm
    ? ['npm', ['run', '-s', 'admin', '--', '--persist-to', state, ...args]] as const
    : [process.execPath, ['--import', 'tsx', 'scripts/admin.ts', '--persist-to', state, ...args]] as const;
  return new Promise((resolve) => {
    execFile(
      command[0],
      [...command[1]],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  await applyMigrations({ persistTo: state, quiet: true });
});

afterAll(() => rmSync(state, { recursive: true, force: true }));

describe('npm run admin', () => {
  it('creates the first administrator, a group and an agent, and lists them', async () => {
    const first = await admin(['agents', 'create', 'root@example.test', '--name', 'Root', '--role', 'admin'], undefined, true);
    expect(first).toMatchObject({ code: 0, stdout: 'Created admin root@example.test.\n' });
    expect((await admin(['groups', 'create', 'Sales', '--member', 'root@example.test'])).code).toBe(0);
    const created = await admin(['agents', 'create', 'ann@example.test', '--name', "Ann O'Neil", '--group', 'Sales']);
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('Created agent ann@example.test in Sales') });

    const agents = await admin(['agents', 'list']);
    expect(agents.stdout).toMatch(/ann@example\.test\s+Ann O'Neil\s+agent\s+0\s+5\s+Sales/);
    const groups = await admin(['groups', 'list']);
    expect(groups.stdout).toMatch(/Sales\s+2\s+/);
  });

  it('refuses to leave a group without members or the deployment without an administrator', async () => {
    expect((await admin(['members', 'remove', 'ann@example.test', 'Sales'])).code).toBe(0);
    const last = await admin(['members', 'remove', 'root@example.test', 'Sales']);
    expect(last).toMatchObject({ code: 1, stderr: expect.stringContaining('last enabled member') });
    const demote = await admin(['agents', 'role', 'root@example.test', 'manager']);
    expect(demote).toMatchObject({ code: 1, stderr: expect.stringContaining('enabled administrator') });
    expect((await admin(['agents', 'disable', 'root@example.test'])).code).toBe(1);
    // Nothing changed.
    expect((await admin(['agents', 'list'])).stdout).toMatch(/root@example\.test\s+Root\s+admin\s+0/);
    expect((await admin(['groups', 'list'])).stdout).toMatch(/Sales\s+1\s+root@example\.test/);
  });

  it('disables, re-enables, renames and changes roles and passwords', async () => {
    expect((await admin(['agents', 'disable', 'ann@example.test'])).code).toBe(0);
    expect((await admin(['agents', 'enable', 'ann@example.test'])).code).toBe(0);
    expect((await admin(['agents', 'role', 'ann@example.test', 'admin'])).code).toBe(0);
    // With two administrators, the first may step down.
    expect((await admin(['agents', 'role', 'root@example.test', 'manager'])).code).toBe(0);
    expect((await admin(['agents', 'password', 'ann@example.test'], { SWITCHBOARD_PASSWORD: 'another-long-one' })).code).toBe(0);
    expect((await admin(['groups', 'rename', 'Sales', 'Sales EMEA'])).code).toBe(0);
    const list = await admin(['agents', 'list']);
    expect(list.stdout).toMatch(/ann@example\.test\s+Ann O'Neil\s+admin\s+0/);
    expect(list.stdout).toMatch(/root@example\.test\s+Root\s+manager\s+0\s+5\s+Sales EMEA/);
  });

  it('prints usage and exits 2 on wrong or missing arguments, and never takes a password as one', async () => {
    for (const args of [
      [],
      ['agents'],
      ['agents', 'frob'],
      ['agents', 'create', 'not-an-email', '--name', 'X'],
      ['agents', 'create', 'x@example.test'],
      ['agents', 'role', 'ann@example.test', 'emperor'],
      ['agents', 'create', 'x@example.test', '--name', 'X', '--password', 'secret'],
      ['groups', 'create', 'Empty'],
      ['members', 'add', 'ann@example.test'],
    ]) {
      const out = await admin(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout + out.stderr).toContain('Usage: npm run admin');
    }
    const weak = await admin(['agents', 'create', 'x@example.test', '--name', 'X'], { SWITCHBOARD_PASSWORD: 'short' });
    expect(weak.code).toBe(2);
    const noTerminal = await admin(['agents', 'create', 'x@example.test', '--name', 'X'], { SWITCHBOARD_PASSWORD: '' });
    expect(noTerminal.code).toBe(2);
    expect((await admin(['agents', 'list'])).stdout).not.toContain('x@example.test');
  });

  it('reads its first word when no --persist-to comes before it (the everyday form, npm run admin -- <command>)', async () => {
    const help = await new Promise<Outcome>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', '--help'], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: npm run admin') });
  });

  it('writes knowledge-base articles that customers find once published', async () => {
    const bodyFile = join(state, 'article.txt');
    writeFileSync(bodyFile, 'Open Settings; then choose "Reset password".\n');
    const created = await admin(['kb', 'create', '--title', 'Resetting a password', '--body-file', bodyFile]);
    expect(created.code).toBe(0);
    const id = /Created draft (\S+):/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await admin(['kb', 'publish', id!])).code).toBe(0);
    expect((await admin(['kb', 'list'])).stdout).toMatch(new RegExp(`${id}\\s+published\\s+0\\s+Resetting a password`));
    expect((await admin(['kb', 'unpublish', id!])).code).toBe(0);
    expect((await admin(['kb', 'create', '--title', 'No body'])).code).toBe(2);
    expect((await admin(['kb', 'publish', 'nope'])).code).toBe(1);
  });

  it('lifts a sign-in lock that failed guesses put on an email', async () => {
    const d1 = (sql: string) => executeD1(sql, { remote: false, persistTo: state });
    await d1(`INSERT INTO sign_in_failures (email, failures, last_failure_at, locked_until) VALUES ('ann@example.test', 10, 1, ${Date.now() + 900_000})`);
    expect(await admin(['agents', 'unlock', 'Ann@Example.test'])).toMatchObject({ code: 0, stdout: 'Lifted the sign-in lock on Ann@Example.test.\n' });
    expect(await d1("SELECT COUNT(*) AS n FROM sign_in_failures WHERE email = 'ann@example.test'")).toEqual([[{ n: 0 }]]);
    expect(await admin(['agents', 'unlock', 'ann@example.test'])).toMatchObject({ code: 0, stdout: 'ann@example.test was not locked.\n' });
  });

  it('writes canned replies of each scope, refuses an unknown variable or a taken shortcut, and removes a reply with its files', async () => {
    const bodyFile = join(state, 'discount.txt');
    writeFileSync(bodyFile, '{{agent.first_name}} from {{group.name}}: 10% off today.\n');
    const shared = await admin(['canned', 'add', '--title', 'Welcome', '--folder', 'Greetings', '--shortcut', '#Hello', '--body', 'Hi {{customer.first_name|there}}!']);
    expect(shared).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created canned reply \S+ \(shared\): Welcome \(#hello\)\.\n$/) });
    expect((await admin(['canned', 'add', '--title', 'Discount', '--group', 'Sales EMEA', '--body-file', bodyFile])).code).toBe(0);
    expect((await admin(['canned', 'add', '--title', 'My sign-off', '--owner', 'ann@example.test', '--shortcut', 'hello', '--body', 'Cheers'])).code).toBe(0);

    const typo = await admin(['canned', 'add', '--title', 'Typo', '--body', 'Dear {{customer.nmae}}']);
    expect(typo).toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown variable: {{customer.nmae}}.') });
    const taken = await admin(['canned', 'add', '--title', 'Hello again', '--shortcut', 'hello', '--body', 'Hi']);
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringContaining('shortcut #hello') });
    expect((await admin(['canned', 'add', '--title', 'Bad', '--shortcut', 'two words', '--body', 'x'])).code).toBe(2);

    const list = (await admin(['canned', 'list'])).stdout;
    expect(list).toMatch(/\sgroup\s+Sales EMEA\s+Discount\s+0/);
    expect(list).toMatch(/\spersonal\s+ann@example\.test\s+hello\s+My sign-off\s+0/);
    expect(list).toMatch(/\sshared\s+Greetings\s+hello\s+Welcome\s+0/);
    expect(list).not.toContain('Typo');
    expect(list).not.toContain('Hello again');

    // A file kept with the shared reply (as the console stores one): removing the reply removes it from R2.
    const id = /Created canned reply (\S+)/.exec(shared.stdout)![1]!;
    const d1 = (sql: string) => executeD1(sql, { remote: false, persistTo: state });
    await d1(`INSERT INTO canned_reply_files (id, reply_id, filename, content_type, size, created_at) VALUES ('f1', '${id}', 'label.txt', 'text/plain', 6, 1)`);
    const r2 = (...args: string[]) =>
      new Promise<number>((resolve) => execFile(process.execPath, [wranglerScript(), 'r2', 'object', ...args, '--local', '--persist-to', state], { cwd: ROOT, env: { ...process.env, ...WRANGLER_ENV } }, (error) => resolve(error ? 1 : 0)));
    writeFileSync(join(state, 'label.txt'), 'label\n');
    expect(await r2('put', `switchboard-files/canned/${id}/f1`, '--file', join(state, 'label.txt'))).toBe(0);
    expect(await admin(['canned', 'remove', id])).toMatchObject({ code: 0, stdout: `Removed canned reply ${id} and its 1 file.\n` });
    expect(await r2('get', `switchboard-files/canned/${id}/f1`, '--pipe')).toBe(1);
    expect(await d1(`SELECT COUNT(*) AS n FROM canned_reply_files WHERE reply_id = '${id}'; SELECT COUNT(*) AS n FROM canned_replies WHERE id = '${id}'`)).toEqual([[{ n: 0 }], [{ n: 0 }]]);
    expect(await admin(['canned', 'remove', id])).toMatchObject({ code: 1, stderr: expect.stringContaining(`No canned reply ${id}`) });
    // Some fifteen wrangler calls, each a second or two (far more on a busy machine).
  }, 300_000);

  it('names what does not exist', async () => {
    const out = await admin(['members', 'add', 'nobody@example.test', 'Sales EMEA']);
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('No agent with email nobody@example.test') });
    expect((await admin(['groups', 'delete', 'Nowhere'])).stderr).toContain('No group named Nowhere');
  });
});
