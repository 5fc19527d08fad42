// A supervisor in a real browser: Bob (an agent) takes a chat; the administrator opens it from
// Global Live Chats, where only a manager or administrator is offered "Take over", takes it over
// and answers the customer, while Bob's console shows the chat is no longer his.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, listedChatIds, newPerson, openWidgetOnDemoPage, screenshot, send, showView, signIn, startChat } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('an administrator takes over a chat from an agent and answers the customer', async () => {
  const shop = (await newPerson(browser, baseUrl)).page;
  const bob = (await newPerson(browser, baseUrl)).page;
  const admin = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ visitor: shop, bob, admin }, 'supervisor'));
  const tag = Math.random().toString(36).slice(2, 8);
  const tess = { name: `Tess ${tag}`, email: `tess.${tag}@example.test`, question: 'My order arrived damaged.', group: 'Support' };

  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  await showView(bob, 'Queue');
  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, tess);

  const bobsRow = bob.locator('tbody tr[data-chat-id]', { hasText: tess.name });
  await bobsRow.click();
  const chatId = await bobsRow.getAttribute('data-chat-id');
  const bobsPane = bob.getByRole('region', { name: 'Chat preview' });
  await bobsPane.getByRole('button', { name: 'Take', exact: true }).click();
  await widget.getByText('Bob Agent has joined the chat', { exact: false }).waitFor();
  await showView(bob, 'My Active');
  await expect.poll(() => listedChatIds(bob)).toContain(chatId);
  // An agent is never offered Take over.
  expect(await bobsPane.getByRole('button', { name: 'Take over' }).count()).toBe(0);

  await signIn(admin, 'admin@switchboard.local', DEMO_PASSWORD);
  await showView(admin, 'Global Live Chats');
  await admin.locator(`tbody tr[data-chat-id="${chatId}"]`).click();
  const pane = admin.getByRole('region', { name: 'Chat preview' });
  const takeOver = pane.getByRole('button', { name: 'Take over' });
  await expect.poll(() => takeOver.isEnabled()).toBe(true);
  // A supervisor may also end a chat that is someone else's.
  expect(await pane.getByRole('button', { name: 'End Chat' }).isEnabled()).toBe(true);
  await takeOver.click();

  await pane.getByText('Ada Admin took the chat from Bob Agent', { exact: false }).waitFor();
  await bobsPane.getByText('Ada Admin took the chat from Bob Agent', { exact: false }).waitFor();
  await expect.poll(() => listedChatIds(bob)).not.toContain(chatId);
  expect(await pane.getByRole('button', { name: 'Take over' }).count()).toBe(0);

  await send(pane, 'Hello Tess, Ada here. I will send a replacement today.');
  await widget.getByText('Hello Tess, Ada here. I will send a replacement today.').waitFor();
});
