// Local secrets for `wrangler dev`: `.dev.vars` (never committed, see .gitignore) must hold a
// TOKEN_SECRET, which signs visitor tokens. We make a random one on first run and never touch a
// value that is already there. `.dev.vars.example` (committed) documents the variables.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBase64Url } from '../worker/auth/encoding.ts';
import { ROOT } from './process.ts';

export const DEV_VARS_FILE = join(ROOT, '.dev.vars');
/** 32 random bytes: as strong as the HMAC-SHA-256 key it becomes. */
const SECRET_BYTES = 32;

export function randomSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** Creates `.dev.vars` with a fresh TOKEN_SECRET, or adds one to a file that lacks it. */
export function ensureDevVars(file = DEV_VARS_FILE): 'created' | 'added' | 'kept' {
  const line = `TOKEN_SECRET=${randomSecret()}\n`;
  if (!existsSync(file)) {
    writeFileSync(file, `# Local secrets for wrangler dev; written by npm start. Never commit this file.\n${line}`, { mode: 0o600 });
    return 'created';
  }
  const current = readFileSync(file, 'utf8');
  if (/^\s*TOKEN_SECRET\s*=\s*\S/m.test(current)) return 'kept';
  writeFileSync(file, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${line}`);
  return 'added';
}
