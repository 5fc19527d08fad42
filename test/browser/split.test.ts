// The split between the chat list and the open chat (issue 17): dragged with the mouse or moved
// with the arrow keys, it is kept per person and is the same after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, signIn, startChatByApi, uniqueTag } from './browser.ts';
import { signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The list's height and the separator's value, as the page lays them out now. */
async function split(page: Page): Promise<{ listHeight: number; value: number }> {
  const listHeight = await page.locator('section.list').evaluate((el) => el.getBoundingClientRect().height);
  const value = Number(await page.getByRole('separator', { name: 'Resize the chat list' }).getAttribute('aria-valuenow'));
  return { listHeight, value };
}

test('the split between list and chat is dragged or moved by keyboard, kept per person, and the same after a reload', async () => {
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice: page }, 'split'));
  const tag = uniqueTag();
  const chatId = await startChatByApi(baseUrl, { name: `Split ${tag}`, email: `split.${tag}@example.test`, question: 'Room for me?', groupId: 'support' });
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  await alice.post(`/api/chats/${chatId}/take`);
  const stored = async () => (await alice.get<{ preferences: { listShare?: number } }>('/api/me/preferences')).preferences.listShare;

  try {
    await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
    await page.locator(`table.chats tbody tr[data-chat-id="${chatId}"]`).click();
    await page.getByRole('region', { name: 'Chat preview' }).getByRole('heading', { name: `Split ${tag}` }).waitFor();
    const before = await split(page);

    // Dragged 150 px down: the list grows by about that, and the server keeps the share.
    const handle = page.getByRole('separator', { name: 'Resize the chat list' });
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 150, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await split(page)).listHeight).toBeGreaterThan(before.listHeight + 100);
    const dragged = await split(page);
    await expect.poll(stored).toBe(dragged.value);

    // The keyboard moves it too.
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(stored).toBe(dragged.value - 2);

    // The same after a reload.
    await page.reload();
    await page.getByRole('banner').getByText('Live', { exact: true }).waitFor();
    await page.locator(`table.chats tbody tr[data-chat-id="${chatId}"]`).click();
    await expect.poll(async () => (await split(page)).value).toBe(dragged.value - 2);
  } finally {
    // The layout's own share again for the rest of the suite, and the chat ended.
    await alice.put('/api/me/preferences', { listShare: null });
    await alice.post(`/api/chats/${chatId}/end`).catch(() => undefined);
  }
});
