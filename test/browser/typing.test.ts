// Typing in a real browser: the agent sees what the customer is typing before it is sent (a live
// preview of the draft), and the customer sees that the agent is typing, never what.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { endChat, launchBrowser, newPerson, openWidgetOnDemoPage, screenshot, send, showView, signIn, startChat, uniqueTag } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test("the agent previews the customer's draft; the customer sees the agent typing, not the words", async () => {
  const shop = (await newPerson(browser, baseUrl)).page;
  const alice = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ visitor: shop, alice }, 'typing'));
  const tag = uniqueTag();
  const tess = { name: `Tess ${tag}`, email: `tess.${tag}@example.test`, question: 'Where is my parcel?', group: 'Sales' };

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, tess);
  await alice.locator('tbody tr[data-chat-id]', { hasText: tess.name }).click();
  const pane = alice.getByRole('region', { name: 'Chat preview' });
  await pane.getByRole('button', { name: 'Take', exact: true }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  // The customer types without sending: Alice reads the draft as it grows.
  const box = widget.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially(`The tracking number ${tag} says`, { delay: 20 });
  await pane.getByLabel(`${tess.name}'s unsent draft`).getByText(`The tracking number ${tag} says`).waitFor();
  await pane.getByText(`${tess.name} is typing…`).waitFor();
  await box.press('Enter');
  await pane.locator('.msg', { hasText: `The tracking number ${tag} says` }).waitFor();
  await pane.getByLabel(`${tess.name}'s unsent draft`).waitFor({ state: 'detached' });

  // Alice types: the customer sees that she is typing, and none of her words until she sends.
  const reply = pane.getByRole('textbox', { name: 'Message' });
  const secret = `Let me look that up ${tag}`;
  await reply.pressSequentially(secret, { delay: 20 });
  await widget.getByText('Alice Agent is typing…').waitFor();
  expect(await widget.locator('body').innerText()).not.toContain(secret);
  await reply.press('Enter');
  await widget.getByText(secret).waitFor();
  await widget.getByText('Alice Agent is typing…').waitFor({ state: 'detached' });
  await send(pane, `Found it (${tag}).`);
  await widget.getByText(`Found it (${tag}).`).waitFor();
  // Alice's capacity is shared by every file of this suite: the chat ends with its story.
  await endChat(pane);
});
