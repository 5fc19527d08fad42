// The chat's record in a real browser: comments of every kind added by one agent appear live for
// a colleague, the tabs appear only once they hold something, a sticky comment is pinned on
// reopening, a pre-chat field typed by the customer is in the Custom Fields tab and the print
// view, a transfer tells the receiving agent (with its note pinned), and the pop-out preference
// opens a new chat in its own window.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, openWidgetOnDemoPage, screenshot, showView, signIn, startChat, startChatByApi, uniqueTag } from './browser.ts';
import { axeViolations, signInApi, type StaffApi } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: StaffApi;
const FIELD_KEY = 'order-ref';

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  await admin.post('/api/admin/fields', { key: FIELD_KEY, label: 'Order reference', type: 'text', required: false });
});

afterAll(async () => {
  await admin?.del(`/api/admin/fields/${FIELD_KEY}`).catch(() => undefined);
  await browser?.close();
});

function pane(page: Page): Locator {
  return page.getByRole('region', { name: 'Chat preview' });
}

async function tabNames(scope: Locator): Promise<string[]> {
  return scope.getByRole('tablist', { name: 'Chat sections' }).getByRole('tab').allTextContents();
}

async function addComment(scope: Locator, kind: string, text: string): Promise<void> {
  await scope.getByRole('button', { name: 'Add', exact: true }).click();
  await scope.getByRole('menuitem', { name: 'Comment…' }).click();
  const dialog = scope.page().getByRole('dialog', { name: 'Add comment' });
  await dialog.getByLabel('Type').selectOption({ label: kind });
  await dialog.getByLabel('Comment', { exact: true }).fill(text);
  await dialog.getByRole('button', { name: 'Add comment' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function openChat(page: Page, view: 'Queue' | 'Global Live Chats' | 'My Active', chatId: string): Promise<Locator> {
  await showView(page, view);
  await page.locator(`tbody tr[data-chat-id="${chatId}"]`).click();
  return pane(page);
}

test('comments of every kind reach a colleague live; tabs appear as they fill; a sticky comment is pinned on reopening', async () => {
  const alice = (await newPerson(browser, baseUrl)).page;
  const ada = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice, ada }, 'record-comments'));
  const tag = uniqueTag();
  const chatId = await startChatByApi(baseUrl, { name: `Rita ${tag}`, email: `rita.${tag}@example.test`, question: 'My parcel is late', groupId: 'sales' });

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  const mine = await openChat(alice, 'Queue', chatId);
  await mine.getByText('My parcel is late').waitFor();
  expect(await tabNames(mine)).toEqual(['Conversation', 'History']);
  await signIn(ada, 'admin@switchboard.local', DEMO_PASSWORD);
  const theirs = await openChat(ada, 'Global Live Chats', chatId);
  await theirs.getByText('My parcel is late').waitFor();

  const kinds = ['General', 'Resolution', 'Transfer', 'Follow-Up', 'Sticky'];
  for (const [i, kind] of kinds.entries()) {
    await addComment(mine, kind, `${kind} note ${tag}`);
    // The colleague's view grows its Comments tab without a reload.
    await theirs.getByRole('tab', { name: `Comments (${i + 1})` }).waitFor();
  }
  expect(await tabNames(theirs)).toEqual(['Conversation', `Comments (${kinds.length})`, 'History']);
  await theirs.getByRole('tab', { name: /Comments/ }).click();
  const list = theirs.getByRole('list', { name: 'Comments' });
  for (const kind of kinds) await list.getByText(`${kind} note ${tag}`).waitFor();
  // The Follow-Up comment scheduled the chat's follow-up.
  await theirs.locator('.pane-facts dt', { hasText: 'Follow-up' }).waitFor();
  expect(await axeViolations(theirs.page().mainFrame())).toEqual([]);

  // The sticky comment is pinned above the tabs, for anyone opening the chat, again and again.
  await pane(ada).getByRole('button', { name: 'Close preview' }).click();
  const again = await openChat(ada, 'Global Live Chats', chatId);
  await again.getByRole('region', { name: 'Pinned comments' }).getByText(`Sticky note ${tag}`).waitFor();

  // History says who did what, staff-only.
  await again.getByRole('tab', { name: 'History' }).click();
  await again.getByRole('list', { name: 'History' }).locator('li.staff-only', { hasText: `Resolution note ${tag}` }).waitFor();
  expect(await axeViolations(again.page().mainFrame())).toEqual([]);
});

test('time is logged from the chat by the timer or typed; the Time Logs tab appears with the total', async () => {
  const alice = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice }, 'record-time'));
  const tag = uniqueTag();
  const chatId = await startChatByApi(baseUrl, { name: `Tim ${tag}`, email: `tim.${tag}@example.test`, question: 'Invoice please', groupId: 'sales' });
  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  const view = await openChat(alice, 'Queue', chatId);
  await view.getByText('Invoice please').waitFor();
  expect(await tabNames(view)).not.toContain('Time Logs (1)');

  await view.getByRole('button', { name: 'Start timer' }).click();
  await view.getByRole('button', { name: /Stop timer/ }).click();
  const dialog = alice.getByRole('dialog', { name: 'New time log' });
  expect(await dialog.getByLabel('Minutes').inputValue()).toBe('1');
  await dialog.getByLabel('Note').fill(`Looked up the invoice ${tag}`);
  await dialog.getByRole('button', { name: 'Log time' }).click();
  await dialog.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Time Logs (1)' }).waitFor();

  await view.getByRole('button', { name: 'Add', exact: true }).click();
  await view.getByRole('menuitem', { name: 'New Time Log…' }).click();
  await dialog.getByLabel('Minutes').fill('20');
  await dialog.getByLabel('Billable').check();
  await dialog.getByRole('button', { name: 'Log time' }).click();
  await dialog.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Time Logs (2)' }).click();
  await view.getByText('Total 21 min · billable 20 min').waitFor();
  await view.getByText(`Looked up the invoice ${tag}`).waitFor();
  expect(await axeViolations(view.page().mainFrame())).toEqual([]);
});

