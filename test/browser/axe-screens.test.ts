// axe-core on the console's screens that no other browser test checks (issue 17): the sign-in page
// (also with its error), Messages, each Help Desk list and a task and a call log opened from them,
// an ended chat's Survey tab and Email transcript dialog (Translate is off without Workers AI), an
// open chat's Attachments tab (an image sent there previews inline; another file shows its type
// and size), every dialog and menu of its toolbar, My Preferences, the canned replies manager and a
// chat's pop-out window. Elsewhere: the lists and Visible Fields (lists.test), the tabs Comments,
// History, Time Logs and Custom Fields and the print view (record.test), Related Items and a ticket
// (items.test), the customer pop-out (customers.test), Administration (admin.test), the shortcuts
// list (keyboard.test).
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, nav, newPerson, openConsole, screenshot, showView, signIn, uniqueTag } from './browser.ts';
import { axeViolations, signInApi, type StaffApi } from './customer.ts';

const baseUrl = inject('baseUrl');
/** A 1×1 PNG, as a customer's photo would arrive. */
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let browser: Browser;
let alice: StaffApi;

beforeAll(async () => {
  browser = await launchBrowser();
  alice = await signInApi(baseUrl, 'alice@switchboard.local');
});

afterAll(async () => {
  await browser?.close();
});

/** axe-core finds nothing on the page as it is now; `where` names it in the failure. */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page.mainFrame()), where).toEqual([]);
}

