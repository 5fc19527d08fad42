// The index lag of part `search` (bench/search.ts): how long after a customer sends a message
// GET /api/search first finds it, while LAG_RATE_PER_SECOND messages flow over LAG_CHATS chats
// through real visitor sockets. Every LAG_SAMPLE_EVERY-th message carries LAG_MARKER and a token
// of its own; one search for the marker, newest first, polled every LAG_POLL_MS, sees each token
// arrive. One poll for all samples keeps the measuring from loading the machine it measures (a
// poll per sample would be hundreds of searches a second); a page full of new samples is followed
// by the next page, so none is skipped. The path measured is the production one: the chat's feed
// (objects/chat/indexer.ts), its search writer and the writer's D1 batch (worker/search/writer.ts).
import { performance } from 'node:perf_hooks';
import type { ClientFrame, ServerFrame } from '../objects/protocol.ts';
import { decodeFrames } from '../objects/protocol.ts';
import type { SearchResponse } from '../worker/search/wire.ts';
import { sleep } from './common.ts';
import { closeRooms, mapLimit, percentile, type Room, switchboardRoom } from './load.ts';
import type { TextWriter } from './search-corpus.ts';
import { BENCH_HOST, type Servers } from './server.ts';

/** The bound: a message is searchable within this long of being sent. */
export const LAG_TARGET_MS = 2000;
/** Chats the load flows over, and the rate over all of them (the "1,000 messages a second"). */
export const LAG_CHATS = 50;
export const LAG_RATE_PER_SECOND = 1000;
/** How long messages flow; samples are taken after the warm-up (objects waking, first alarms). */
export const LAG_RUN_MS = 33_000;
const LAG_WARMUP_MS = 3_000;
/** One message in this many is a sample: some 300 over the run. */
export const LAG_SAMPLE_EVERY = 100;
/**
 * How often the marker search runs: the lag's resolution. Each poll is a search D1 runs between
 * the index's writes (on this one machine, on the same thread as every chat object), so polling
 * much more often would slow what it measures.
 */
export const LAG_POLL_MS = 100;
/** After the last send, how long the poller waits for samples not yet found before calling them missing. */
const LAG_GIVE_UP_MS = 15_000;
/** The word every sample carries, and the start of each sample's own token (letters only: one FTS5 token). */
const LAG_MARKER = 'lagprobe';
const TOKEN_PREFIX = 'lagtok';
/** The search page the poller reads (the route's largest), and how far it pages at most (the ranking window). */
const POLL_PAGE = 50;
const POLL_MAX_OFFSET = 1950;
/** How often the documents indexed so far are counted (straight from D1), to see how far the index trails. */
const BACKLOG_EVERY_MS = 1000;
const SETUP_CONCURRENCY = 10;
const PACING_TICK_MS = 5;
const REQUEST_TIMEOUT_MS = 15_000;

export interface LagResult {
  /** ms from send to the first poll answer that held the sample, ascending. */
  lags: number[];
  /** ms from send to the agent's socket receiving the sample (the chat's own path, for comparison), ascending. */
  deliveries: number[];
  samples: number;
  missing: number;
  sent: number;
  /** Messages per second actually sent over the run. */
  rate: number;
  /** Error frames the chats sent back (refused messages). */
  refused: number;
  polls: number;
  /** The marker search's own time, p50 over the run (ms). */
  pollP50: number;
  /** The most messages sent but not yet in the index at one count, and when (s into the run). */
  maxBacklog: { messages: number; atSecond: number };
}

/** A sample's token: TOKEN_PREFIX and `n` in letters (a–z), so no digit splits or stems it. */
function tokenOf(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `${TOKEN_PREFIX}${s.padStart(4, 'a')}`;
}

