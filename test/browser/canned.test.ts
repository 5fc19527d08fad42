// Canned replies in a real browser: an agent takes a chat, types a few words, and inserts two
// shared replies at the cursor with the `#` shortcut (the words around them stay), one carrying a
// file shown as a chip; Send, and the customer's widget has the filled text and the file. The
// picker inserts with a double-click, and the manager refuses an unknown variable in its form.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { endChat, launchBrowser, newPerson, openWidgetOnDemoPage, screenshot, showView, signIn, startChat, uniqueTag } from './browser.ts';
import { axeViolations, signInApi, type StaffApi } from './customer.ts';

const baseUrl = inject('baseUrl');
/** A small PDF: its first bytes say so, as the upload check wants. */
const LABEL_PDF = '%PDF-1.4\n% returns label for the demo\n';
let browser: Browser;
let admin: StaffApi;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
});

afterAll(async () => {
  await browser?.close();
});

/** A shared reply, with a file if given (uploaded as the console does, as the raw body). */
async function sharedReply(tag: string, body: { title: string; shortcut: string; body: string }, file?: { name: string; type: string; text: string }): Promise<string> {
  const { reply } = await admin.post<{ reply: { id: string } }>('/api/canned', { scope: 'shared', folder: `Test ${tag}`, ...body });
  if (file) {
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@switchboard.local', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${baseUrl}/api/canned/${reply.id}/files`, {
      method: 'POST',
      headers: { origin: baseUrl, cookie, 'content-type': file.type, 'x-filename': encodeURIComponent(file.name) },
      body: file.text,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  return reply.id;
}

/** Types a `#shortcut` at the cursor and picks it from the list with Enter. */
async function insertByShortcut(box: Locator, shortcut: string, title: string): Promise<void> {
  await box.pressSequentially(`#${shortcut}`);
  const list = box.page().getByRole('listbox', { name: 'Canned replies' });
  const option = list.getByRole('option', { name: new RegExp(`#${shortcut} ${title}`) });
  await option.waitFor();
  // The box says the list is open and which option is highlighted.
  expect(await box.getAttribute('aria-expanded')).toBe('true');
  expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
  expect(await option.getAttribute('aria-selected')).toBe('true');
  await box.press('Enter');
  await list.waitFor({ state: 'detached' });
}

test('an agent inserts two canned replies at the cursor with # shortcuts and sends them with a file the customer receives', async () => {
  const tag = uniqueTag();
  await sharedReply(tag, { title: 'Thanks for waiting', shortcut: `wait-${tag}`, body: 'Thanks for waiting, {{customer.first_name|there}}.' });
  await sharedReply(
    tag,
    { title: 'Returns label', shortcut: `label-${tag}`, body: 'Your returns label for {{group.name}} is attached.' },
    { name: `Returns label ${tag}.pdf`, type: 'application/pdf', text: LABEL_PDF },
  );
  const shop = (await newPerson(browser, baseUrl)).page;
  const agent = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ shop, agent }, 'canned'));

  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, { name: `Nina ${tag}`, email: `nina.${tag}@example.test`, question: `My parcel came damaged ${tag}`, group: 'Support' });
  await widget.getByText('Waiting for an agent…').waitFor();

  await signIn(agent, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(agent, 'Queue');
  await agent.locator('tbody tr[data-chat-id]', { hasText: `Nina ${tag}` }).click();
  const pane = agent.getByRole('region', { name: 'Chat preview' });
  await pane.getByRole('button', { name: 'Take' }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  // Some words first, then the cursor back between them.
  const box = pane.getByRole('textbox', { name: 'Message' });
  await box.click();
  await box.pressSequentially('Hello! — Alice');
  for (let i = 0; i < ' — Alice'.length; i++) await box.press('ArrowLeft');
  await box.pressSequentially(' ');
  await insertByShortcut(box, `wait-${tag}`, 'Thanks for waiting');
  await box.pressSequentially(' ');
  await insertByShortcut(box, `label-${tag}`, 'Returns label');
  await expect.poll(() => box.inputValue()).toBe(`Hello! Thanks for waiting, Nina. Your returns label for Support is attached. — Alice`);
  const queued = pane.getByRole('list', { name: 'Files sent with your next message' });
  await queued.getByText(`Returns label ${tag}.pdf`).waitFor();

  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await widget.getByText('Hello! Thanks for waiting, Nina. Your returns label for Support is attached. — Alice').waitFor();
  const link = widget.getByRole('link', { name: `Returns label ${tag}.pdf` });
  await link.waitFor();
  await queued.waitFor({ state: 'detached' });
  // What the customer downloads is the reply's file.
  const href = await link.getAttribute('href');
  const download = await fetch(new URL(href!, baseUrl));
  expect([download.status, await download.text()]).toEqual([200, LABEL_PDF]);
  await pane.getByRole('link', { name: `Returns label ${tag}.pdf` }).waitFor();
  // Alice's capacity is shared by every file of this suite: the chat ends with its story.
  await endChat(pane);
});

