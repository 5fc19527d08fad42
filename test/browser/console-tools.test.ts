// The console's own tools, in a real browser: the Messages page (what customers left while nobody
// in their group was online, marked handled by an agent of the group), and a chat's staff tools
// (a file sent to the visitor, the transcript emailed after the end, Translate where the
// deployment has no translator).
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, nav, newPerson, openWidgetOnDemoPage, screenshot, send, showView, signIn, startChat, endChat } from './browser.ts';
import { sentEmails, signInApi, unique, type StaffApi } from './customer.ts';
import { SERVER_LOG } from './server.ts';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
let browser: Browser;
let admin: StaffApi;
const groupIds: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
});

afterAll(async () => {
  for (const id of groupIds) await admin?.del(`/api/admin/groups/${id}`).catch(() => undefined);
  await browser?.close();
});

test('a message left while nobody was online reaches Messages, and Bob marks it handled', async () => {
  const tag = unique();
  const groupName = `Boats ${tag}`;
  // Only Bob is a member, and he is signed out: nobody in the group is online.
  const { id: groupId } = await admin.post<{ id: string }>('/api/admin/groups', { name: groupName, memberIds: ['demo-bob'] });
  groupIds.push(groupId);
  const visitor = { name: `Heron ${tag}`, email: `heron.${tag}@example.test`, message: `Please call me about the kayak (${tag}).` };
  const res = await fetch(`${baseUrl}/api/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...visitor, groupId }),
  });
  expect(res.status).toBe(201);

  const { page: bob } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ bob }, 'console-messages'));
  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  await nav(bob).getByRole('button', { name: 'Messages' }).click();
  await bob.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
  const which = bob.getByRole('group', { name: 'Which messages' });
  expect(await which.getByRole('button', { name: 'Open' }).getAttribute('aria-pressed')).toBe('true');

  const openTable = bob.getByRole('table', { name: 'Open messages' });
  const row = openTable.getByRole('row').filter({ hasText: visitor.message });
  await row.waitFor();
  await row.getByRole('rowheader', { name: visitor.name }).waitFor();
  await row.getByRole('button', { name: visitor.email }).waitFor();
  await row.getByRole('cell', { name: groupName }).waitFor();

  await row.getByRole('button', { name: `Mark handled (message from ${visitor.name})` }).click();
  await bob.getByRole('status').filter({ hasText: `The message from ${visitor.name} is marked handled.` }).waitFor();
  await row.waitFor({ state: 'detached' });

  await which.getByRole('button', { name: 'Handled' }).click();
  const handledTable = bob.getByRole('table', { name: 'Handled messages' });
  const handledRow = handledTable.getByRole('row').filter({ hasText: visitor.message });
  await handledRow.waitFor();
  await handledRow.getByRole('rowheader', { name: visitor.name }).waitFor();
  expect(await handledRow.getByRole('button', { name: /Mark handled/ }).count()).toBe(0);
  // The last column says who handled it (Bob, by name or address).
  expect(await handledRow.locator('td').last().textContent()).toMatch(/Bob/i);

  // Back on Open, it is not listed any more.
  await which.getByRole('button', { name: 'Open' }).click();
  // Loaded once it lists a message or says there are none (it shows "Loading…" until then).
  await openTable.locator('tr[data-message-id], tr.empty:has-text("No messages.")').first().waitFor();
  expect(await openTable.getByRole('row').filter({ hasText: visitor.message }).count()).toBe(0);
});

test('Alice sends a file, ends the chat, emails the transcript; Translate is not configured', async () => {
  const tag = unique();
  const visitor = { name: `Plover ${tag}`, email: `plover.${tag}@example.test`, question: `Quote for order Q${tag} please?`, group: 'Sales' };
  const fileName = `quote-${tag}.txt`;
  const agentLine = `Here is your quote ${tag}.`;

  const { page: shop } = await newPerson(browser, baseUrl);
  const { page: agent } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ visitor: shop, agent }, 'console-tools'));

  // Alice is online (so Sales has someone) and watches the queue.
  await signIn(agent, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(agent, 'Queue');

  const widget = await openWidgetOnDemoPage(shop);
  await startChat(widget, visitor);
  await widget.getByText('Waiting for an agent…').waitFor();

  const row = agent.locator('tbody tr[data-chat-id]', { hasText: visitor.name });
  await row.click();
  const pane = agent.getByRole('region', { name: 'Chat preview' });
  await pane.getByText(visitor.question).waitFor();
  const toolbar = pane.getByRole('toolbar', { name: 'Chat actions' });
  await toolbar.getByRole('button', { name: 'Take', exact: true }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  await send(pane, agentLine);
  await widget.getByText(agentLine).waitFor();

  // "Send file": the hidden picker takes a small text file; the visitor gets it as a link.
  const sendFile = toolbar.getByRole('button', { name: 'Send file' });
  await expect.poll(() => sendFile.isEnabled()).toBe(true);
  await toolbar.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(`total ${tag}\n`) });
  await pane.getByRole('status').filter({ hasText: `${fileName} was sent.` }).waitFor();
  const link = widget.getByRole('link', { name: fileName });
  await link.waitFor();
  await pane.getByRole('link', { name: fileName }).waitFor();

  await endChat(pane);
  await widget.getByText('Chat ended', { exact: true }).waitFor();

  // Ended: Send file gives way to Email transcript and Translate.
  const emailButton = toolbar.getByRole('button', { name: 'Email transcript…' });
  await emailButton.click();
  const dialog = agent.getByRole('dialog', { name: 'Email transcript' });
  const addresses = dialog.getByLabel('Email addresses (separate them with ;)');
  expect(await addresses.inputValue()).toBe(visitor.email);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.getByRole('status').getByText('Sent', { exact: true }).waitFor();
  expect(await dialog.getByRole('alert').count()).toBe(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });

  const isOurs = (mail: string) => mail.includes(agentLine);
  await expect.poll(async () => (await sentEmails(mailDir)).filter(isOurs).length).toBeGreaterThanOrEqual(1);
  const mail = (await sentEmails(mailDir)).find(isOurs) ?? '';
  for (const line of [visitor.question, agentLine, fileName]) expect(mail).toContain(line);
  // The text file holds only the body; the server's log names the recipient of each one it wrote.
  const log = () => readFile(SERVER_LOG, 'utf8').catch(() => '');
  await expect.poll(log).toContain(`To: ${visitor.email}`);

  // No Workers AI locally: Translate is disabled and says why.
  const translate = toolbar.getByRole('button', { name: 'Translate' });
  expect(await translate.isDisabled()).toBe(true);
  await toolbar.getByText('Translation is not configured').waitFor();
  const describedBy = await translate.getAttribute('aria-describedby');
  expect(await agent.locator(`[id="${describedBy}"]`).textContent()).toBe('Translation is not configured');
});
