// `npm start`: everything a newcomer needs to try Switchboard on one machine, with no account.
// Local secrets, the client build, the D1 migrations and the demo data, then `wrangler dev`.
// Each step is safe to repeat; data stays in .wrangler/state between runs.
import { buildClient } from './build.ts';
import { DEV_SECRETS, devVar, ensureDevVars } from './dev-vars.ts';
import { migrationsDone } from './migrate.ts';
import { DEMO_AGENTS, DEMO_GROUPS, DEMO_PASSWORD, seedDemoData } from './seed.ts';
import { addDemoChats, DEMO_SIGNED_IN, demoIdentity } from './demo-chats.ts';
import { assertPortFree, freePort, startDevServer, waitUntilReady } from './serve.ts';

const DEFAULT_PORT = 8787;
const IP = '127.0.0.1';

function step(text: string): void {
  console.log(`\n▶ ${text}`);
}

/** A port from the environment (PORT, INSPECTOR_PORT), checked; `fallback` when unset. */
function portFromEnv(name: 'PORT' | 'INSPECTOR_PORT', fallback: number | null): number | null {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, not "${raw}".`);
  return port;
}

/** The full-page widget as the demo shop's signed-in customer sees it (their identity signed for 24 hours). */
async function signedInLink(url: string): Promise<string | null> {
  const secret = devVar('IDENTITY_SECRET');
  return secret ? `${url}/widget.html?identity=${await demoIdentity(secret)}` : null;
}

function banner(url: string, signedIn: string | null): string {
  const groupName = (id: string) => DEMO_GROUPS.find((g) => g.id === id)?.name ?? id;
  const emails = DEMO_AGENTS.map((a) => `    ${a.email.padEnd(26)} ${a.role}, ${a.groups.map(groupName).join(' + ')}`);
  return [
    '',
    '────────────────────────────────────────────────────────────────────',
    ' Switchboard is running.',
    '',
    `  Agent console    ${url}/`,
    `  Demo web page    ${url}/demo.html     (click the chat button)`,
    `  Full-page chat   ${url}/widget.html`,
    ...(signedIn
      ? ['', `  A signed-in customer (${DEMO_SIGNED_IN.name}, verified by the shop; sees his earlier chat; valid 24 h):`, `    ${signedIn}`]
      : []),
    '',
    '  A customer\'s details: click their underlined email in a chat, ticket or call log.',
    '',
    '  Sign in to the console as:',
    ...emails,
    `  Password for all: ${DEMO_PASSWORD}`,
    '',
    `  Data is kept in ${process.env['SWITCHBOARD_STATE'] || '.wrangler/state'}. Press Ctrl-C to stop.`,
    '────────────────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const port = portFromEnv('PORT', DEFAULT_PORT)!;
  await assertPortFree(port, IP);
  // Another wrangler dev on this machine holds the default devtools port (9229): take a free one
  // unless one is named, so both run side by side.
  const inspectorPort = portFromEnv('INSPECTOR_PORT', null) ?? (await freePort(IP));
  // Where local D1, Durable Objects and R2 keep their data: wrangler's .wrangler/state unless
  // SWITCHBOARD_STATE names another folder (a second copy of the demo beside the first).
  const persistTo = process.env['SWITCHBOARD_STATE'] || undefined;

  step('Local secrets (.dev.vars)');
  const devVars = ensureDevVars();
  const secrets = DEV_SECRETS.join(', ');
  console.log(devVars === 'kept' ? `${secrets} already set.` : `Wrote the random secrets .dev.vars lacked (of ${secrets}).`);

  step('Building the console and the widget (vite build)');
  await buildClient();

  step('D1 migrations (local)');
  console.log(await migrationsDone({ persistTo }));

  step('Demo people and content');
  await seedDemoData({ quiet: true, persistTo });
  console.log(`${DEMO_AGENTS.length} agents and ${DEMO_GROUPS.length} groups in place (existing rows are left as they are).`);

  step(`Starting wrangler dev on http://${IP}:${port} (devtools on port ${inspectorPort})`);
  const server = startDevServer({ port, ip: IP, inspectorPort, persistTo });
  // Ctrl-C and `kill` go to wrangler, which shuts workerd down; we leave when it has.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void server.stop(signal));
  }
  try {
    await waitUntilReady(server);
  } catch (err) {
    await server.stop();
    throw err;
  }
  step('Demo chats');
  try {
    const demo = await addDemoChats(server.url, devVar('IDENTITY_SECRET'));
    console.log(demo === 'added' ? 'A waiting chat, one idle past its warning, one under way with comments and a custom field, and a rated one, with the help desk and knowledge base beside them.' : 'Chats exist already: none added.');
  } catch (err) {
    // The console works without them; say so rather than stop.
    console.log(`Demo chats not added: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log(banner(server.url, await signedInLink(server.url)));
  const code = await server.exited;
  process.exitCode = code ?? 0;
}

main().catch((err: unknown) => {
  console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
