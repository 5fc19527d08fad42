// Visitors hold a token bound to one chat: `<payload b64url>.<HMAC-SHA-256 b64url>`, signed with
// the TOKEN_SECRET secret. A token for chat A is refused on chat B; an expired token is refused.
import { fromBase64Url, toBase64Url } from './encoding.ts';
import { timingSafeEqual } from './password.ts';

interface TokenPayload {
  /** The chat this token opens. */
  c: string;
  /** Expiry, ms since the epoch. */
  e: number;
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
}

async function sign(secret: string, data: string): Promise<Uint8Array> {
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(data));
  return new Uint8Array(sig);
}

export async function issueVisitorToken(secret: string, chatId: string, expiresAt: number): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ c: chatId, e: expiresAt } satisfies TokenPayload)));
  return `${payload}.${toBase64Url(await sign(secret, payload))}`;
}

/** A token is two base64url parts and a dot; nothing else is ever one. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,512}\.[A-Za-z0-9_-]{43}$/;

/**
 * True when `token` was signed by us for `chatId` and has not expired. The token is compared
 * whole: its signature is computed again and the token must be exactly payload, dot, signature
 * (so no text before, after or inside it is ignored by a lenient decoder).
 */
export async function verifyVisitorToken(secret: string, token: string, chatId: string, now: number): Promise<boolean> {
  if (!TOKEN_SHAPE.test(token)) return false;
  const payload = token.slice(0, token.indexOf('.'));
  const expected = `${payload}.${toBase64Url(await sign(secret, payload))}`;
  const enc = new TextEncoder();
  if (!timingSafeEqual(enc.encode(expected), enc.encode(token))) return false;
  try {
    const data: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(payload)));
    if (typeof data !== 'object' || data === null) return false;
    const { c, e } = data as Partial<TokenPayload>;
    return c === chatId && typeof e === 'number' && e > now;
  } catch {
    return false;
  }
}
