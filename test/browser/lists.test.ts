// The live chat lists in a real browser: sorting by a column header (server-side, both ways, by
// mouse and keyboard), Visible Fields kept on the server across a reload, a status colour that
// changes as a short idle threshold passes, a new chat reaching two consoles live while a checked
// row stays checked, and the bulk actions (Pull, Delete only for completed chats, Transfer) with their reports.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import {
  apiFromPage,
  chatTable,
  columnTexts,
  launchBrowser,
  nav,
  newPerson,
  openWidgetOnDemoPage,
  screenshot,
  showView,
  signIn,
  startChat,
  startChatByApi,
  uniqueTag,
} from './browser.ts';
import { axeViolations, signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
/** Idle thresholds the administrator's page starts with (objects/chat/timers.ts). */
const DEFAULT_SETTINGS = { idleWarningSeconds: 120, idleHighSeconds: 300 };
/** Idle levels change by alarm a few seconds after a take; generous for a slow machine. */
const LEVEL_CHANGE_TIMEOUT_MS = 30_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const visitor = (name: string, groupId: 'sales' | 'support') => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
  question: `A question from ${name}.`,
  groupId,
});

test('clicking the User header sorts by user, ascending then descending', async () => {
  const alice = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice }, 'lists-sort'));
  const tag = uniqueTag();
  // Mixed case: the server sorts names without regard to case.
  const names = [`Zed ${tag}`, `amy ${tag}`, `Mia ${tag}`];
  for (const name of names) await startChatByApi(baseUrl, visitor(name, 'sales'));

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Global Live Chats');
  const ours = async () => (await columnTexts(alice, 'user')).filter((n) => n.endsWith(tag));
  await expect.poll(ours).toHaveLength(3);

  const header = chatTable(alice).locator('th[data-column="user"]');
  await header.getByRole('button', { name: 'User', exact: true }).click();
  await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
  await expect.poll(ours).toEqual([`amy ${tag}`, `Mia ${tag}`, `Zed ${tag}`]);

  // The header is a button: the keyboard flips it too.
  await header.getByRole('button', { name: 'User', exact: true }).press('Enter');
  await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
  await expect.poll(ours).toEqual([`Zed ${tag}`, `Mia ${tag}`, `amy ${tag}`]);
  expect(await chatTable(alice).locator('th[aria-sort]').count()).toBe(1);
});

test('Visible Fields: a hidden column and a width stay after a reload', async () => {
  const bob = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ bob }, 'lists-fields'));
  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  try {
    await bob.getByText('View', { exact: true }).click();
    await bob.getByRole('button', { name: 'Visible Fields' }).click();
    const dialog = bob.getByRole('dialog', { name: 'Visible Fields' });
    await dialog.getByRole('checkbox', { name: 'Group' }).waitFor();
    // The list and its dialog pass axe-core.
    expect(await axeViolations(bob.mainFrame())).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Group' }).uncheck();
    await dialog.getByRole('spinbutton', { name: 'User width in pixels' }).fill('222');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => chatTable(bob).locator('th[data-column="group"]').count()).toBe(0);

    await bob.reload();
    await bob.getByRole('banner').getByText('Live', { exact: true }).waitFor();
    const user = chatTable(bob).locator('th[data-column="user"]');
    await user.waitFor();
    expect(await chatTable(bob).locator('th[data-column="group"]').count()).toBe(0);
    expect(await user.evaluate((th) => Math.round(th.getBoundingClientRect().width))).toBe(222);
  } finally {
    // Bob's other tests expect the default columns.
    await apiFromPage(bob, 'PUT', '/api/me/preferences', { columns: [] });
  }
});

test("a taken chat's status turns yellow, then red, as short idle thresholds pass", async () => {
  const admin = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ admin }, 'lists-idle'));
  await signIn(admin, 'admin@switchboard.local', DEMO_PASSWORD);
  expect(await apiFromPage(admin, 'PUT', '/api/admin/settings', { idleWarningSeconds: 2, idleHighSeconds: 6 })).toBe(200);
  try {
    // The chat reads the thresholds when it starts, so it starts after they are set.
    const chatId = await startChatByApi(baseUrl, visitor(`Ida ${uniqueTag()}`, 'support'));
    await showView(admin, 'Global Live Chats');
    const row = admin.locator(`tbody tr[data-chat-id="${chatId}"]`);
    await row.click();
    await admin.getByRole('region', { name: 'Chat preview' }).getByRole('button', { name: 'Take', exact: true }).click();

    const status = row.locator('.status');
    const shown = async () => `${await status.getAttribute('data-status')}:${await status.getAttribute('data-level')}`;
    await expect.poll(shown, { timeout: LEVEL_CHANGE_TIMEOUT_MS }).toBe('active:warning');
    expect(await status.getByRole('img', { name: 'Active, idle warning' }).count()).toBe(1);
    await expect.poll(shown, { timeout: LEVEL_CHANGE_TIMEOUT_MS }).toBe('active:high');
    expect(await status.getByRole('img', { name: 'Active, high idle warning' }).count()).toBe(1);
  } finally {
    await apiFromPage(admin, 'PUT', '/api/admin/settings', DEFAULT_SETTINGS);
  }
});

