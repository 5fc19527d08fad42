// The customer's whole visit, on a third-party website that embeds the loader from another origin:
// the form by keyboard alone, a suggested article shown as text (never as HTML), the chat queued,
// a reload that loses and doubles nothing, messages and a file both ways with Alice, the end, the
// transcript by email (read where miniflare writes it) and a rating that reaches the agent's log.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import type { ChatEvent } from '../../objects/protocol.ts';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, send, showView, signIn, endChat } from './browser.ts';
import { publishArticle, sentEmails, signInApi, startThirdPartySite, unique, widgetFrame, widgetIn, type StaffApi, type ThirdPartySite } from './customer.ts';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
let browser: Browser;
let admin: StaffApi;
let site: ThirdPartySite;
const articleIds: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  site = await startThirdPartySite(baseUrl, { group: 'support' });
});

afterAll(async () => {
  // Other files' questions must not meet this file's articles.
  for (const id of articleIds) await admin.del(`/api/admin/kb/${id}`).catch(() => undefined);
  await site?.close();
  await browser?.close();
});

test('a visitor is helped from another website, across a reload, to the transcript and a rating', async () => {
  const tag = unique();
  const word = `kestrel${tag}`;
  const visitor = { name: `Wren ${tag}`, email: `wren.${tag}@example.test`, question: `How do I waterproof the seams of my ${word} jacket?` };
  const unsafeLine = '<img src=x onerror="window.__pwned=1">';
  const title = `Waterproofing ${word} seams`;
  articleIds.push(await publishArticle(admin, title, `Use seam tape on the inside.\nLet it dry for a day.\n${unsafeLine}`));

  const agentSide = await newPerson(browser, baseUrl);
  const shopSide = await newPerson(browser, site.url);
  const agent = agentSide.page;
  const shop = shopSide.page;
  onTestFailed(() => screenshot({ visitor: shop, agent }, 'widget'));

  // Alice is online (so the group has someone) and watches the queue.
  await signIn(agent, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(agent, 'Queue');

  // Keyboard only: Tab to the launcher, Enter opens the chat with the focus in "Your name".
  await shop.goto(site.url);
  const isFocused = (el: Element) => el === document.activeElement;
  const launcher = shop.getByRole('button', { name: 'Chat with us' });
  await launcher.waitFor();
  await shop.keyboard.press('Tab');
  await expect.poll(() => launcher.evaluate(isFocused)).toBe(true);
  await shop.keyboard.press('Enter');
  const widget = widgetIn(shop);
  const nameBox = widget.getByLabel('Your name');
  await expect.poll(() => nameBox.evaluate(isFocused)).toBe(true);
  // The site chose the group: the visitor is not asked.
  expect(await widget.getByLabel('Group').count()).toBe(0);
  await shop.keyboard.type(visitor.name);
  await shop.keyboard.press('Tab');
  await shop.keyboard.type(visitor.email);
  await shop.keyboard.press('Tab');
  await shop.keyboard.type(visitor.question);
  await shop.keyboard.press('Tab');
  await shop.keyboard.press('Enter');

  // The intermediary page: the article, opened by keyboard, its body shown as text.
  const suggestions = widget.getByRole('heading', { name: 'These articles may answer your question' });
  await expect.poll(() => suggestions.evaluate(isFocused)).toBe(true);
  await shop.keyboard.press('Tab');
  await shop.keyboard.press('Enter');
  await expect.poll(() => widget.getByRole('heading', { name: title }).evaluate(isFocused)).toBe(true);
  const body = widget.locator('.kb-body');
  await body.getByText(unsafeLine, { exact: false }).waitFor();
  expect(await body.textContent()).toBe(`Use seam tape on the inside.\nLet it dry for a day.\n${unsafeLine}`);
  expect(await body.locator('img').count()).toBe(0);
  expect(await body.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
  expect(await (await widgetFrame(shop)).evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await widget.getByRole('button', { name: 'Continue to chat' }).click();
  await widget.getByText('Waiting for an agent…').waitFor();
  await widget.getByText(/You are number \d+ in the queue/).waitFor();
  await send(widget, 'Is anyone there?');
  await widget.locator('.msg-pending').waitFor({ state: 'detached' });
  const bubbles = widget.locator('.log .msg');
  expect(await bubbles.count()).toBe(2);

  // A reload of the shop: the panel is still open, as the visitor left it, and the chat goes on.
  await shop.reload();
  await shop.getByRole('button', { name: 'Close chat' }).waitFor();
  await widget.getByText('Is anyone there?').waitFor();
  await widget.getByText('Waiting for an agent…').waitFor();

  const row = agent.locator('tbody tr[data-chat-id]', { hasText: visitor.name });
  await row.click();
  const chatId = await row.getAttribute('data-chat-id');
  expect(chatId).toBeTruthy();
  const pane = agent.getByRole('region', { name: 'Chat preview' });
  await pane.getByRole('button', { name: 'Take', exact: true }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();
  // Everything from before the reload, each once.
  expect(await bubbles.count()).toBe(2);
  expect(await widget.getByText(visitor.question, { exact: true }).count()).toBe(1);
  expect(await widget.getByText('Is anyone there?', { exact: true }).count()).toBe(1);

  await send(pane, `Hi Wren, Alice here. Seam tape ${tag} works best.`);
  await widget.getByText(`Hi Wren, Alice here. Seam tape ${tag} works best.`).waitFor();
  await send(widget, 'Great, I will send you my packing list.');
  await pane.getByText('Great, I will send you my packing list.').waitFor();

  // A small text file, sent by the visitor, arrives on Alice's side as a link.
  await widget.locator('input[type="file"]').setInputFiles({ name: 'packing-list.txt', mimeType: 'text/plain', buffer: Buffer.from('tent\nstove\n') });
  const link = widget.getByRole('link', { name: 'packing-list.txt' });
  await link.waitFor();
  await pane.getByRole('link', { name: 'packing-list.txt' }).waitFor();
  const href = await link.getAttribute('href');
  expect(await (await widgetFrame(shop)).evaluate(async (url) => (await fetch(url)).text(), href ?? '')).toBe('tent\nstove\n');
  expect(await bubbles.count()).toBe(5);

  await endChat(pane);
  await widget.getByText('Chat ended', { exact: true }).waitFor();

  // The transcript by email, to the address the chat was started with.
  await widget.getByRole('button', { name: 'Email me the transcript' }).click();
  await widget.getByText(`Sent to ${visitor.email}`).waitFor();
  const isOurs = (mail: string) => mail.includes(visitor.name);
  await expect.poll(async () => (await sentEmails(mailDir)).filter(isOurs).length).toBe(1);
  const mail = (await sentEmails(mailDir)).find(isOurs) ?? '';
  for (const line of [visitor.question, 'Is anyone there?', `Seam tape ${tag} works best.`, 'sent a file: packing-list.txt']) {
    expect(mail).toContain(line);
  }

  // The survey: 4 of 5 with a comment, and the agent's log holds it.
  await widget.getByRole('radio', { name: '4 – Good' }).check();
  await widget.getByLabel('Comment (optional)').fill('Quick and friendly.');
  await widget.getByRole('button', { name: 'Send rating' }).click();
  await widget.getByText('Thank you for your feedback!').waitFor();
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  const { events } = await alice.get<{ events: ChatEvent[] }>(`/api/chats/${chatId}/transcript`);
  const survey = events.find((e) => e.kind === 'survey');
  expect(survey).toMatchObject({ kind: 'survey', rating: 4, comment: 'Quick and friendly.' });
});
