// The split between the chat list and the open chat (issue 17): with no chat open the list takes
// the whole height and shows as many rows as fit; dragged with the mouse or moved with the arrow
// keys, the split is kept per person and is the same after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, showView, signIn, startChatByApi, uniqueTag } from './browser.ts';
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

/** Where the list, its rows and the preview sit now, in CSS pixels. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const wrap = document.querySelector('section.list .table-wrap')!;
    const wrapBox = wrap.getBoundingClientRect();
    const headBottom = box('table.chats thead').bottom;
    const rows = [...document.querySelectorAll('table.chats tbody tr[data-chat-id]')].map((r) => r.getBoundingClientRect());
    return {
      main: box('main').height,
      list: box('section.list').height,
      preview: box('section.preview').height,
      rowHeight: rows[0]?.height ?? 0,
      rows: rows.length,
      /** Rows wholly inside the table's scrolling box, under its header. */
      visible: rows.filter((r) => r.top >= headBottom - 1 && r.bottom <= wrapBox.bottom + 1).length,
      /** Room for rows in that box. */
      room: wrapBox.bottom - headBottom,
      wrapScrolls: wrap.scrollHeight > wrap.clientHeight,
      pageScrolls: document.documentElement.scrollHeight > window.innerHeight,
    };
  });
}

test('with no chat open the list fills the height and shows as many rows as fit; an open chat gets the rest', async () => {
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice: page }, 'split-fit'));
  await page.setViewportSize({ width: 1280, height: 600 });
  const tag = uniqueTag();
  // More chats than a 600 px high list can show at once.
  const chatIds: string[] = [];
  for (let i = 0; i < 16; i++) {
    chatIds.push(await startChatByApi(baseUrl, { name: `Fit ${i} ${tag}`, email: `fit${i}.${tag}@example.test`, question: 'Room for all of us?', groupId: 'sales' }));
  }
  const admin = await signInApi(baseUrl, 'admin@switchboard.local');
  try {
    await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
    await showView(page, 'Queue');
    for (const id of chatIds) await page.locator(`table.chats tbody tr[data-chat-id="${id}"]`).waitFor();
    const open = await layout(page);
    // The list and the one line under it take the whole main area; the page itself never scrolls.
    expect(open.list + open.preview).toBeGreaterThan(open.main - 2);
    expect(open.preview).toBeLessThan(open.main * 0.2);
    expect(open.pageScrolls).toBe(false);
    // As many rows as fit are shown, and the rest scroll inside the table.
    expect(open.rows).toBeGreaterThan(open.visible);
    expect(open.wrapScrolls).toBe(true);
    expect(open.visible).toBe(Math.floor(open.room / open.rowHeight));

    // A chat opened: the list keeps its share (42 % by default) and the chat has the rest.
    await page.locator(`table.chats tbody tr[data-chat-id="${chatIds[0]}"]`).click();
    await page.getByRole('region', { name: 'Chat preview' }).getByRole('heading', { name: `Fit 0 ${tag}` }).waitFor();
    const split = await layout(page);
    expect(split.list).toBeLessThan(split.main * 0.45);
    expect(split.preview).toBeGreaterThan(split.main * 0.5);
  } finally {
    for (const id of chatIds) await admin.post(`/api/chats/${id}/end`).catch(() => undefined);
  }
});
