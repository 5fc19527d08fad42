// Coaching in a real browser: Alice has a customer's chat; the administrator opens it from Global
// Live Chats and coaches her behind the scenes. Coaching lines appear inline for both of them,
// styled as coaching, and never reach the customer, not even after a reload. Then the
// administrator joins the conversation openly and the customer hears from them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, openWidgetOnDemoPage, screenshot, send, showView, signIn, startChat, uniqueTag } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('a coach and an agent coach each other unseen by the customer, then the coach joins openly', async () => {
  const shop = (await newPerson(browser, baseUrl)).page;
  const alice = (await newPerson(browser, baseUrl)).page;
  const coach = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ visitor: shop, alice, coach }, 'coaching'));
  const tag = uniqueTag();
  const cora = { name: `Cora ${tag}`, email: `cora.${tag}@example.test`, question: 'Is there a student discount?', group: 'Sales' };
  const coaching = `Offer her the EDU15 code (${tag}).`;
  const reply = `Thanks, doing that now (${tag}).`;
  const answer = `Hi Cora! Yes: use the code at checkout (${tag}).`;

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, cora);
  const row = alice.locator('tbody tr[data-chat-id]', { hasText: cora.name });
  await row.click();
  const chatId = await row.getAttribute('data-chat-id');
  const alicePane = alice.getByRole('region', { name: 'Chat preview' });
  await alicePane.getByRole('button', { name: 'Take', exact: true }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  await signIn(coach, 'admin@switchboard.local', DEMO_PASSWORD);
  await showView(coach, 'Global Live Chats');
  await coach.locator(`tbody tr[data-chat-id="${chatId}"]`).click();
  const coachPane = coach.getByRole('region', { name: 'Chat preview' });
  await coachPane.getByText(cora.question).waitFor();
  await coachPane.getByText('Alice Agent took the chat', { exact: false }).waitFor();
  await alicePane.getByText('Also viewing: Ada Admin').waitFor();

  // The coach writes in the Coaching box, beside the reply box.
  await coachPane.getByRole('textbox', { name: 'Coaching' }).fill(coaching);
  await coachPane.getByRole('button', { name: 'Coach', exact: true }).click();
  const coachingLine = alicePane.locator('.msg-coaching', { hasText: coaching });
  await coachingLine.waitFor();
  await coachingLine.getByText('Coaching', { exact: true }).waitFor();
  expect(await coachingLine.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

  // Alice answers in her own Coaching box; the coach sees it inline.
  await alicePane.getByRole('textbox', { name: 'Coaching' }).fill(reply);
  await alicePane.getByRole('button', { name: 'Coach', exact: true }).click();
  await coachPane.locator('.msg-coaching', { hasText: reply }).waitFor();

  await send(alicePane, answer);
  await widget.getByText(answer).waitFor();
  const visitorSees = () => widget.locator('body').innerText();
  for (const secret of [coaching, reply]) expect(await visitorSees()).not.toContain(secret);

  // A reload replays the conversation from the server: still nothing of the coaching.
  await shop.reload();
  const again = await openWidgetOnDemoPage(shop);
  await again.getByText(answer).waitFor();
  const text = await again.locator('body').innerText();
  for (const secret of [coaching, reply]) expect(text).not.toContain(secret);

  // The History tab lists every event, the coaching ones marked staff-only.
  await coachPane.getByRole('tab', { name: 'History' }).click();
  await coachPane.getByRole('list', { name: 'History' }).locator('li.staff-only', { hasText: coaching }).waitFor();
  await coachPane.getByRole('tab', { name: 'Conversation' }).click();

  // The coach joins openly: the customer is told, and the coach's messages reach them.
  await coachPane.getByRole('button', { name: 'Join', exact: true }).click();
  await again.getByText('Ada Admin has joined the chat', { exact: false }).waitFor();
  await coachPane.getByRole('button', { name: 'Join', exact: true }).waitFor({ state: 'detached' });
  const fromCoach = `Ada here, I manage the shop: the code also covers shipping (${tag}).`;
  await send(coachPane, fromCoach);
  await again.getByText(fromCoach).waitFor();
  await alicePane.getByText(fromCoach).waitFor();
});
