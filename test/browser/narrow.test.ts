// The console on a phone (issue 17): at 375 px nothing overflows sideways, the navigation folds
// behind Menu (and folds again once a place is chosen), and an open chat takes the whole width,
// its close button leading back to the list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, nav, screenshot, signIn, startChatByApi, STEP_TIMEOUT_MS, uniqueTag } from './browser.ts';
import { axeViolations, signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
const PHONE = { width: 375, height: 812 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Whether the page scrolls sideways (anything wider than the screen). */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

test('at 375 px the console folds its navigation, shows one of list and chat at a time, and never scrolls sideways', async () => {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: PHONE });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  onTestFailed(() => screenshot({ phone: page }, 'narrow'));
  const tag = uniqueTag();
  const chatId = await startChatByApi(baseUrl, { name: `Phone ${tag}`, email: `phone.${tag}@example.test`, question: 'Does it fit?', groupId: 'support' });
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  await alice.post(`/api/chats/${chatId}/take`);

  try {
    await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
    const row = page.locator(`table.chats tbody tr[data-chat-id="${chatId}"]`);
    await row.waitFor();
    expect(await overflowsSideways(page)).toBe(false);

    // The navigation folds behind Menu, opens on it, and folds again once a place is chosen.
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav(page).isVisible()).toBe(false);
    await menu.click();
    await nav(page).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await nav(page).getByRole('button', { name: 'Queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await nav(page).waitFor({ state: 'hidden' });
    await menu.click();
    await nav(page).getByRole('button', { name: 'My Active' }).click();
    await row.waitFor();

    // An open chat takes the whole width; its close button leads back to the list.
    await row.click();
    const pane = page.getByRole('region', { name: 'Chat preview' });
    await pane.getByRole('heading', { name: `Phone ${tag}` }).waitFor();
    await row.waitFor({ state: 'hidden' });
    expect(await overflowsSideways(page)).toBe(false);
    expect(await axeViolations(page.mainFrame())).toEqual([]);
    await pane.getByRole('button', { name: 'Close preview' }).click();
    await row.waitFor();
    expect(await overflowsSideways(page)).toBe(false);
  } finally {
    await alice.post(`/api/chats/${chatId}/end`).catch(() => undefined);
    await context.close();
  }
});
