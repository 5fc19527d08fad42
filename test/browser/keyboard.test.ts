// The console by keyboard alone (issue 17): from sign-in to the first row of the list in at most
// three key presses (Tab to the skip link, Enter), the rows by ↓/↑ and j/k, Enter opening a chat
// with the cursor in its reply box (or on Take, for a chat not yet taken), and one-letter shortcuts
// for Take, End, Transfer, Add comment and Insert canned reply, listed by `?`, never taken from
// what is typed in a text box.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, showView, signIn, startChatByApi, uniqueTag } from './browser.ts';
import { axeViolations, signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** What has the keyboard's focus: its tag, accessible label or text, and the chat row it is, if one. */
function focused(page: Page): Promise<{ tag: string; label: string; chatId: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const label = el?.getAttribute('aria-label') ?? (el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el?.textContent ?? '';
    return { tag: el?.tagName ?? '', label: label.trim(), chatId: el?.getAttribute('data-chat-id') ?? null };
  });
}

/** Presses `key` and counts it. */
async function pressCounted(page: Page, key: string, count: { n: number }): Promise<void> {
  await page.keyboard.press(key);
  count.n += 1;
}

/** Moves down the list with `j` until the row of `chatId` has the focus (at most `limit` rows). */
async function jTo(page: Page, chatId: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit && (await focused(page)).chatId !== chatId; i++) await page.keyboard.press('j');
  expect((await focused(page)).chatId).toBe(chatId);
}

test('an agent reaches the list, opens a chat into its reply box and uses every shortcut without the mouse', async () => {
  const alicePage = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice: alicePage }, 'keyboard'));
  const tag = uniqueTag();
  const mine = await startChatByApi(baseUrl, { name: `Keys ${tag}`, email: `keys.${tag}@example.test`, question: 'Where is my parcel?', groupId: 'support' });
  const waiting = await startChatByApi(baseUrl, { name: `Waiting ${tag}`, email: `waiting.${tag}@example.test`, question: 'Can I change my order?', groupId: 'support' });
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  await alice.post(`/api/chats/${mine}/take`);

  try {
    // From the signed-in console to the first row of My Active: Tab (the skip link), Enter.
    await signIn(alicePage, 'alice@switchboard.local', DEMO_PASSWORD);
    await alicePage.locator(`table.chats tbody tr[data-chat-id="${mine}"]`).waitFor();
    const presses = { n: 0 };
    await pressCounted(alicePage, 'Tab', presses);
    expect((await focused(alicePage)).label).toBe('Skip to main content');
    await pressCounted(alicePage, 'Enter', presses);
    const first = await focused(alicePage);
    expect(first.chatId).not.toBeNull();
    expect(presses.n).toBeLessThanOrEqual(3);

    // ↓/j and ↑/k move between rows; Enter opens the chat with the cursor in its reply box.
    await jTo(alicePage, mine);
    await alicePage.keyboard.press('Enter');
    const pane = alicePage.getByRole('region', { name: 'Chat preview' });
    await pane.getByRole('heading', { name: `Keys ${tag}` }).waitFor();
    await expect.poll(async () => (await focused(alicePage)).label).toBe('Message');
    // Letters typed there are text, not shortcuts.
    await alicePage.keyboard.type('ice cream?');
    expect(await alicePage.getByRole('dialog').count()).toBe(0);
    await alicePage.keyboard.press('Enter');
    await pane.getByText('ice cream?', { exact: true }).waitFor();

    // Outside a text box: ? lists the shortcuts; each letter does what its button does.
    await alicePage.locator(`table.chats tbody tr[data-chat-id="${mine}"]`).focus();
    const help = alicePage.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await alicePage.keyboard.press('?');
    await help.getByRole('cell', { name: 'Take the open chat' }).waitFor();
    expect(await axeViolations(alicePage.mainFrame())).toEqual([]);
    await alicePage.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    for (const [key, dialog] of [
      ['c', 'Add comment'],
      ['i', 'Insert Canned Reply'],
      ['f', 'Transfer chat'],
    ] as const) {
      // (Closing the canned picker puts the cursor back in the reply box, where letters are text.)
      await alicePage.locator(`table.chats tbody tr[data-chat-id="${mine}"]`).focus();
      await alicePage.keyboard.press(key);
      const opened = alicePage.getByRole('dialog', { name: dialog });
      await opened.waitFor();
      await alicePage.keyboard.press('Escape');
      await opened.waitFor({ state: 'detached' });
    }
    // The toolbar's buttons say their keys to assistive technology.
    expect(await pane.getByRole('button', { name: 'End Chat' }).getAttribute('aria-keyshortcuts')).toBe('e');
    await alicePage.locator(`table.chats tbody tr[data-chat-id="${mine}"]`).focus();
    await alicePage.keyboard.press('e');
    const confirmEnd = alicePage.getByRole('dialog', { name: 'End this chat?' });
    await confirmEnd.getByRole('button', { name: 'End Chat' }).click();
    await confirmEnd.waitFor({ state: 'detached' });
    await pane.getByText('This chat has ended.').waitFor();

    // A waiting chat: Enter puts the focus on Take, and t takes it.
    await showView(alicePage, 'Queue');
    await alicePage.locator(`table.chats tbody tr[data-chat-id="${waiting}"]`).waitFor();
    await alicePage.locator('table.chats tbody tr[data-chat-id]').first().focus();
    await jTo(alicePage, waiting);
    await alicePage.keyboard.press('k');
    await alicePage.keyboard.press('j');
    expect((await focused(alicePage)).chatId).toBe(waiting);
    await alicePage.keyboard.press('Enter');
    await pane.getByRole('heading', { name: `Waiting ${tag}` }).waitFor();
    await expect.poll(async () => (await focused(alicePage)).label).toBe('Take');
    await alicePage.keyboard.press('t');
    await pane.getByRole('button', { name: 'End Chat' }).waitFor();
  } finally {
    // Alice's capacity is shared by the whole suite: end what this test took.
    for (const id of [mine, waiting]) await alice.post(`/api/chats/${id}/end`).catch(() => undefined);
  }
});
