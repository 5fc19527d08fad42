// Identity verification: a website that knows who its visitor is (they are signed in there) passes
// the loader a signed identity, `<payload>.<signature>`, where the payload is base64url of the
// JSON {email, id?, name?, exp} and the signature the lowercase hex HMAC-SHA-256 of the payload
// text, keyed with the IDENTITY_SECRET secret the administrator set (docs/identity.md shows a site
// computing it in Node and PHP). `exp` is in seconds since the epoch, as sites' clocks count.
import { isEmail, normalEmail } from '../../objects/rules/email.ts';
import { BIDI_CONTROLS, isValidText } from '../../objects/rules/text.ts';
import { fromBase64Url } from './encoding.ts';
import { timingSafeEqual } from './password.ts';

/** The furthest ahead an identity may expire: a signature is for this visit, not for ever. */
export const MAX_IDENTITY_LIFETIME_S = 24 * 60 * 60;
/** The longest signed identity read (a long name and email fit many times over). */
export const MAX_IDENTITY_LENGTH = 2048;

export interface VerifiedIdentity {
  /** Trimmed, lower case, as every address is stored. */
  email: string;
  /** The website's own id for the customer, if it gave one. */
  externalId: string | null;
  name: string | null;
}

export type IdentityCheck =
  | { ok: true; identity: VerifiedIdentity }
  | { ok: false; code: 'identity_invalid' | 'identity_expired' | 'identity_unavailable'; message: string };

const SHAPE = /^([A-Za-z0-9_-]{1,2000})\.([0-9a-f]{64})$/;

async function hexHmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Signs an identity as a website does (the tests and the demo page use it; sites use their own language). */
export async function signIdentity(secret: string, claims: { email: string; id?: string; name?: string; exp: number }): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(claims));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const payload = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${payload}.${await hexHmac(secret, payload)}`;
}

const invalid = (message: string): IdentityCheck => ({ ok: false, code: 'identity_invalid', message });

/** The identity, if `token` was signed with `secret`, is well formed and has not expired at `now` (ms). */
export async function verifyIdentity(secret: string | undefined, token: string, now: number): Promise<IdentityCheck> {
  if (!secret) return { ok: false, code: 'identity_unavailable', message: 'Identity verification is not set up here (no IDENTITY_SECRET).' };
  const match = token.length <= MAX_IDENTITY_LENGTH ? SHAPE.exec(token) : null;
  if (!match) return invalid('A signed identity is <base64url payload>.<hex HMAC-SHA-256>.');
  const [, payload, signature] = match as unknown as [string, string, string];
  const enc = new TextEncoder();
  if (!timingSafeEqual(enc.encode(await hexHmac(secret, payload)), enc.encode(signature))) return invalid('The identity’s signature does not match.');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(payload)));
  } catch {
    return invalid('The identity’s payload is not JSON.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return invalid('The identity’s payload is not a JSON object.');
  const { email, id, name, exp } = data as Record<string, unknown>;
  if (typeof email !== 'string' || !isEmail(normalEmail(email))) return invalid('The identity has no valid email.');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return invalid('The identity has no expiry (exp, seconds since 1970).');
  if (exp * 1000 <= now) return { ok: false, code: 'identity_expired', message: 'The signed identity has expired: the page must sign a new one.' };
  if (exp * 1000 > now + MAX_IDENTITY_LIFETIME_S * 1000) return invalid(`An identity may expire at most ${MAX_IDENTITY_LIFETIME_S / 3600} hours ahead.`);
  if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > 128)) return invalid('The identity’s id must be a string of 1 to 128 characters.');
  const cleanName = typeof name === 'string' ? name.trim() : undefined;
  if (name !== undefined && (cleanName === undefined || cleanName === '' || cleanName.length > 100 || !isValidText(cleanName) || BIDI_CONTROLS.test(cleanName))) {
    return invalid('The identity’s name must be readable text of 1 to 100 characters.');
  }
  return { ok: true, identity: { email: normalEmail(email), externalId: (id as string | undefined) ?? null, name: cleanName ?? null } };
}
