// The browser side of the end-to-end tests: launching Chromium, and small steps that read like
// what a person does (open the widget, start a chat, sign in). Everything waits with Playwright's
// auto-waiting locators; nothing sleeps for a fixed time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/process.ts';

/** Debian's Chromium; set CHROMIUM_PATH to use another build. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** How long one step (a click, a message to appear) may take before the test fails. */
export const STEP_TIMEOUT_MS = 20_000;
const SCREENSHOT_DIR = join(ROOT, 'test-results');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh profile (cookies, localStorage) per person, as if on their own computer. */
export async function newPerson(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  // What went wrong in the page, written beside its screenshot if the test fails (a page that
  // never rendered says why here).
  const trouble: string[] = [];
  pageTrouble.set(page, trouble);
  page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => trouble.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`));
  return { context, page };
}

const pageTrouble = new WeakMap<Page, string[]>();

/** Saves what each page shows, and the errors it logged, for a test that failed. */
export async function screenshot(pages: Record<string, Page | undefined>, prefix: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [name, page] of Object.entries(pages)) {
    if (!page) continue;
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${prefix}-${name}.png`), fullPage: true }).catch(() => undefined);
    const trouble = pageTrouble.get(page) ?? [];
    writeFileSync(join(SCREENSHOT_DIR, `${prefix}-${name}.txt`), `${page.url()}\n${trouble.join('\n')}\n`);
    // Also on the run's own output, which is all a CI run keeps.
    console.warn(`${prefix}-${name}: ${page.url()}${trouble.map((line) => `\n  ${line}`).join('')}`);
  }
}

// ---- the visitor ----------------------------------------------------------------------------

/**
 * Opens the demo page, opens the chat with the launcher the loader script adds (unless the panel
 * is open already: it stays as the visitor left it across pages), and returns the chat iframe.
 */
export async function openWidgetOnDemoPage(page: Page): Promise<FrameLocator> {
  await page.goto('/demo.html');
  const launcher = page.getByRole('button', { name: /^(Chat with us|Close chat)/ });
  await launcher.waitFor();
  if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
  return page.frameLocator('iframe[title="Live chat"]');
}

export interface Visitor {
  name: string;
  email: string;
  question: string;
  group: string;
}

export async function startChat(widget: FrameLocator, visitor: Visitor): Promise<void> {
  await widget.getByLabel('Your name').fill(visitor.name);
  await widget.getByLabel('Email').fill(visitor.email);
  // The groups arrive from /api/public/groups; selectOption waits for the option to exist.
  await widget.getByLabel('Group').selectOption({ label: visitor.group });
  await widget.getByLabel('Your question').fill(visitor.question);
  await widget.getByRole('button', { name: 'Start chat' }).click();
}

// ---- both sides -----------------------------------------------------------------------------

/** Writes a message in the composer labelled "Message" inside `scope` and sends it. */
export async function send(scope: Page | FrameLocator | Locator, text: string): Promise<void> {
  await scope.getByRole('textbox', { name: 'Message' }).fill(text);
  await scope.getByRole('button', { name: 'Send', exact: true }).click();
}

// ---- the agent ------------------------------------------------------------------------------

/** End Chat from a chat's toolbar (inside `scope`), and yes to its confirmation. */
export async function endChat(scope: Locator): Promise<void> {
  await scope.getByRole('toolbar', { name: 'Chat actions' }).getByRole('button', { name: 'End Chat' }).click();
  const confirm = scope.page().getByRole('dialog', { name: 'End this chat?' });
  await confirm.getByRole('button', { name: 'End Chat' }).click();
  await confirm.waitFor({ state: 'detached' });
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await openConsole(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The lobby socket is what makes the lists live; the console says "Live" once it is open.
  await page.getByRole('banner').getByText('Live', { exact: true }).waitFor();
}

/**
 * Opens the console: ready when its document is (the sign-in form is what the callers wait for
 * next), not when every subresource has loaded. A load that times out is tried again, twice: under
 * `wrangler dev` (before ./server.ts) a clean-clone CI run now and then waited 20 s for a page that
 * never came; the server's log names any request it took 5 s or more to answer (global-setup.ts).
 */
export async function openConsole(page: Page, path = '/'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(path, { waitUntil: 'domcontentloaded' });
      return;
    } catch (err) {
      if (attempt === 3 || !(err instanceof Error && err.name === 'TimeoutError')) throw err;
    }
  }
}

export function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Live chats' });
}

export async function showView(page: Page, view: 'Queue' | 'My Active' | 'My Completed' | 'Global Live Chats'): Promise<void> {
  await nav(page).getByRole('button', { name: view }).click();
  await page.getByRole('heading', { level: 1, name: view }).waitFor();
}

/** One group's Active or Inactive chats; the nav names its buttons e.g. "Sales Active". */
export async function showGroupView(page: Page, group: string, state: 'Active' | 'Inactive'): Promise<void> {
  await nav(page).getByRole('button', { name: `${group} ${state}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `${group} — ${state}` }).waitFor();
}

/** The administrator's page, with its two sections. */
export async function openAdministration(page: Page): Promise<{ people: Locator; groups: Locator }> {
  await nav(page).getByRole('button', { name: 'Administration' }).click();
  const people = page.getByRole('region', { name: 'People' });
  const groups = page.getByRole('region', { name: 'Groups' });
  // The tables are filled once both lists have arrived.
  await people.locator('tbody tr[data-agent-id]').first().waitFor();
  await groups.locator('tbody tr[data-group-id]').first().waitFor();
  return { people, groups };
}

/** The chat ids the current view's table lists, once it has finished loading (aria-busy gone). */
export async function listedChatIds(page: Page): Promise<string[]> {
  const table = page.locator('table.chats:not([aria-busy="true"])');
  await table.waitFor();
  await table.getByText('Loading…').waitFor({ state: 'detached' });
  return table.locator('tbody tr[data-chat-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-chat-id') ?? ''));
}

// ---- lists ----------------------------------------------------------------------------------

/** A short random tag that makes names unique to one test (the server lives for the whole run). */
export function uniqueTag(): string {
  return Math.random().toString(36).slice(2, 8);
}

/**
 * Starts a chat the way the widget does (POST /api/visitor/chats) without a browser, for tests
 * that need chats to exist rather than a customer to talk. `groupId` is a seed group id.
 */
export async function startChatByApi(
  baseUrl: string,
  visitor: { name: string; email: string; question: string; groupId: 'sales' | 'support' },
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/visitor/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(visitor),
  });
  if (res.status !== 201) throw new Error(`starting a chat answered ${res.status}: ${await res.text()}`);
  const { chatId } = (await res.json()) as { chatId: string };
  return chatId;
}

/** The chat list's table once it has finished loading. */
export function chatTable(page: Page): Locator {
  return page.locator('table.chats:not([aria-busy="true"])');
}

/** The texts of one column (by its id: user, group, …) for every listed row, top to bottom. */
export async function columnTexts(page: Page, column: string): Promise<string[]> {
  return chatTable(page).locator(`tbody tr[data-chat-id] td[data-column="${column}"]`).allTextContents();
}

/** A JSON call from inside a signed-in page, so it carries that person's session and origin. */
export async function apiFromPage(page: Page, method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.status;
    },
    { method, path, body },
  );
}
