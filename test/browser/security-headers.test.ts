// Each page under its own Content-Security-Policy, in Chromium: the console works with no
// violation and no other site can frame it (clickjacking); the widget works and any site can
// embed it. Also, from Node: a text frame that is not valid UTF-8 is refused on the wire.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import WebSocket from 'ws';
import { decodeFrames } from '../../objects/protocol.ts';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, signIn } from './browser.ts';
import { widgetIn } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let framer: { server: Server; url: string };

/** A page on another origin that frames the console and embeds the widget's loader. */
async function startFramingSite(): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framer</title></head><body>
    <h1>Someone else's page</h1>
    <iframe id="console" title="Framed console" src="${baseUrl}/" width="800" height="400"></iframe>
    <script src="${baseUrl}/widget.js" async></script>
  </body></html>`;
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Records every CSP violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

beforeAll(async () => {
  browser = await launchBrowser();
  framer = await startFramingSite();
});

afterAll(async () => {
  framer?.server.closeAllConnections();
  framer?.server.close();
  await browser?.close();
});

test('the console sends a strict policy, works under it, and cannot be framed by another site', async () => {
  const res = await fetch(`${baseUrl}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');

  const { context, page } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ console: page }, 'csp-console'));
  const violations = await watchViolations(page);
  await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'My Active' }).waitFor();
  expect(await violations()).toEqual([]);

  // Signed in, the same browser opens another site that frames the console: the frame stays empty.
  const other = await context.newPage();
  await other.goto(framer.url);
  const element = await other.waitForSelector('#console');
  const frame = await element.contentFrame();
  // Chromium shows its own error page in a frame that frame-ancestors refused.
  await expect.poll(() => frame?.url()).toBe('chrome-error://chromewebdata/');
  expect(await other.frameLocator('#console').getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  await context.close();
});

test('the widget sends its policy, works under it, and any site can embed it', async () => {
  const res = await fetch(`${baseUrl}/widget.html`, { redirect: 'follow' });
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain('frame-ancestors *');
  expect(csp).toContain("script-src 'self'");
  expect(res.headers.get('x-frame-options')).toBeNull();
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');

  const { context, page } = await newPerson(browser, framer.url);
  onTestFailed(() => screenshot({ site: page }, 'csp-widget'));
  // Init scripts run in every frame of the page, the widget's iframe included.
  await watchViolations(page);
  await page.goto(framer.url);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  await widgetIn(page).getByLabel('Your name').waitFor();
  const frame = page.frames().find((f) => f.url().startsWith(`${baseUrl}/widget`));
  expect(frame).toBeDefined();
  const violations = await frame!.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  expect(violations).toEqual([]);
  await context.close();
});

test('a text frame that is not valid UTF-8 is refused with invalid_text, and the socket stays open', async () => {
  const start = await fetch(`${baseUrl}/api/visitor/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Byte Tester', email: 'bytes@example.test', question: 'Does this arrive?', groupId: 'support' }),
  });
  expect(start.status).toBe(201);
  const { chatId, token } = (await start.json()) as { chatId: string; token: string };
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/visitor/chats/${chatId}/ws?token=${encodeURIComponent(token)}`);
  const frames: { type: string; code?: string; id?: string }[] = [];
  // One message may carry several frames (objects/outbox.ts).
  ws.on('message', (data) => frames.push(...(decodeFrames(String(data)) as { type: string }[])));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await expect.poll(() => frames.some((f) => f.type === 'synced')).toBe(true);
  // `{"type":"send","id":"raw","text":"caf<0xC3 0x28>"}`: 0xC3 starts a two-byte sequence 0x28 cannot end.
  const bytes = Buffer.concat([Buffer.from('{"type":"send","id":"raw","text":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
  ws.send(bytes, { binary: false });
  await expect.poll(() => frames.find((f) => f.type === 'error')).toMatchObject({ code: 'invalid_text', id: 'raw' });
  ws.send(JSON.stringify({ type: 'send', id: 'ok', text: 'café' }));
  await expect.poll(() => frames.filter((f) => f.type === 'event').length).toBe(3);
  expect(ws.readyState).toBe(WebSocket.OPEN);
  ws.close();
});
