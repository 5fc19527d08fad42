// A webhook receiver for the workers tests: a Worker of its own in the same miniflare
// (vitest.workers.config.ts), to which the Worker under test's outbound fetches go. It keeps
// every request it gets (headers and body, in its own KV) and answers by its path:
//   POST /ok…   → 200
//   POST /fail… → 503 (every time)
//   GET  /__received?delivery=<id> → the requests kept for that delivery id, oldest first
// Plain JavaScript: miniflare runs it as it is.

const DELIVERY_HEADER = 'x-switchboard-delivery';

export default {
  /** @param {Request} request @param {{ RECEIVED: KVNamespace }} env */
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/__received') {
      const delivery = url.searchParams.get('delivery') ?? '';
      const { keys } = await env.RECEIVED.list({ prefix: `${delivery}:` });
      const kept = await Promise.all(keys.map(async (k) => JSON.parse((await env.RECEIVED.get(k.name)) ?? 'null')));
      kept.sort((a, b) => a.n - b.n);
      return Response.json(kept);
    }
    if (request.method !== 'POST') return new Response('POST only', { status: 405 });
    const body = await request.text();
    const delivery = request.headers.get(DELIVERY_HEADER) ?? 'none';
    const n = Date.now() * 1000 + Math.floor(Math.random() * 1000);
    const record = { n, url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body };
    await env.RECEIVED.put(`${delivery}:${n}`, JSON.stringify(record));
    if (url.pathname.startsWith('/fail')) return new Response('the receiver is down', { status: 503 });
    return new Response('ok', { status: 200 });
  },
};
