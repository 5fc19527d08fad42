// Setup for the customer-side browser tests: a third-party website on another local origin that
// embeds the loader, staff calls made from Node with a session cookie (as the console makes them),
// axe-core run inside the widget's frame, and the emails miniflare wrote to disk.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';

export const unique = () => Math.random().toString(36).slice(2, 8);

// ---- the third-party website --------------------------------------------------------------------

export interface ThirdPartySite {
  url: string;
  close(): Promise<void>;
}

/**
 * A plain shop page on its own 127.0.0.1 port (another origin than Switchboard's) whose only
 * integration is the loader's script tag, with the given data-* attributes.
 */
export async function startThirdPartySite(switchboard: string, data: Record<string, string>): Promise<ThirdPartySite> {
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pinecone Supplies</title></head>
  <body>
    <main><h1>Pinecone Supplies</h1><p>Camping gear since 1998.</p></main>
    <script src="${switchboard}/widget.js" async${attributes}></script>
  </body>
</html>`;
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The chat iframe the loader adds to a page. */
export function widgetIn(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Live chat"]');
}

/** The same iframe as a Frame, for evaluating scripts in it. */
export async function widgetFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('iframe[title="Live chat"]');
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the chat iframe has no frame');
  await frame.waitForLoadState();
  return frame;
}

// ---- staff, through the API -------------------------------------------------------------------

export interface StaffApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put(path: string, body?: unknown): Promise<void>;
  del(path: string): Promise<void>;
}

/** Signs in from Node as the console does (same Origin), and calls the API with that session. */
export async function signInApi(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<StaffApi> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${email}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { origin: baseUrl, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }
  return {
    get: async (path) => (await call('GET', path)).json(),
    post: async (path, body) => (await call('POST', path, body ?? {})).json(),
    put: async (path, body) => void (await call('PUT', path, body)),
    del: async (path) => void (await call('DELETE', path)),
  };
}

/** Creates and publishes a knowledge-base article; returns its id. */
export async function publishArticle(admin: StaffApi, title: string, body: string): Promise<string> {
  const { id } = await admin.post<{ id: string }>('/api/admin/kb', { title, body });
  await admin.post(`/api/admin/kb/${id}/publish`);
  return id;
}

// ---- axe-core -----------------------------------------------------------------------------------

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core in the frame; returns its violations, one readable line per failing node. */
export async function axeViolations(frame: Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as an inline <script>, which the
  // widget's Content-Security-Policy (script-src 'self') rightly refuses.
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(`${await readFile(axePath, 'utf8')}\n;true`);
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document);
    return results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.help}) at ${node}`));
}

/** True when the frame's page is no wider than its viewport (no horizontal scroll). */
export function fitsWidth(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

/** axe-core finds nothing (printed if it does), and nothing scrolls sideways; `step` names the place. */
export async function expectAccessible(frame: Frame, step: string): Promise<void> {
  const violations = await axeViolations(frame);
  if (violations.length > 0) console.error(`axe-core, ${step}:\n${violations.join('\n')}`);
  expect(violations, step).toEqual([]);
  expect(await fitsWidth(frame), `${step}: no horizontal scroll`).toBe(true);
}

// ---- email --------------------------------------------------------------------------------------

/** Every plain-text email miniflare has written so far (`$TMPDIR/miniflare-<random>/files/email-text/<id>.txt`). */
export async function sentEmails(mailDir: string): Promise<string[]> {
  const texts: string[] = [];
  for (const run of await readdir(mailDir).catch(() => [])) {
    if (!run.startsWith('miniflare-')) continue;
    const folder = join(mailDir, run, 'files', 'email-text');
    for (const file of await readdir(folder).catch(() => [])) {
      if (file.endsWith('.txt')) texts.push(await readFile(join(folder, file), 'utf8'));
    }
  }
  return texts;
}