async function searchMarker(origin: string, cookie: string, offset: number): Promise<{ texts: string[]; ms: number }> {
  const url = new URL(`/api/search?q=${LAG_MARKER}&kind=chat&sort=date&limit=${POLL_PAGE}&offset=${offset}`, origin);
  if (url.hostname !== BENCH_HOST) throw new Error(`refusing to connect to ${url.hostname}`);
  const t = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url.pathname}${url.search}: ${res.status} ${body.slice(0, 200)}`);
  const page = (JSON.parse(body) as SearchResponse).pages[0];
  return { texts: (page?.hits ?? []).map((h) => h.snippet.map((p) => p.text).join('')), ms: performance.now() - t };
}

export async function measureIndexLag(
  servers: Servers,
  cookie: string,
  writer: TextWriter,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<LagResult> {
  log(`index lag: starting ${LAG_CHATS} chats (visitor and agent sockets, taken by the measured agent)`);
  const rooms: Room[] = await mapLimit(
    Array.from({ length: LAG_CHATS }, (_, i) => i),
    SETUP_CONCURRENCY,
    (i) => switchboardRoom(servers, cookie, i),
  );
  let refused = 0;
  const sentAt = new Map<string, number>();
  /** A sample's client id → when it was sent, until the agent's socket has it. */
  const undelivered = new Map<string, number>();
  const deliveries: number[] = [];
  for (const room of rooms) {
    room.sender.on('message', (data) => {
      for (const frame of decodeFrames(data.toString()) as ServerFrame[]) if (frame.type === 'error') refused++;
    });
    room.receiver.on('message', (data) => {
      const at = performance.now();
      for (const frame of decodeFrames(data.toString())) {
        const id = room.delivered(frame);
        const sent = id === null ? undefined : undelivered.get(id);
        if (sent === undefined) continue;
        deliveries.push(at - sent);
        undelivered.delete(id!);
      }
    });
  }
  const lags: number[] = [];
  const pollTimes: number[] = [];
  let sent = 0;
  let sampleCount = 0;
  let sending = true;
  log(
    `index lag: ${LAG_RATE_PER_SECOND} messages/s over ${LAG_CHATS} chats for ${LAG_RUN_MS / 1000} s; one in ${LAG_SAMPLE_EVERY} after the first ` +
      `${LAG_WARMUP_MS / 1000} s is a sample; GET /api/search?q=${LAG_MARKER}&sort=date every ${LAG_POLL_MS} ms`,
  );
  // How far the index trails what was sent: documents of the lag's chats written since the start.
  const db = await servers.mf.getD1Database('DB');
  const base = (await db.prepare('SELECT coalesce(max(id), 0) AS id FROM search_docs').first<{ id: number }>())!.id;
  const maxBacklog = { messages: 0, atSecond: 0 };
  let counting = false;
  const started = performance.now();
  const counter = setInterval(() => {
    if (counting) return;
    counting = true;
    const sentThen = sent;
    void db
      .prepare('SELECT count(*) AS n FROM search_docs WHERE id > ?')
      .bind(base)
      .first<{ n: number }>()
      .then((r) => {
        const behind = sentThen - (r?.n ?? 0);
        if (behind > maxBacklog.messages) Object.assign(maxBacklog, { messages: behind, atSecond: (performance.now() - started) / 1000 });
      })
      .catch(() => undefined)
      .finally(() => (counting = false));
  }, BACKLOG_EVERY_MS);
  const pacer = setInterval(() => {
    const elapsed = performance.now() - started;
    if (elapsed >= LAG_RUN_MS || signal.aborted) {
      clearInterval(pacer);
      sending = false;
      return;
    }
    const due = Math.floor((elapsed * LAG_RATE_PER_SECOND) / 1000) + 1;
    while (sent < due) {
      const room = rooms[sent % rooms.length]!;
      const sample = elapsed >= LAG_WARMUP_MS && sent % LAG_SAMPLE_EVERY === 0;
      const id = crypto.randomUUID();
      let text: string;
      if (sample) {
        const token = tokenOf(sampleCount++);
        text = `${LAG_MARKER} ${token} ${writer.words(4)}`;
        sentAt.set(token, performance.now());
        undelivered.set(id, performance.now());
      } else {
        text = writer.message().text;
      }
      room.sender.send(JSON.stringify({ type: 'send', id, text, first: true } satisfies ClientFrame));
      sent++;
    }
  }, PACING_TICK_MS);

  const tokenPattern = new RegExp(`${TOKEN_PREFIX}[a-z]+`, 'g');
  let polls = 0;
  let lastSend = performance.now();
  try {
    while (!signal.aborted) {
      if (sending) lastSend = performance.now();
      else if (sentAt.size === 0 || performance.now() - lastSend > LAG_GIVE_UP_MS) break;
      const pollStarted = performance.now();
      // Newest first: read pages until one holds a sample already seen (or the window ends).
      for (let offset = 0; offset <= POLL_MAX_OFFSET; offset += POLL_PAGE) {
        const { texts, ms } = await searchMarker(servers.origin, cookie, offset);
        const answeredAt = performance.now();
        polls++;
        pollTimes.push(ms);
        let seenBefore = false;
        for (const text of texts) {
          for (const token of text.match(tokenPattern) ?? []) {
            const at = sentAt.get(token);
            if (at === undefined) seenBefore = true;
            else {
              lags.push(answeredAt - at);
              sentAt.delete(token);
            }
          }
        }
        if (seenBefore || texts.length < POLL_PAGE) break;
      }
      await sleep(Math.max(0, LAG_POLL_MS - (performance.now() - pollStarted)));
    }
  } finally {
    clearInterval(pacer);
    clearInterval(counter);
    await closeRooms(rooms);
  }
  const seconds = Math.min(LAG_RUN_MS, lastSend - started) / 1000;
  return {
    lags: lags.sort((a, b) => a - b),
    deliveries: deliveries.sort((a, b) => a - b),
    samples: sampleCount,
    missing: sentAt.size,
    sent,
    rate: sent / Math.max(seconds, 1e-3),
    refused,
    polls,
    pollP50: percentile(
      pollTimes.sort((a, b) => a - b),
      50,
    ),
    maxBacklog,
  };
}
