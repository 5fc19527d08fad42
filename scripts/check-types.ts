// `npm run check`'s first step: are the committed binding types (worker/env.generated.d.ts) what
// `npm run types` makes from wrangler.toml? `wrangler types --check` also reads a local .dev.vars,
// whose secrets (written by `npm start`) are not part of the committed file, so it would fail on
// any machine that ever ran `npm start`. This generates beside the committed file with the same
// flags (.dev.vars left out), compares everything but the header line, and removes its copy.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runWrangler } from './process.ts';

const COMMITTED = join(ROOT, 'worker', 'env.generated.d.ts');
const FRESH = join(ROOT, 'worker', '.env.generated.check.d.ts');

/** The file without its first two lines (the generator's comment names the output path and flags). */
const body = (path: string) => readFileSync(path, 'utf8').split('\n').slice(2).join('\n');

try {
  await runWrangler(['types', FRESH, '--include-runtime', 'false', '--strict-vars', 'false', '--env-file', '/dev/null'], { quiet: true });
  if (body(FRESH) !== body(COMMITTED)) {
    console.error('worker/env.generated.d.ts is out of date with wrangler.toml: run `npm run types` and commit it.');
    process.exitCode = 1;
  }
} finally {
  rmSync(FRESH, { force: true });
}
