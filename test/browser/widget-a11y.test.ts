// The widget passes axe-core at each step a customer goes through (the form, the suggested
// articles, an article, the chat, and after the end with the survey), and reads at 320 px wide
// without scrolling sideways, embedded in a narrow page and as a full-page chat.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { launchBrowser, newPerson, screenshot } from './browser.ts';
import { expectAccessible, publishArticle, signInApi, startThirdPartySite, unique, widgetFrame, widgetIn, type StaffApi, type ThirdPartySite } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: StaffApi;
let site: ThirdPartySite;
const articleIds: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  site = await startThirdPartySite(baseUrl, { group: 'support', color: '#ffd23f', position: 'left' });
});

afterAll(async () => {
  for (const id of articleIds) await admin.del(`/api/admin/kb/${id}`).catch(() => undefined);
  await site?.close();
  await browser?.close();
});

test('every step of the widget passes axe-core and fits a 320 px wide screen', async () => {
  const tag = unique();
  const word = `bivouac${tag}`;
  const title = `Pitching a ${word} shelter in wind`;
  articleIds.push(await publishArticle(admin, title, `Face the narrow end into the wind.\nStake the windward side first.`));
  const { page } = await newPerson(browser, site.url);
  onTestFailed(() => screenshot({ visitor: page }, 'widget-a11y'));
  await page.setViewportSize({ width: 320, height: 640 });

  await page.goto(site.url);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const widget = widgetIn(page);
  await widget.getByLabel('Your name').waitFor();
  const frame = await widgetFrame(page);

  // The form, empty and then with every problem shown.
  await expectAccessible(frame, 'the pre-chat form');
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await widget.getByText('Please enter your name.').waitFor();
  expect(await widget.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(frame, 'the form with errors');

  await widget.getByLabel('Your name').fill(`Ash ${tag}`);
  await widget.getByLabel('Email').fill(`ash.${tag}@example.test`);
  await widget.getByLabel('Your question').fill(`How should I pitch my ${word} shelter when it is windy?`);
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await widget.getByRole('heading', { name: 'These articles may answer your question' }).waitFor();
  await expectAccessible(frame, 'the suggested articles');

  await widget.getByRole('button', { name: title }).click();
  await widget.getByText('Stake the windward side first.', { exact: false }).waitFor();
  await expectAccessible(frame, 'an article');

  await widget.getByRole('button', { name: 'Continue to chat' }).click();
  await widget.getByText('Waiting for an agent…').waitFor();
  await widget.getByRole('textbox', { name: 'Message' }).waitFor();
  await expectAccessible(frame, 'the chat');

  // Alice takes the chat (through the API), the visitor ends it: the transcript form and the survey.
  const chatId = await frame.evaluate(() => JSON.parse(localStorage.getItem('switchboard.chat') ?? '{}').chatId as string);
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  await alice.post(`/api/chats/${chatId}/take`);
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();
  await widget.getByRole('button', { name: 'End chat' }).click();
  await widget.getByRole('group', { name: 'How would you rate this chat?' }).waitFor();
  await expectAccessible(frame, 'after the chat');

  // The survey answers to the keyboard: arrows move through the ratings.
  await widget.getByRole('radio', { name: '1 – Very poor' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await widget.getByRole('radio', { name: '3 – Okay' }).isChecked()).toBe(true);
});

test('the full-page chat reads at 320 px and passes axe-core', async () => {
  const { page } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ visitor: page }, 'widget-a11y-page'));
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/widget.html');
  await page.getByLabel('Group').selectOption({ label: 'Support' });
  await expectAccessible(page.mainFrame(), 'the full-page form');
});
