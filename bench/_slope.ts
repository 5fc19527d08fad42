import WebSocket from 'ws';
import { log, sleep } from './common.ts';
import { setUpSwitchboard, setUpBaseline, signIn, runLoad } from './load.ts';
import { startServers, BENCH_HOST } from './server.ts';
const PORT = 9339;
const servers = await startServers(log, { inspectorPort: PORT });
const list = (await (await fetch(`http://${BENCH_HOST}:${PORT}/json`)).json()) as { id: string; webSocketDebuggerUrl: string }[];
const calls = await Promise.all(list.filter((t) => t.id.startsWith('core:user:')).map(async (t) => {
  const ws = new WebSocket(t.webSocketDebuggerUrl); await new Promise((r) => ws.once('open', r));
  let n = 1; const waiting = new Map<number, (v: unknown) => void>();
  ws.on('message', (d) => { const m = JSON.parse(d.toString()); if (m.id && waiting.has(m.id)) { waiting.get(m.id)!(m.result); waiting.delete(m.id); } });
  return (method: string, params = {}) => new Promise((resolve) => { const id = n++; waiting.set(id, resolve); ws.send(JSON.stringify({ id, method, params })); });
}));
const rss = async () => { for (const c of calls) await c('HeapProfiler.takeHeapSnapshot', { reportProgress: false }); await sleep(2000); return servers.serverRssKb()!; };
const cookie = await signIn(servers);
const B = Number(process.argv[2] ?? 150);
const order = (process.argv[3] ?? 'sb,base').split(',');
for (const sys of order) {
  for (let b = 0; b < 4; b++) {
    const r0 = await rss();
    const rooms = sys === 'sb' ? await setUpSwitchboard(servers, cookie, B) : await setUpBaseline(servers, B, `slope-${b}`);
    await runLoad(sys === 'sb' ? 'switchboard' : 'baseline', rooms, 1, 8, `slope-${sys}-${b}`);
    const r1 = await rss();
    console.log(`${sys} batch ${b + 1}: ${((r1 - r0) / B).toFixed(0)} KiB per open chat (RSS ${(r1 / 1024).toFixed(0)} MiB)`);
  }
}
await servers.dispose();
process.exit(0);
