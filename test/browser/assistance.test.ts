// Agent assistance in a real browser: a customer starts a chat from the widget with a greeting,
// the agent takes it and opens Assistance, then the customer describes the problem and the panel
// suggests the article that answers it (and, marked staff only, how an earlier ticket was
// solved) without the agent asking. One click puts the article's title and link at the cursor,
// the words around it kept; Send, and the customer has it, and never the resolution's text.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { endChat, launchBrowser, newPerson, openWidgetOnDemoPage, screenshot, send, showView, signIn, startChat, uniqueTag } from './browser.ts';
import { axeViolations, publishArticle, signInApi, type StaffApi } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: StaffApi;
const articleIds: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
});

afterAll(async () => {
  for (const id of articleIds) await admin.del(`/api/admin/kb/${id}`).catch(() => undefined);
  await browser?.close();
});

test('the panel suggests the right article as the customer writes, and one click puts its title and link at the cursor', async () => {
  const tag = uniqueTag();
  // A word no other article holds, so the one that answers is known.
  const word = `lumabeacon${tag}`;
  const title = `Pairing your ${word} with a phone`;
  articleIds.push(await publishArticle(admin, title, `Hold the ${word} button for five seconds until it blinks blue, then choose it under Bluetooth on your phone.`));
  articleIds.push(await publishArticle(admin, `Charging a ${word}`, `A ${word} charges fully in two hours over USB-C.`));
  const articleId = articleIds[0]!;
  // How an earlier ticket of the Support group was solved (staff only).
  const { ticket } = await admin.post<{ ticket: { id: string } }>('/api/tickets', { subject: `Beacon ${tag}`, groupId: 'support', customerName: 'Earlier Customer', customerEmail: `earlier.${tag}@example.test` });
  const resolution = `The ${word} would not pair: a firmware reset (both buttons, ten seconds) fixed it.`;
  await admin.post(`/api/tickets/${ticket.id}/entries`, { kind: 'resolution', text: resolution });

  const shop = (await newPerson(browser, baseUrl)).page;
  const agent = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ shop, agent }, 'assistance'));

  const widget = await openWidgetOnDemoPage(shop);
  const name = `Lena ${tag}`;
  await startChat(widget, { name, email: `lena.${tag}@example.test`, question: 'Hello there!', group: 'Support' });
  await widget.getByText('Waiting for an agent…').waitFor();

  await signIn(agent, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(agent, 'Queue');
  await agent.locator('tbody tr[data-chat-id]', { hasText: name }).click();
  const pane = agent.getByRole('region', { name: 'Chat preview' });
  await pane.getByRole('button', { name: 'Take' }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  const toggle = pane.getByRole('toolbar', { name: 'Chat actions' }).getByRole('button', { name: 'Assistance' });
  await toggle.click();
  expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  const panel = pane.getByRole('region', { name: 'Assistance' });
  // A greeting says nothing to search for yet.
  await panel.getByText('Suggestions appear as the customer describes the problem.').waitFor();

  // The customer describes the problem; the panel follows without being asked.
  await send(widget, `My ${word} will not pair with my phone`);
  const articles = panel.getByRole('list', { name: 'Knowledge-base articles' });
  const insert = articles.getByRole('button', { name: `Insert article: ${title}` });
  await insert.waitFor();
  expect(await articles.getByRole('button').first().textContent()).toContain(title);
  await expect.poll(() => panel.locator('[aria-live="polite"]').textContent()).toMatch(/^\d+ suggestions?$/);
  const resolutions = panel.getByRole('list', { name: 'Resolutions (staff only)' });
  await resolutions.getByRole('button', { name: `Insert resolution: ${resolution}` }).waitFor();
  await panel.getByText('Staff only', { exact: true }).waitFor();
  expect(await axeViolations(agent.mainFrame())).toEqual([]);

  // Words first, the cursor back between them, then one click.
  const box = pane.getByRole('textbox', { name: 'Message' });
  const after = 'and tell me if it blinks.';
  await box.click();
  await box.pressSequentially(`Please follow ${after}`);
  for (let i = 0; i < after.length; i++) await box.press('ArrowLeft');
  await insert.click();
  const link = `${baseUrl}/kb/${articleId}`;
  const reply = `Please follow ${title}: ${link} ${after}`;
  await expect.poll(() => box.inputValue()).toBe(reply);
  // The box has its focus back, the cursor after the link: typing goes on from there.
  expect(await box.evaluate((el) => document.activeElement === el)).toBe(true);
  expect(await box.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(`Please follow ${title}: ${link} `.length);

  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await widget.getByText(reply).waitFor();
  // The customer has the article, never the resolution nobody sent.
  expect(await widget.getByText(resolution).count()).toBe(0);
  const page = await fetch(link);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`<h1>${title}</h1>`);
  // Alice's capacity is shared by every file of this suite: the chat ends with its story.
  await endChat(pane);
});
