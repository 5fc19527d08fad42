// The Administration page in a real browser: an administrator adds Bob to Sales and Bob's open
// console follows at once (a new group in his nav, its waiting chat in his lists, no reload);
// a change the server refuses (a group's last member) is shown as the server's message; and a
// change of role shows in the person's open console without a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import {
  launchBrowser,
  listedChatIds,
  nav,
  newPerson,
  openAdministration,
  openWidgetOnDemoPage,
  screenshot,
  showGroupView,
  showView,
  signIn,
  startChat,
} from './browser.ts';
import { axeViolations, signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
const BOB = { email: 'bob@switchboard.local', label: 'Bob Agent (bob@switchboard.local)' };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  // Bob goes back to Support only, as the demo data has him: later files (items.test.ts) rely on
  // him being outside Sales, whatever order the files run in.
  const admin = await signInApi(inject('baseUrl'), 'admin@switchboard.local');
  await admin.del('/api/admin/groups/sales/members/demo-bob').catch(() => undefined);
  await browser?.close();
});

const unique = () => Math.random().toString(36).slice(2, 8);

/** The row of one group in the Groups table, found by its name. */
function groupRow(page: Page, name: string) {
  return page
    .getByRole('region', { name: 'Groups' })
    .locator('tbody tr[data-group-id]')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

test('an administrator adds Bob to Sales; his console shows the group and its waiting chat without a reload', async () => {
  const shop = (await newPerson(browser, baseUrl)).page;
  const bob = (await newPerson(browser, baseUrl)).page;
  const admin = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ visitor: shop, bob, admin }, 'admin-membership'));
  const tag = unique();
  const sam = { name: `Sam ${tag}`, email: `sam.${tag}@example.test`, question: 'Do you offer volume discounts?', group: 'Sales' };

  // Bob (Support only) watches Global Live Chats; the marker dies with a reload.
  await signIn(bob, BOB.email, DEMO_PASSWORD);
  await showView(bob, 'Global Live Chats');
  await bob.evaluate(() => Object.assign(window, { __sameDocument: true }));
  expect(await nav(bob).getByRole('button', { name: 'Sales Active', exact: true }).count()).toBe(0);

  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, sam);
  await widget.getByText('Waiting for an agent…').waitFor();

  // The administrator (in Sales) sees the chat arrive, so it exists and was announced.
  await signIn(admin, 'admin@switchboard.local', DEMO_PASSWORD);
  await showView(admin, 'Global Live Chats');
  const row = admin.locator('tbody tr[data-chat-id]', { hasText: sam.name });
  await row.waitFor();
  const chatId = await row.getAttribute('data-chat-id');
  expect(chatId).toBeTruthy();

  // Bob does not: not live, and not after fetching Global Live Chats again.
  await showView(bob, 'My Active');
  await showView(bob, 'Global Live Chats');
  expect(await listedChatIds(bob)).not.toContain(chatId);

  await openAdministration(admin);
  const sales = groupRow(admin, 'Sales');
  await sales.getByLabel('Person to add to Sales').selectOption({ label: BOB.label });
  await sales.getByRole('button', { name: 'Add member' }).click();
  await sales.getByRole('list', { name: 'Members of Sales' }).getByText(BOB.email).waitFor();

  // Bob's console follows without a reload: Sales in the nav, Sam's chat in his current view…
  await nav(bob).getByRole('button', { name: 'Sales Active', exact: true }).waitFor();
  await expect.poll(() => listedChatIds(bob)).toContain(chatId);
  // …and in Sales' Active chats.
  await showGroupView(bob, 'Sales', 'Active');
  await expect.poll(() => listedChatIds(bob)).toContain(chatId);
  expect(await bob.evaluate(() => '__sameDocument' in window)).toBe(true);
});

