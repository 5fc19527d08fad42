// Headers on every answer of the Worker (the API, the chat link redirect): JSON is never sniffed
// as something else, never framed, never sent with a referrer. Hono's secureHeaders sets them;
// the static pages get theirs from client/public/_headers. A WebSocket upgrade is answered by
// the object, whose response is passed through untouched.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const apiHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  // Files are downloaded by our own pages only.
  crossOriginResourcePolicy: 'same-origin',
});

/**
 * Answers any website may read: public, cookie-less, for the loader that runs on the embedding
 * page (whether anyone is online). Everything else stays same-origin.
 */
const READABLE_BY_EVERY_ORIGIN = new Set(['/api/public/online']);

export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    if (c.req.header('Upgrade')?.toLowerCase() === 'websocket') return next();
    await apiHeaders(c, next);
    if (READABLE_BY_EVERY_ORIGIN.has(c.req.path)) {
      c.res.headers.set('Access-Control-Allow-Origin', '*');
      c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    }
  };
}