test('a pre-chat field typed by the customer is in the Custom Fields tab and the print view', async () => {
  const shop = (await newPerson(browser, baseUrl)).page;
  const { context, page: alice } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ shop, alice }, 'record-fields'));
  const tag = uniqueTag();
  const visitor = { name: `Fred ${tag}`, email: `fred.${tag}@example.test`, question: 'Change my delivery address?', group: 'Sales' };

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  const widget = await openWidgetOnDemoPage(shop);
  await widget.getByLabel('Order reference').fill(`REF-${tag}`);
  await startChat(widget, visitor);
  const row = alice.locator('tbody tr[data-chat-id]', { hasText: visitor.name });
  await row.click();
  const view = pane(alice);
  await view.getByRole('tab', { name: 'Custom Fields (1)' }).click();
  const field = view.locator('.fields-list [data-field="order-ref"]');
  await field.getByText('Order reference').waitFor();
  await field.getByText(`REF-${tag}`).waitFor();

  // Staff correct it; the tab shows the new value.
  await view.getByRole('button', { name: 'Edit fields' }).click();
  await view.getByLabel('Order reference').fill(`REF-${tag}-2`);
  await view.getByRole('button', { name: 'Save fields' }).click();
  await field.getByText(`REF-${tag}-2`).waitFor();
  expect(await axeViolations(alice.mainFrame())).toEqual([]);

  const [print] = await Promise.all([context.waitForEvent('page'), view.getByRole('button', { name: 'Print' }).click()]);
  await print.addInitScript(() => (window.print = () => undefined));
  await print.getByRole('heading', { name: `Chat with ${visitor.name}` }).waitFor();
  await print.locator('.print-fields').getByText(`REF-${tag}-2`).waitFor();
  expect(await print.locator('.print-fields').innerText()).toContain('Order reference');
  expect(await axeViolations(print.mainFrame())).toEqual([]);
});

test('a transfer tells the agent who receives it, with its note pinned; the pop-out preference opens new chats by themselves', async () => {
  const alice = (await newPerson(browser, baseUrl)).page;
  const { context: bobContext, page: bob } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ alice, bob }, 'record-transfer'));
  const tag = uniqueTag();
  const chatId = await startChatByApi(baseUrl, { name: `Tess ${tag}`, email: `tess.${tag}@example.test`, question: 'Billing question', groupId: 'support' });

  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  await showView(bob, 'My Active');
  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  const mine = await openChat(alice, 'Queue', chatId);
  await mine.getByRole('button', { name: 'Take', exact: true }).click();
  await mine.getByText('Alice Agent took the chat', { exact: false }).waitFor();
  await mine.getByRole('button', { name: 'Transfer…' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Transfer chat' });
  await dialog.getByLabel('An agent').check();
  const bobOption = dialog.locator('option', { hasText: 'Bob Agent' });
  await bobOption.waitFor({ state: 'attached' });
  await dialog.getByLabel('Agent', { exact: true }).selectOption((await bobOption.getAttribute('value'))!);
  await dialog.getByLabel('Comment for whoever receives it (optional)').fill(`Refund approved ${tag}`);
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });

  const notice = bob.getByRole('region', { name: 'Notifications' }).getByText(`Alice Agent transferred the chat with Tess ${tag} to you`);
  await notice.waitFor();
  await bob.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Open chat' }).first().click();
  await pane(bob).getByRole('region', { name: 'Pinned comments' }).getByText(`Refund approved ${tag}`).waitFor();

  // Bob asks for new chats in a pop-out; the next chat in his group opens in its own window.
  await bob.locator('details.account summary').click();
  await bob.getByRole('button', { name: 'My Preferences…' }).click();
  const prefs = bob.getByRole('dialog', { name: 'My Preferences' });
  await prefs.getByLabel('Open new chats in a pop-out window').check();
  await prefs.getByRole('button', { name: 'Save' }).click();
  await prefs.waitFor({ state: 'detached' });
  try {
    const [popout] = await Promise.all([
      bobContext.waitForEvent('page'),
      startChatByApi(baseUrl, { name: `Uma ${tag}`, email: `uma.${tag}@example.test`, question: 'New here', groupId: 'support' }),
    ]);
    await popout.waitForLoadState();
    expect(popout.url()).toContain('popout=1');
    await popout.getByText('New here').waitFor();
  } finally {
    await bob.evaluate(() => fetch('/api/me/preferences', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ popoutNewChats: false }) }));
  }
});