test("the administrator's page shows the server's refusal to remove a group's last member, and keeps the member", async () => {
  const admin = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ admin }, 'admin-refusal'));
  const group = `Solo ${unique()}`;

  await signIn(admin, 'admin@switchboard.local', DEMO_PASSWORD);
  const { groups } = await openAdministration(admin);
  await groups.getByLabel('Group name').fill(group);
  await groups.getByRole('checkbox', { name: BOB.label }).check();
  await groups.getByRole('button', { name: 'Add group' }).click();

  const row = groupRow(admin, group);
  const members = row.getByRole('list', { name: `Members of ${group}` });
  await members.getByText(BOB.email).waitFor();
  await row.getByRole('button', { name: `Remove Bob Agent from ${group}` }).click();

  await groups.getByRole('alert').getByText('A group must keep at least one enabled member.').waitFor();
  // Refetched or not, Bob is still the group's member.
  await members.getByText(BOB.email).waitFor();
  expect(await members.getByRole('listitem').count()).toBe(1);

  // The group goes again: Bob's first group (alphabetically) would otherwise be "Solo …" for the
  // rest of the suite, and later tests expect Support (items.test.ts failed when it ran after this).
  const api = await signInApi(baseUrl, 'admin@switchboard.local');
  const made = (await api.get<{ groups: { id: string; name: string }[] }>('/api/admin/groups')).groups.find((g) => g.name === group);
  expect(made).toBeDefined();
  await api.del(`/api/admin/groups/${made!.id}`);
});

test("a promotion shows in the person's open console without a reload, and so does the demotion", async () => {
  const bob = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ bob }, 'admin-promotion'));
  const admin = await signInApi(baseUrl, 'admin@switchboard.local');
  const bobs = (await admin.get<{ agents: { id: string; email: string }[] }>('/api/admin/agents')).agents.find((a) => a.email === BOB.email);
  expect(bobs).toBeDefined();
  await signIn(bob, BOB.email, DEMO_PASSWORD);
  await bob.evaluate(() => Object.assign(window, { __sameDocument: true }));
  const badge = bob.getByRole('banner').locator('.role');
  await expect.poll(() => badge.textContent()).toBe('Agent');
  expect(await nav(bob).getByRole('button', { name: 'Administration' }).count()).toBe(0);
  try {
    await admin.put(`/api/admin/agents/${bobs!.id}/role`, { role: 'admin' });
    await expect.poll(() => badge.textContent()).toBe('Administrator');
    await nav(bob).getByRole('button', { name: 'Administration' }).waitFor();
    await admin.put(`/api/admin/agents/${bobs!.id}/role`, { role: 'agent' });
    await expect.poll(() => badge.textContent()).toBe('Agent');
    await nav(bob).getByRole('button', { name: 'Administration' }).waitFor({ state: 'detached' });
  } finally {
    await admin.put(`/api/admin/agents/${bobs!.id}/role`, { role: 'agent' });
  }
  // All of it in the same page, never reloaded.
  expect(await bob.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('the Administration page has a section navigation, and a change of role is asked about before it is made', async () => {
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ admin: page }, 'admin-sections'));
  const api = await signInApi(baseUrl, 'admin@switchboard.local');
  const bobsRole = async () => (await api.get<{ agents: { email: string; role: string }[] }>('/api/admin/agents')).agents.find((a) => a.email === BOB.email)?.role;
  await signIn(page, 'admin@switchboard.local', DEMO_PASSWORD);
  const { people } = await openAdministration(page);

  // Every section of the page (and its navigation) passes axe-core.
  expect(await axeViolations(page.mainFrame())).toEqual([]);
  const sections = page.getByRole('navigation', { name: 'Administration sections' });
  await sections.getByRole('link', { name: 'Chat settings' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Chat settings');

  const role = people.getByRole('combobox', { name: 'Role of Bob Agent' });
  try {
    await role.selectOption('manager');
    const ask = page.getByRole('dialog', { name: 'Make Bob Agent a Manager?' });
    await ask.waitFor();
    expect(await axeViolations(page.mainFrame())).toEqual([]);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await role.inputValue()).toBe('agent');
    expect(await bobsRole()).toBe('agent');

    await role.selectOption('manager');
    await page.getByRole('dialog', { name: 'Make Bob Agent a Manager?' }).getByRole('button', { name: 'Change role' }).click();
    await expect.poll(bobsRole).toBe('manager');
    await expect.poll(() => role.inputValue()).toBe('manager');
  } finally {
    const bob = (await api.get<{ agents: { id: string; email: string }[] }>('/api/admin/agents')).agents.find((a) => a.email === BOB.email);
    await api.put(`/api/admin/agents/${bob!.id}/role`, { role: 'agent' });
  }
});