async function startChat(name: string, email: string, question: string): Promise<{ chatId: string; token: string }> {
  const res = await fetch(`${baseUrl}/api/visitor/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, question, groupId: 'sales' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { chatId: string; token: string };
}

/** Opens a dialog from the toolbar (a button, or an item of the Add menu), checks it, and closes it. */
async function checkDialog(page: Page, view: Locator, open: () => Promise<void>, dialogName: string): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  await expectNoViolations(page, `the ${dialogName} dialog`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await view.waitFor();
}

test('every console screen no other test checks passes axe-core', async () => {
  const { context, page } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ alice: page }, 'axe-screens'));
  const tag = uniqueTag();

  // What the screens show: an ended chat with a survey, an open one, a message left, a task and a call log.
  const ended = await startChat(`Sue ${tag}`, `sue.${tag}@example.test`, 'Where is my refund?');
  await alice.post(`/api/chats/${ended.chatId}/take`);
  await alice.post(`/api/chats/${ended.chatId}/comments`, { kind: 'resolution', text: `Refund sent ${tag}` });
  await alice.post(`/api/chats/${ended.chatId}/end`);
  const survey = await fetch(`${baseUrl}/api/visitor/chats/${ended.chatId}/survey?token=${encodeURIComponent(ended.token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rating: 4, comment: `Good ${tag}` }),
  });
  expect(survey.status).toBe(201);
  const open = await startChat(`Otto ${tag}`, `otto.${tag}@example.test`, 'Can I change my order?');
  await alice.post(`/api/chats/${open.chatId}/take`);
  await alice.post('/api/tasks', { title: `Call Otto back ${tag}`, chatId: open.chatId, dueAt: Date.now() + 60 * 60 * 1000 });
  await alice.post('/api/calls', { chatId: open.chatId, phone: '+1 555 0199', direction: 'inbound', startedAt: Date.now() - 60_000, durationSeconds: 90 });
  const left = await fetch(`${baseUrl}/api/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Mia ${tag}`, email: `mia.${tag}@example.test`, message: `Please call me ${tag}`, groupId: 'sales' }),
  });
  expect(left.status).toBe(201);

  try {
    // Sign-in, empty and with its error.
    await openConsole(page);
    await page.getByLabel('Email').waitFor();
    await expectNoViolations(page, 'the sign-in page');
    await page.getByLabel('Email').fill('alice@switchboard.local');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoViolations(page, 'the sign-in page with its error');
    await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);

    // Messages.
    await nav(page).getByRole('button', { name: 'Messages' }).click();
    await page.getByRole('table', { name: 'Open messages' }).getByText(`Please call me ${tag}`).waitFor();
    await expectNoViolations(page, 'Messages');

    // The Help Desk's lists, and a task and a call log opened from theirs.
    for (const list of ['My Tickets', 'Group Tickets', 'My Tasks', 'Group Tasks', 'My Call Logs', 'Group Call Logs']) {
      await nav(page).getByRole('button', { name: list, exact: true }).click();
      await page.locator('main table.desk-table[aria-busy="false"]').waitFor();
      await expectNoViolations(page, list);
      if (list === 'My Tasks' || list === 'My Call Logs') {
        const text = list === 'My Tasks' ? `Call Otto back ${tag}` : `Otto ${tag}`;
        await page.locator('table.desk-table tbody tr', { hasText: text }).first().getByRole('button').first().click();
        await page.getByRole('region', { name: 'Item' }).getByRole('heading').first().waitFor();
        await expectNoViolations(page, `an item from ${list}`);
      }
    }

    // The ended chat: its Survey tab and Email transcript.
    await showView(page, 'My Completed');
    await page.locator(`tbody tr[data-chat-id="${ended.chatId}"]`).click();
    const done = page.getByRole('region', { name: 'Chat preview' });
    await done.getByRole('tab', { name: /Survey/ }).click();
    await done.getByText(`Good ${tag}`).waitFor();
    await expectNoViolations(page, 'the Survey tab');
    await checkDialog(page, done, () => done.getByRole('button', { name: /Email transcript/ }).click(), 'Email transcript');

    // The open chat: each dialog and menu of its toolbar.
    await showView(page, 'My Active');
    await page.locator(`tbody tr[data-chat-id="${open.chatId}"]`).click();
    const view = page.getByRole('region', { name: 'Chat preview' });
    await view.getByRole('textbox', { name: 'Message' }).waitFor();
    const toolbar = view.getByRole('toolbar', { name: 'Chat actions' });
    await checkDialog(page, view, () => toolbar.getByRole('button', { name: 'Transfer…' }).click(), 'Transfer chat');
    await checkDialog(page, view, () => toolbar.getByRole('button', { name: 'End Chat' }).click(), 'End this chat?');
    await checkDialog(page, view, () => toolbar.getByRole('button', { name: 'Follow-up…' }).click(), 'Follow-up');
    const addMenu: [string, string][] = [
      ['Comment…', 'Add comment'],
      ['Related Item…', 'Relate an item'],
      ['New Task…', 'New task'],
      ['New Time Log…', 'New time log'],
      ['New Ticket…', 'New ticket'],
      ['New Call Log…', 'New call log'],
    ];
    for (const [item, dialog] of addMenu) {
      await checkDialog(
        page,
        view,
        async () => {
          await toolbar.getByRole('button', { name: 'Add', exact: true }).click();
          await expectNoViolations(page, 'the Add menu');
          await page.getByRole('menuitem', { name: item }).click();
        },
        dialog,
      );
    }
    // A file sent: the Attachments tab.
    const sendFile = toolbar.getByRole('button', { name: 'Send file' });
    await expect.poll(() => sendFile.isEnabled()).toBe(true);
    await toolbar.locator('input[type="file"]').setInputFiles({ name: `notes-${tag}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`notes ${tag}\n`) });
    await view.getByRole('status').filter({ hasText: `notes-${tag}.txt was sent.` }).waitFor();
    // An image previews inline in the conversation; any other file shows its type and size.
    await toolbar.locator('input[type="file"]').setInputFiles({ name: `photo-${tag}.png`, mimeType: 'image/png', buffer: Buffer.from(ONE_PIXEL_PNG, 'base64') });
    const image = view.getByRole('img', { name: `photo-${tag}.png` });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await view.locator('.msg', { hasText: `notes-${tag}.txt` }).getByText(/\(text\/plain, \d+ B\)/).waitFor();
    expect(await view.locator('.msg', { hasText: `notes-${tag}.txt` }).locator('img').count()).toBe(0);
    await view.getByRole('tab', { name: /Attachments/ }).click();
    await view.getByRole('table').getByText(`notes-${tag}.txt`).waitFor();
    await expectNoViolations(page, 'the Attachments tab');
    await view.getByRole('tab', { name: 'Conversation' }).click();
    await toolbar.getByRole('button', { name: 'Actions (…)' }).click();
    await page.getByRole('menu', { name: 'Actions (…)' }).waitFor();
    await expectNoViolations(page, 'the Actions menu');
    await page.keyboard.press('Escape');
    await toolbar.getByRole('button', { name: 'Insert Canned Reply…' }).click();
    await page.getByRole('dialog', { name: 'Insert Canned Reply' }).waitFor();
    await expectNoViolations(page, 'the canned reply picker');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Insert Canned Reply' }).waitFor({ state: 'detached' });

    // My Preferences and the canned replies manager, from the account menu.
    for (const [item, dialog] of [['My Preferences…', 'My Preferences'], ['Canned Replies…', 'Canned Replies']] as const) {
      await page.locator('details.account summary').click();
      await page.getByRole('button', { name: item }).click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await expectNoViolations(page, dialog);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: dialog }).waitFor({ state: 'detached' });
      // The account menu closed when the choice was made, and focus is back on its toggle.
      expect(await page.locator('details.account').getAttribute('open')).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.closest('details.account') !== null && document.activeElement?.tagName)).toBe('SUMMARY');
    }

    // The chat's pop-out window.
    const popout = await context.newPage();
    await popout.goto(`/?chat=${encodeURIComponent(open.chatId)}&popout=1`);
    await popout.getByText('Can I change my order?').waitFor();
    await expectNoViolations(popout, 'the pop-out window');
  } finally {
    await alice.post(`/api/chats/${open.chatId}/end`).catch(() => undefined);
  }
});
