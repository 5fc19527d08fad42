// Agents' sessions: a random token in an HttpOnly, SameSite=Lax cookie; D1 keeps only its
// SHA-256. `requireAgent` is the middleware every agent route sits behind; it also refuses
// cookie-authenticated changes that come from another origin (cross-site request forgery).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.ts';
import { deleteSession, findSessionAgent, insertSession } from './queries.ts';
import { ApiError } from '../http/errors.ts';
import { randomId, sha256 } from './encoding.ts';

export const SESSION_COOKIE = 'sb_session';
/** How long a sign-in lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function startSession(c: Context<AppEnv>, agentId: string): Promise<void> {
  const token = randomId(32);
  const now = Date.now();
  await insertSession(c.env.DB, { id: await sha256(token), agentId, createdAt: now, expiresAt: now + SESSION_TTL_MS });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(c.env.DB, await sha256(token));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sign-in changes the browser's state too: a page on another site must not sign the browser in
 * to an account of its choosing (login CSRF). Browsers always send Origin on a POST.
 */
export function sameOriginOnly(): MiddlewareHandler<AppEnv> {
  return async function sameOriginOnly(c, next) {
    if (c.req.header('Origin') !== new URL(c.req.url).origin) {
      throw new ApiError(403, 'cross_origin', 'Sign in from the Switchboard console itself.');
    }
    await next();
  };
}

export function requireAgent(): MiddlewareHandler<AppEnv> {
  return async function requireAgent(c, next) {
    // Cookie-authenticated changes must come from our own pages. Browsers always send Origin on
    // a POST and on a WebSocket upgrade, so a page on another site can neither change anything
    // nor open an agent's socket with the agent's cookie (cross-site WebSocket hijacking).
    const origin = c.req.header('Origin');
    const isUpgrade = c.req.header('Upgrade')?.toLowerCase() === 'websocket';
    const sameOrigin = origin === new URL(c.req.url).origin;
    if ((!SAFE_METHODS.has(c.req.method) && !sameOrigin) || (isUpgrade && origin !== undefined && !sameOrigin)) {
      throw new ApiError(403, 'cross_origin', 'Changes must come from the Switchboard console itself.');
    }
    const found = await findSession(c);
    if (!found) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
    c.set('agent', found.agent);
    c.set('session', { id: found.sessionId, expiresAt: found.expiresAt });
    await next();
  };
}

/** The session the request's cookie names, if it is still valid, and its agent. */
export async function findSession(c: Context<AppEnv>) {
  const token = getCookie(c, SESSION_COOKIE);
  const sessionId = token ? await sha256(token) : null;
  const found = sessionId ? await findSessionAgent(c.env.DB, sessionId, Date.now()) : undefined;
  return sessionId && found ? { ...found, sessionId } : undefined;
}

/** Administrators only (after requireAgent): others get 403 forbidden. */
export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async function requireAdmin(c, next) {
    if (c.get('agent').role !== 'admin') throw new ApiError(403, 'forbidden', 'Only administrators can do this.');
    await next();
  };
}
