// Nobody online: a group whose members are all away (Bob is not signed in; the administrator is
// a member but has no console open) makes the widget say so and offer to leave a message, which
// reaches the group's messages for staff.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { launchBrowser, newPerson, screenshot } from './browser.ts';
import { expectAccessible, signInApi, startThirdPartySite, unique, widgetFrame, widgetIn, type StaffApi, type ThirdPartySite } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: StaffApi;
let groupId: string;
let site: ThirdPartySite;

interface LeftMessage {
  groupId: string;
  name: string;
  email: string;
  message: string;
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  ({ id: groupId } = await admin.post<{ id: string }>('/api/admin/groups', { name: `Rentals ${unique()}`, memberIds: ['demo-bob'] }));
  // The administrator joins to read the group's messages, and stays offline (no console open).
  await admin.put(`/api/admin/groups/${groupId}/members/demo-admin`);
  site = await startThirdPartySite(baseUrl, { group: groupId });
});

afterAll(async () => {
  await admin?.del(`/api/admin/groups/${groupId}`).catch(() => undefined);
  await site?.close();
  await browser?.close();
});

test('with nobody online the widget offers to leave a message, and staff find it', async () => {
  const tag = unique();
  const visitor = { name: `Moss ${tag}`, email: `moss.${tag}@example.test`, message: `Can I rent a canoe on Saturday? (${tag})` };
  const { page } = await newPerson(browser, site.url);
  onTestFailed(() => screenshot({ visitor: page }, 'widget-offline'));
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const widget = widgetIn(page);

  await widget.getByText('No one is available right now.').waitFor();
  const frame = await widgetFrame(page);
  await expectAccessible(frame, 'the form with nobody online');
  // What was typed in the chat form carries over to the message form.
  await widget.getByLabel('Your name').fill(visitor.name);
  await widget.getByRole('button', { name: 'Leave a message' }).click();
  await widget.getByRole('heading', { name: 'Leave a message' }).waitFor();
  expect(await widget.getByLabel('Your name').inputValue()).toBe(visitor.name);
  await expectAccessible(frame, 'the message form');
  await widget.getByLabel('Email').fill(visitor.email);
  await widget.getByLabel('Your message').fill(visitor.message);
  await widget.getByRole('button', { name: 'Send message' }).click();
  await widget.getByRole('heading', { name: 'Message sent' }).waitFor();
  await widget.getByText(`We will answer you at ${visitor.email}`, { exact: false }).waitFor();
  await expectAccessible(frame, 'the confirmation');

  const { messages } = await admin.get<{ messages: LeftMessage[] }>('/api/messages');
  expect(messages.find((m) => m.name === visitor.name)).toMatchObject({ groupId, email: visitor.email, message: visitor.message });
});
