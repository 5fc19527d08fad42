// Running the project's own tools (wrangler, npm scripts) from the scripts and the browser test:
// one place that knows where the binaries are, which environment keeps wrangler quiet and
// non-interactive, and how a failed step is reported.
import { spawn, type SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (the one holding package.json and wrangler.toml). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What every wrangler run gets: no request to Cloudflare for the `cf` object, no usage metrics,
 * no banner (and with it no check of the npm registry for a newer wrangler), and `CI`, so that
 * `d1 migrations apply` does not stop to ask "continue?"
 * (https://developers.cloudflare.com/workers/wrangler/system-environment-variables/).
 */
export const WRANGLER_ENV: Record<string, string> = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: '1',
};

const require = createRequire(import.meta.url);

/** wrangler's own entry script, run with this Node: no shell, no `.cmd` shims on Windows. */
export function wranglerScript(): string {
  const pkgPath = require.resolve('wrangler/package.json');
  const bin = (require(pkgPath) as { bin: Record<string, string> }).bin['wrangler'];
  if (!bin) throw new Error('wrangler has no "wrangler" bin; is it installed (npm install)?');
  return join(dirname(pkgPath), bin);
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Show the tool's output (the default) or keep it and print it only when the step fails. */
  quiet?: boolean;
  /** Through the system shell: only for `npm.cmd` on Windows, which Node will not spawn directly. */
  shell?: boolean;
}

/** Runs a command to completion in the project root; rejects with its output when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<void> {
  const spawnOptions: SpawnOptions = {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    shell: options.shell ?? false,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, spawnOptions);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      reject(new Error(`\`${[command, ...args].join(' ')}\` ${how}${output ? `:\n${output}` : ''}`));
    });
  });
}

/** Runs wrangler with the given arguments (see WRANGLER_ENV). */
export function runWrangler(args: string[], options: RunOptions = {}): Promise<void> {
  return run(process.execPath, [wranglerScript(), ...args], { ...options, env: { ...WRANGLER_ENV, ...options.env } });
}

/** Runs an npm script of this project, with the npm that started us when there is one. */
export function runNpmScript(name: string, options: RunOptions = {}): Promise<void> {
  const npmCli = process.env['npm_execpath'];
  if (npmCli && /\.c?js$/.test(npmCli)) return run(process.execPath, [npmCli, 'run', name], options);
  const windows = process.platform === 'win32';
  return run(windows ? 'npm.cmd' : 'npm', ['run', name], { ...options, shell: windows });
}

/** `--persist-to <dir>` when a state folder other than wrangler's default is wanted. */
export function persistArgs(persistTo: string | undefined): string[] {
  return persistTo ? ['--persist-to', persistTo] : [];
}
