// Runs SQL against the Switchboard D1 database through `wrangler d1 execute`, locally (the same
// state `npm start` uses, or another `--persist-to` folder) or on the deployed database with
// `--remote`, and returns each statement's rows.
import { spawn } from 'node:child_process';
import { persistArgs, ROOT, WRANGLER_ENV, wranglerScript } from './process.ts';

export interface D1Target {
  remote: boolean;
  persistTo?: string;
}

export type Row = Record<string, unknown>;

/** Runs the statements (`;`-separated) in one wrangler call; one array of rows per statement. */
export function executeD1(sql: string, target: D1Target): Promise<Row[][]> {
  const where = target.remote ? ['--remote'] : ['--local', ...persistArgs(target.persistTo)];
  const args = [wranglerScript(), 'd1', 'execute', 'DB', ...where, '--json', '--command', sql];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...WRANGLER_ENV } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(out);
      } catch {
        return reject(new Error(`wrangler d1 execute failed:\n${err || out}`));
      }
      if (!Array.isArray(parsed)) {
        const text = (parsed as { error?: { text?: string } }).error?.text ?? JSON.stringify(parsed);
        return reject(new Error(text));
      }
      resolve(parsed.map((r: { results?: Row[] }) => r.results ?? []));
    });
  });
}