test("a new chat reaches two agents' lists live, and a checked row stays checked", async () => {
  const alice = (await newPerson(browser, baseUrl)).page;
  const admin = (await newPerson(browser, baseUrl)).page;
  const shop = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice, admin, shop }, 'lists-live'));
  const tag = uniqueTag();
  const earlier = await startChatByApi(baseUrl, visitor(`Early ${tag}`, 'sales'));

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await signIn(admin, 'admin@switchboard.local', DEMO_PASSWORD);
  for (const page of [alice, admin]) {
    await showView(page, 'Queue');
    // A marker in `window` dies with a reload; its survival shows the row arrived live.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  }
  const check = alice.getByRole('checkbox', { name: `Select chat with Early ${tag}` });
  await check.check();
  const salesCount = nav(admin).getByRole('button', { name: 'Sales Active', exact: true }).locator('.count');
  await expect.poll(() => salesCount.getAttribute('data-count')).not.toBeNull();
  const before = Number(await salesCount.getAttribute('data-count'));

  const widget = await openWidgetOnDemoPage(shop);
  const name = `Nia ${tag}`;
  await startChat(widget, { name, email: `nia.${tag}@example.test`, question: 'Do you ship to Norway?', group: 'Sales' });

  for (const page of [alice, admin]) {
    await page.locator('tbody tr[data-chat-id]', { hasText: name }).waitFor();
    expect(await page.evaluate(() => '__sameDocument' in window)).toBe(true);
  }
  // The counts beside the nav follow the lobby too.
  await expect.poll(() => salesCount.getAttribute('data-count')).toBe(String(before + 1));
  // The list was refetched and re-rendered around it: the earlier row is still checked.
  expect(await alice.locator(`tbody tr[data-chat-id="${earlier}"]`).count()).toBe(1);
  expect(await check.isChecked()).toBe(true);
});

test('bulk actions: pull two chats, Delete is not offered for open chats, a pull half refused marks its rows green and red, transfer them back to the queue, delete a completed one', async () => {
  const bob = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ bob }, 'lists-bulk'));
  const tag = uniqueTag();
  const names = [`Ola ${tag}`, `Pia ${tag}`];
  const ids = [];
  for (const name of names) ids.push(await startChatByApi(baseUrl, visitor(name, 'support')));
  const late = `Quin ${tag}`;
  const lateId = await startChatByApi(baseUrl, visitor(late, 'support'));
  const bobApi = await signInApi(baseUrl, 'bob@switchboard.local');

  try {
    await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
    await showView(bob, 'Queue');
    for (const name of names) await bob.getByRole('checkbox', { name: `Select chat with ${name}` }).check();
    const tools = bob.getByRole('toolbar', { name: 'List actions' });
    const report = bob.locator('.bulk-report');

    await tools.getByRole('button', { name: 'Pull' }).click();
    await report.getByText('Pull: done for 2 chats.').waitFor();
    for (const name of names) expect(await report.locator('li', { hasText: name }).getAttribute('class')).toBe('ok');

    // Another view: the report was about other rows, and goes.
    await showView(bob, 'My Active');
    await report.waitFor({ state: 'detached' });
    for (const name of names) await bob.getByRole('checkbox', { name: `Select chat with ${name}` }).check();
    // Open chats cannot be deleted: Delete is not offered.
    await tools.getByRole('button', { name: 'Transfer' }).waitFor();
    expect(await tools.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    // A pull of one chat already taken and one waiting: one row green, one red with the reason.
    await showView(bob, 'Global Live Chats');
    for (const name of [names[0]!, late]) await bob.getByRole('checkbox', { name: `Select chat with ${name}` }).check();
    await tools.getByRole('button', { name: 'Pull' }).click();
    await report.getByText('Pull: 1 of 2 refused.').waitFor();
    await report.locator('li.refused', { hasText: names[0]! }).getByText('refused: Not waiting in a queue.', { exact: false }).waitFor();
    const row = (id: string) => bob.locator(`tbody tr[data-chat-id="${id}"]`);
    await expect.poll(() => row(lateId).getAttribute('data-bulk')).toBe('ok');
    expect(await row(ids[0]!).getAttribute('data-bulk')).toBe('refused');
    expect(await row(ids[0]!).getAttribute('title')).toBe('Refused: Not waiting in a queue.');

    await showView(bob, 'My Active');
    for (const name of names) await bob.getByRole('checkbox', { name: `Select chat with ${name}` }).check();
    await tools.getByRole('button', { name: 'Transfer' }).click();
    const dialog = bob.getByRole('dialog', { name: 'Transfer 2 chats' });
    await dialog.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Support' });
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    for (const name of names) await report.locator('li', { hasText: name }).getByText('Transferred.').waitFor();
    // Back in the Support queue: no longer Bob's, so they leave My Active, live.
    for (const id of ids) await row(id).waitFor({ state: 'detached' });
    await showView(bob, 'Queue');
    for (const id of ids) await row(id).waitFor();

    // A completed chat: Delete is offered, and the row goes.
    await bobApi.post(`/api/chats/${lateId}/end`);
    await showView(bob, 'My Completed');
    await bob.getByRole('checkbox', { name: `Select chat with ${late}` }).check();
    await tools.getByRole('button', { name: 'Delete' }).click();
    await bob.getByRole('dialog', { name: 'Delete 1 chat?' }).getByRole('button', { name: 'Delete' }).click();
    await report.getByText('Delete: done for 1 chat.').waitFor();
    await row(lateId).waitFor({ state: 'detached' });
  } finally {
    // Bob's capacity is shared by the whole suite: end what this test took.
    for (const id of [...ids, lateId]) await bobApi.post(`/api/chats/${id}/end`).catch(() => undefined);
  }
});
