// scripts/stall-guard.ts, run for real: a command that goes silent (or, once it reports progress on
// the guard's channel, stops reporting it) is stopped and run once more; one that fails is not run
// again, and its exit code is passed on.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-stall-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the guard around `node -e <script>` with a short stall limit (long enough that a node
 * starting on a busy machine, the CLI files running two at a time, is never taken for a stall).
 */
function guard(script: string, stallMs = 5_000): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      // `--`: what the guard adds on a rerun (--exclude …) reaches the script, not node.
      ['--import', 'tsx', 'scripts/stall-guard.ts', process.execPath, '-e', script, '--'],
      { cwd: ROOT, env: { ...process.env, STALL_GUARD_MS: String(stallMs) }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the stall guard', () => {
  it('stops a run that goes silent and runs it again; the second run decides', async () => {
    // The first run prints, then hangs silently (it marks that it ran); the second passes.
    const mark = join(dir, 'ran-once');
    const script = `
      const fs = require('node:fs');
      console.log('run starts');
      if (!fs.existsSync(${JSON.stringify(mark)})) { fs.writeFileSync(${JSON.stringify(mark)}, ''); setInterval(() => {}, 1000); }
      else console.log('second run passes');`;
    const out = await guard(script);
    expect(out.code).toBe(0);
    expect(out.stdout.match(/run starts/g)).toHaveLength(2);
    expect(out.stdout).toContain('second run passes');
    expect(out.stderr).toMatch(/no output for 5 s/);
    expect(out.stderr).toContain('running it again (2 of 3)');
  });

  it('gives up, failing, when the run stalls every time', async () => {
    const out = await guard(`console.log('x'); setInterval(() => {}, 1000);`, 800);
    expect(out.code).toBe(1);
    expect(out.stdout.match(/x/g)).toHaveLength(3);
    expect(out.stderr).toContain('stalled 3 times');
  });

  it('runs it again without the files the stalled runs said passed', async () => {
    // Each run reports the files it passes (as the Workers suite's reporter does) and stalls
    // after one more, until the only file left passes.
    const files = ['test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts'];
    const script = `
      const fs = require('node:fs');
      const fd = Number(process.env.STALL_GUARD_FD);
      const args = process.argv.slice(1);
      const left = ${JSON.stringify(files)}.filter((f) => !args.some((a, i) => a === '--exclude' && args[i + 1] === f));
      console.log('left: ' + left.join(' '));
      fs.writeSync(fd, '.\\npassed ' + left[0] + '\\n');
      if (left.length > 1) setInterval(() => {}, 1000);`;
    const out = await guard(script, 1_500);
    expect(out.code).toBe(0);
    expect(out.stdout.match(/left: .*/g)).toEqual(['left: test/a.test.ts test/b.test.ts test/c.test.ts', 'left: test/b.test.ts test/c.test.ts', 'left: test/c.test.ts']);
    expect(out.stderr).toContain('running it again (3 of 3), without the 2 file(s) that passed');
  });

  it('judges a command that reports progress by its progress alone, not by its output', async () => {
    // Progress once, then only output (as Durable Objects logging in a stalled Workers run).
    const stuck = await guard(
      `require('node:fs').writeSync(Number(process.env.STALL_GUARD_FD), '.'); console.log('started'); setInterval(() => console.log('still logging'), 100);`,
      1_500,
    );
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toMatch(/no progress for 1\.5 s/);
    expect(stuck.stderr).toContain('stalled 3 times');
    // Progress every 200 ms for 3 s, twice the limit, and no output at all: one run that passes.
    const moving = await guard(
      `const fs = require('node:fs'); const fd = Number(process.env.STALL_GUARD_FD); let n = 0; const t = setInterval(() => { fs.writeSync(fd, '.'); if (++n === 15) { clearInterval(t); console.log('done'); } }, 200);`,
      1_500,
    );
    expect(moving.code).toBe(0);
    expect(moving.stdout.match(/done/g)).toHaveLength(1);
    expect(moving.stderr).not.toContain('stall-guard');
  });

  it('never runs a failing run again, and passes its exit code on', async () => {
    const out = await guard(`console.log('one run'); process.exit(3);`);
    expect(out.code).toBe(3);
    expect(out.stdout.match(/one run/g)).toHaveLength(1);
    expect(out.stderr).not.toContain('stall-guard');
  });
});