test('the picker inserts a reply at the cursor with a double-click, and the manager refuses an unknown variable in its form', async () => {
  const tag = uniqueTag();
  await sharedReply(tag, { title: `Opening hours ${tag}`, shortcut: `hours-${tag}`, body: 'We answer from 9 to 5, {{customer.first_name}}.' });
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  const started = await fetch(`${baseUrl}/api/visitor/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Omar ${tag}`, email: `omar.${tag}@example.test`, question: `When are you open ${tag}?`, groupId: 'support' }),
  });
  const { chatId } = (await started.json()) as { chatId: string };
  await alice.post(`/api/chats/${chatId}/take`);

  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ page }, 'canned-picker'));
  await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(page, 'My Active');
  await page.locator(`tbody tr[data-chat-id="${chatId}"]`).click();
  const pane = page.getByRole('region', { name: 'Chat preview' });
  const box = pane.getByRole('textbox', { name: 'Message' });
  await box.click();
  await box.pressSequentially('Hi! ');

  await pane.getByRole('button', { name: 'Canned reply…', exact: true }).click();
  const picker = page.getByRole('dialog', { name: 'Insert Canned Reply' });
  await picker.getByLabel('Search canned replies').fill(`hours ${tag}`);
  const option = picker.getByRole('option', { name: new RegExp(`Opening hours ${tag}`) });
  await option.waitFor();
  expect(await axeViolations(page.mainFrame())).toEqual([]);
  await option.dblclick();
  await picker.waitFor({ state: 'detached' });
  await expect.poll(() => box.inputValue()).toBe(`Hi! We answer from 9 to 5, Omar.`);
  // Focus is back in the box, after what was inserted: typing goes on from there.
  await box.pressSequentially(' Bye');
  expect(await box.inputValue()).toBe(`Hi! We answer from 9 to 5, Omar. Bye`);

  // Her own reply, from the account menu: a typo in a variable is named in the form, nothing is saved.
  await page.getByRole('banner').locator('summary').click();
  await page.getByRole('button', { name: 'Canned Replies…' }).click();
  const manager = page.getByRole('dialog', { name: 'Canned Replies' });
  await manager.getByRole('button', { name: 'New canned reply' }).click();
  const form = manager.getByRole('form', { name: 'New canned reply' });
  await form.getByLabel('Title').fill(`My sign-off ${tag}`);
  await form.getByLabel('Shortcut', { exact: false }).fill(`bye-${tag}`);
  await form.getByLabel('Text').fill('Cheers, {{agent.frist_name}}');
  await form.getByRole('button', { name: 'Create' }).click();
  await form.getByRole('alert').getByText('Unknown variable: {{agent.frist_name}}.', { exact: false }).waitFor();
  expect(await form.getByLabel('Text').getAttribute('aria-invalid')).toBe('true');
  expect((await alice.get<{ replies: { title: string }[] }>('/api/canned')).replies.some((r) => r.title === `My sign-off ${tag}`)).toBe(false);
  await form.getByLabel('Text').fill('Cheers, {{agent.first_name}}');
  await form.getByRole('button', { name: 'Create' }).click();
  await manager.getByRole('row', { name: new RegExp(`My sign-off ${tag}`) }).waitFor();
  await manager.getByRole('button', { name: 'Close' }).click();

  // The new reply is at hand in the reply box at once.
  await box.pressSequentially(` #bye-${tag}`);
  await pane.getByRole('option', { name: new RegExp(`#bye-${tag}`) }).click();
  await expect.poll(() => box.inputValue()).toBe(`Hi! We answer from 9 to 5, Omar. Bye Cheers, Alice`);
});
