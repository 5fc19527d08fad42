// The whole product in a real browser: a customer starts a chat from the widget on the demo shop,
// an agent sees it arrive in the queue without reloading, takes it, they talk, the agent ends it
// and the chat moves from My Active to My Completed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, listedChatIds, newPerson, openWidgetOnDemoPage, screenshot, send, showView, signIn, startChat, endChat } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('a visitor and an agent chat from the first message to My Completed', async () => {
  const visitorSide = await newPerson(browser, baseUrl);
  const agentSide = await newPerson(browser, baseUrl);
  const shop: Page = visitorSide.page;
  const agent: Page = agentSide.page;
  onTestFailed(() => screenshot({ visitor: shop, agent }, 'chat'));
  const tag = Math.random().toString(36).slice(2, 8);
  const vera = { name: `Vera ${tag}`, email: `vera.${tag}@example.test`, question: 'Does the Ridgeline 2 fit two adults?', group: 'Support' };

  // Alice is signed in and watching the queue before the customer writes.
  await signIn(agent, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(agent, 'Queue');
  // A marker in `window` dies with a reload; its survival shows the row arrived live.
  await agent.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, vera);
  await widget.getByText('Waiting for an agent…').waitFor();

  const row = agent.locator('tbody tr[data-chat-id]', { hasText: vera.name });
  await row.waitFor();
  expect(await agent.evaluate(() => '__sameDocument' in window)).toBe(true);
  const chatId = await row.getAttribute('data-chat-id');
  expect(chatId).toBeTruthy();

  await row.click();
  const pane = agent.getByRole('region', { name: 'Chat preview' });
  await pane.getByText(vera.question).waitFor();
  await pane.getByRole('button', { name: 'Take' }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  const fromAlice = ['Hi Vera, Alice here. Happy to help.', 'Yes: it is 130 cm wide, made for two.'];
  const fromVera = ['Thanks! Is it wide enough for two sleeping pads?', 'Perfect, I will order it.'];
  for (let i = 0; i < 2; i++) {
    await send(pane, fromAlice[i]!);
    await widget.getByText(fromAlice[i]!).waitFor();
    await send(widget, fromVera[i]!);
    await pane.getByText(fromVera[i]!).waitFor();
  }
  // Each side still shows the whole conversation, in order.
  for (const text of [...fromAlice, ...fromVera]) {
    await pane.getByText(text).waitFor();
    await widget.getByText(text).waitFor();
  }

  await endChat(pane);
  await widget.getByText('Chat ended', { exact: true }).waitFor();
  await widget.getByRole('button', { name: 'Start a new chat' }).waitFor();

  await showView(agent, 'My Completed');
  await expect.poll(() => listedChatIds(agent)).toContain(chatId);
  await showView(agent, 'My Active');
  await expect.poll(() => listedChatIds(agent)).not.toContain(chatId);
  expect(await agent.evaluate(() => '__sameDocument' in window)).toBe(true);
});
