// Local secrets for `wrangler dev`: `.dev.vars` (never committed, see .gitignore) must hold a
// TOKEN_SECRET, an IDENTITY_SECRET and a WEBHOOK_SECRET. We make random ones on first run and never touch a value
// that is already there. `.dev.vars.example` (committed) documents the variables.
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

/**
 * The local secrets: TOKEN_SECRET signs visitor tokens; IDENTITY_SECRET checks the identities a
 * website signs for its signed-in customers (the demo page signs one with it: scripts/start.ts);
 * WEBHOOK_SECRET signs manual events' webhooks (a local receiver checks them with it).
 */
export const DEV_SECRETS = ['TOKEN_SECRET', 'IDENTITY_SECRET', 'WEBHOOK_SECRET'] as const;

/** Creates `.dev.vars` with fresh secrets, or adds those a file lacks; values already there stay. */
export function ensureDevVars(file = DEV_VARS_FILE): 'created' | 'added' | 'kept' {
  const lines = (keys: readonly string[]) => keys.map((key) => `${key}=${randomSecret()}\n`).join('');
  if (!existsSync(file)) {
    writeFileSync(file, `# Local secrets for wrangler dev; written by npm start. Never commit this file.\n${lines(DEV_SECRETS)}`, { mode: 0o600 });
    return 'created';
  }
  const current = readFileSync(file, 'utf8');
  const missing = DEV_SECRETS.filter((key) => !new RegExp(`^\\s*${key}\\s*=\\s*\\S`, 'm').test(current));
  if (missing.length === 0) return 'kept';
  writeFileSync(file, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${lines(missing)}`);
  return 'added';
}

/** A secret's value in `.dev.vars`, if it has one. */
export function devVar(key: string, file = DEV_VARS_FILE): string | null {
  if (!existsSync(file)) return null;
  const match = new RegExp(`^\\s*${key}\\s*=\\s*(\\S+)`, 'm').exec(readFileSync(file, 'utf8'));
  return match?.[1] ?? null;
}
