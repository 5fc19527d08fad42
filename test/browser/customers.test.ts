// Customers in a real browser: an agent opens the user-details pop-out from a chat's underlined
// email and walks every tab (editing details, contact info and custom fields, adding a comment,
// opening a ticket from the Tickets tab and the pop-out again from the ticket); a verified
// returning visitor sees their earlier chat in the widget while an unverified visitor using the
// same email does not; and `npm run admin -- customers export|erase` works against the server.
import { execFile } from 'node:child_process';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { ROOT } from '../../scripts/process.ts';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { signIdentity } from '../../worker/auth/signed-identity.ts';
import { launchBrowser, newPerson, screenshot, showView, signIn, uniqueTag } from './browser.ts';
import { axeViolations, signInApi, type StaffApi } from './customer.ts';

const baseUrl = inject('baseUrl');
const identitySecret = inject('identitySecret');
const FIELD_KEY = 'customer-tier';
let browser: Browser;
let admin: StaffApi;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  await admin.post('/api/admin/fields', { key: FIELD_KEY, label: 'Customer tier', type: 'text', required: false });
});

afterAll(async () => {
  await admin?.del(`/api/admin/fields/${FIELD_KEY}`).catch(() => undefined);
  await browser?.close();
});

async function visitorStarts(body: Record<string, unknown>): Promise<{ chatId: string; token: string }> {
  const res = await fetch(`${baseUrl}/api/visitor/chats`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`starting a chat answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { chatId: string; token: string };
}

/** A customer with a chat under way (Alice's), an earlier rated one, a ticket, a call log, a message left and a sticky comment. */
async function customerWithHistory(tag: string) {
  const name = `Nadia ${tag}`;
  const email = `nadia.${tag}@example.test`;
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  const earlier = await visitorStarts({ name, email, question: `First question ${tag}`, groupId: 'sales', timeZone: 'Europe/Lisbon' });
  await alice.post(`/api/chats/${earlier.chatId}/take`);
  await alice.post(`/api/chats/${earlier.chatId}/end`);
  const rated = await fetch(`${baseUrl}/api/visitor/chats/${earlier.chatId}/survey?token=${encodeURIComponent(earlier.token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ rating: 4, comment: 'Helpful' }),
  });
  expect(rated.status).toBe(201);
  const { ticket } = await alice.post<{ ticket: { id: string; number: number } }>('/api/tickets', { subject: `Refund ${tag}`, chatId: earlier.chatId });
  await alice.post('/api/calls', { customerName: name, customerEmail: email, phone: '+351 21 123 4567', direction: 'inbound', startedAt: Date.now() - 60_000, durationSeconds: 95, groupId: 'sales' });
  const left = await fetch(`${baseUrl}/api/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ name, email, message: `Please call me ${tag}`, groupId: 'sales' }),
  });
  expect(left.status).toBe(201);
  const { customerId } = await alice.get<{ customerId: string }>(`/api/customers/lookup?email=${encodeURIComponent(email)}`);
  await alice.post(`/api/customers/${customerId}/comments`, { text: `VIP since 2019 ${tag}`, sticky: true });
  const current = await visitorStarts({ name, email, question: `Second question ${tag}`, groupId: 'sales' });
  await alice.post(`/api/chats/${current.chatId}/take`);
  return { name, email, ticket, chatId: current.chatId };
}

async function openTab(popout: Locator, name: RegExp | string): Promise<Locator> {
  await popout.getByRole('tab', { name }).click();
  return popout.getByRole('tabpanel');
}

test('an agent opens the pop-out from a chat’s email and walks every tab; a listed ticket opens, and its email opens the pop-out again', async () => {
  const tag = uniqueTag();
  const s = await customerWithHistory(tag);
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ page }, 'customers'));
  await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(page, 'My Active');
  await page.locator(`tbody tr[data-chat-id="${s.chatId}"]`).click();
  const pane = page.getByRole('region', { name: 'Chat preview' });
  await pane.getByText(`Second question ${tag}`).waitFor();
  // The chat shows the sticky comment about the customer, and that the email is unverified.
  await pane.getByRole('region', { name: 'Pinned comments' }).getByText(`VIP since 2019 ${tag}`).waitFor();
  await pane.getByText('Unverified email').waitFor();

  await pane.getByRole('button', { name: s.email }).click();
  const popout = page.getByRole('dialog', { name: `Customer: ${s.name}` });
  await popout.waitFor();
  const tabs = await popout.getByRole('tab').allTextContents();
  expect(tabs).toEqual([
    'Details', 'Contact Info', 'Portal Settings', 'Roles', 'Custom Fields', 'Comments (1)', 'Tickets (1)', 'Live Chats (2)', 'Calls (1)', 'Survey (1)', 'Forms (1)',
    'Statistics', 'History',
  ]);
  expect(await axeViolations(page.mainFrame())).toEqual([]);

  let panel = popout.getByRole('tabpanel');
  await panel.getByText('Unverified: the email was typed by the customer').waitFor();
  await panel.getByText('Europe/Lisbon (from their browser)').waitFor();
  await panel.getByLabel('Time zone (empty: their browser’s)').fill('America/Chicago');
  await panel.getByRole('button', { name: 'Save details' }).click();
  await panel.getByText('America/Chicago (set by staff)').waitFor();

  panel = await openTab(popout, 'Contact Info');
  await panel.getByLabel('Work phone').fill('+1 312 555 0100');
  await panel.getByRole('button', { name: 'Save contact info' }).click();
  await popout.getByRole('status').getByText('Saved.').waitFor();
  await openTab(popout, 'Roles');
  panel = await openTab(popout, 'Contact Info');
  await expect.poll(() => panel.getByLabel('Work phone').inputValue()).toBe('+1 312 555 0100');

  panel = await openTab(popout, 'Portal Settings');
  await panel.getByText('None: their initials are shown').waitFor();
  panel = await openTab(popout, 'Roles');
  await panel.getByText('Customer', { exact: true }).waitFor();

  panel = await openTab(popout, 'Custom Fields');
  await panel.getByLabel('Customer tier').fill('Gold');
  await panel.getByRole('button', { name: 'Save custom fields' }).click();
  await popout.getByRole('tab', { name: 'Custom Fields (1)' }).waitFor();

  panel = await openTab(popout, /^Comments/);
  await panel.getByText(`VIP since 2019 ${tag}`).waitFor();
  await panel.getByLabel('New comment about the customer (staff only)').fill('Asked for a callback');
  await panel.getByRole('button', { name: 'Add comment' }).click();
  await popout.getByRole('tab', { name: 'Comments (2)' }).waitFor();

  panel = await openTab(popout, /^Live Chats/);
  expect(await panel.locator('tbody tr').count()).toBe(2);
  panel = await openTab(popout, /^Calls/);
  await panel.getByText('+351 21 123 4567').waitFor();
  // A ticket started from the call log (it opens in the Help Desk afterwards: checked below for the merge's).
  await panel.getByRole('button', { name: /Start a ticket from call log/ }).click();
  await panel.getByLabel(/Subject of the new ticket/).fill(`Callback ${tag}`);
  await panel.getByRole('button', { name: 'Create ticket' }).click();
  await page.locator('[data-ticket-id]').getByText('Inbound call').waitFor();
  await page.locator('[data-ticket-id]').getByRole('button', { name: s.email }).click();
  await popout.getByRole('tab', { name: 'Tickets (2)' }).click();
  panel = popout.getByRole('tabpanel');
  // The seed's ticket merge: the call's ticket into the refund ticket.
  await panel.getByRole('button', { name: /Merge ticket .* into another/ }).first().click();
  await panel.getByRole('combobox', { name: /Merge ticket/ }).selectOption({ label: `#${s.ticket.number}: Refund ${tag}` });
  await panel.getByRole('button', { name: 'Merge', exact: true }).click();
  await popout.getByRole('status').getByText('Tickets merged.').waitFor();
  await expect.poll(() => panel.getByText('Closed', { exact: true }).count()).toBe(1);
  panel = await openTab(popout, /^Survey/);
  await panel.getByText('4 of 5').waitFor();
  panel = await openTab(popout, /^Forms/);
  await panel.getByText(`Please call me ${tag}`).waitFor();
  panel = await openTab(popout, 'Statistics');
  const chats = panel.getByRole('row', { name: /Live chats completed/ });
  expect(await chats.getByRole('cell').allTextContents()).toEqual(['1', '1', '1', '1']);
  panel = await openTab(popout, 'History');
  await panel.getByText('Last live chat').waitFor();
  expect(await axeViolations(page.mainFrame())).toEqual([]);

  // Each list opens its item: the ticket opens in the Help Desk, where the email opens the pop-out again.
  panel = await openTab(popout, /^Tickets/);
  await panel.getByText(`Refund ${tag}`).waitFor();
  await panel.getByRole('button', { name: `#${s.ticket.number}`, exact: true }).click();
  await popout.waitFor({ state: 'detached' });
  const ticketView = page.locator(`[data-ticket-id="${s.ticket.id}"]`);
  await ticketView.getByRole('button', { name: s.email }).click();
  await page.getByRole('dialog', { name: `Customer: ${s.name}` }).getByRole('tab', { name: 'Details' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: `Customer: ${s.name}` }).waitFor({ state: 'detached' });
});

test('a verified returning visitor sees their earlier chat in the widget; an unverified visitor with the same email does not', async () => {
  const tag = uniqueTag();
  const email = `vera.${tag}@example.test`;
  const identity = await signIdentity(identitySecret, { email, name: `Vera ${tag}`, exp: Math.floor(Date.now() / 1000) + 3600 });
  const first = (await newPerson(browser, baseUrl)).page;
  const returning = (await newPerson(browser, baseUrl)).page;
  const stranger = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ first, returning, stranger }, 'customers-verified'));

  // The site's signed-in customer: name and email come from the signed identity.
  await first.goto(`/widget.html?identity=${identity}`);
  expect(await first.getByLabel('Email').inputValue()).toBe(email);
  expect(await first.getByLabel('Your name').inputValue()).toBe(`Vera ${tag}`);
  await first.getByLabel('Group').selectOption({ label: 'Sales' });
  await first.getByLabel('Your question').fill(`Verified question ${tag}`);
  await first.getByRole('button', { name: 'Start chat' }).click();
  await first.getByText(`Verified question ${tag}`).waitFor();

  // Back another day, on another computer: the earlier conversation is there.
  await returning.goto(`/widget.html?identity=${identity}`);
  const earlier = returning.getByRole('region', { name: 'Your earlier conversations' });
  await earlier.getByRole('button', { name: /Sales/ }).click();
  await returning.getByText(`Verified question ${tag}`).waitFor();
  expect(await axeViolations(returning.mainFrame())).toEqual([]);

  // Someone typing the same address without the site's signature sees no earlier conversation.
  await stranger.goto('/widget.html');
  await stranger.getByLabel('Email').fill(email);
  await stranger.getByLabel('Your name').fill('Not Vera');
  await stranger.getByLabel('Group').selectOption({ label: 'Sales' });
  await stranger.getByLabel('Your question').fill(`Unverified question ${tag}`);
  await stranger.getByRole('button', { name: 'Start chat' }).click();
  await stranger.getByText(`Unverified question ${tag}`).waitFor();
  expect(await stranger.getByText(`Verified question ${tag}`, { exact: true }).count()).toBe(0);
  expect(await stranger.getByRole('region', { name: 'Your earlier conversations' }).count()).toBe(0);
});

test('an administrator opens a customer from a message left, makes their organization, exports everything and erases them', async () => {
  const tag = uniqueTag();
  const name = `Olive ${tag}`;
  const email = `olive.${tag}@org-${tag}.example`;
  const left = await fetch(`${baseUrl}/api/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ name, email, message: `Call me about invoices ${tag}`, groupId: 'support' }),
  });
  expect(left.status).toBe(201);
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ page }, 'customers-admin'));
  await signIn(page, 'admin@switchboard.local', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Live chats' }).getByRole('button', { name: 'Messages' }).click();
  await page.getByRole('table', { name: 'Open messages' }).getByRole('row').filter({ hasText: `Call me about invoices ${tag}` }).getByRole('button', { name: email }).click();
  const popout = page.getByRole('dialog', { name: `Customer: ${name}` });
  let panel = popout.getByRole('tabpanel');
  await panel.getByLabel('New organization for this customer').fill(`Olive Co ${tag}`);
  expect(await panel.getByLabel(/Its email domain/).inputValue()).toBe(`org-${tag}.example`);
  await panel.getByRole('button', { name: 'Create organization' }).click();
  await popout.getByRole('status').getByText('Organization created and assigned.').waitFor();
  await panel.getByRole('button', { name: `Show Olive Co ${tag} and its customers` }).click();
  const customers = popout.getByRole('table', { name: `Customers of Olive Co ${tag}` });
  await customers.getByRole('button', { name }).click();
  panel = popout.getByRole('tabpanel');
  await popout.getByRole('tab', { name: 'Forms (1)' }).waitFor();
  expect(await axeViolations(page.mainFrame())).toEqual([]);

  const href = await panel.getByRole('link', { name: 'Export everything about this customer (JSON)' }).getAttribute('href');
  const exported = (await (await page.request.get(href!)).json()) as { customer: { name: string; organization: { name: string } }; messagesLeft: unknown[] };
  expect(exported.customer).toMatchObject({ name, organization: { name: `Olive Co ${tag}` } });
  expect(exported.messagesLeft).toHaveLength(1);

  const erase = panel.getByRole('button', { name: 'Erase customer' });
  expect(await erase.isDisabled()).toBe(true);
  await panel.getByLabel(`To erase the customer, their chats, files and messages left, type ${email}`).fill(email);
  await erase.click();
  await popout.waitFor({ state: 'detached' });
  const stillThere = await page.request.get(`/api/customers/lookup?email=${encodeURIComponent(email)}`);
  expect(stillThere.status()).toBe(404);
});

function adminCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/admin.ts', 'customers', ...args, '--url', baseUrl, '--as', 'admin@switchboard.local'],
      { cwd: ROOT, env: { ...process.env, SWITCHBOARD_PASSWORD: DEMO_PASSWORD }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('npm run admin -- customers export prints everything about a customer; erase needs --yes and then leaves nothing to export', async () => {
  const tag = uniqueTag();
  const email = `cli.${tag}@example.test`;
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  const { chatId } = await visitorStarts({ name: `Cli ${tag}`, email, question: `Export me ${tag}`, groupId: 'support' });
  await alice.post(`/api/chats/${chatId}/take`);
  await alice.post(`/api/chats/${chatId}/end`);

  const exported = await adminCli(['export', email]);
  expect(exported.code, exported.stderr).toBe(0);
  const doc = JSON.parse(exported.stdout) as { customer: { emails: string[] }; chats: { events: { kind: string; text?: string; visibleToCustomer: boolean }[] }[] };
  expect(doc.customer.emails).toEqual([email]);
  expect(doc.chats[0]!.events.find((e) => e.kind === 'message')).toMatchObject({ text: `Export me ${tag}`, visibleToCustomer: true });

  expect((await adminCli(['erase', email])).code).toBe(2);
  expect((await adminCli(['export', 'not-an-email'])).code).toBe(2);
  const erased = await adminCli(['erase', email, '--yes']);
  expect(erased).toMatchObject({ code: 0, stdout: expect.stringContaining(`Erased ${email}: 1 chat(s)`) });
  const gone = await adminCli(['export', email]);
  expect(gone).toMatchObject({ code: 1, stderr: expect.stringContaining(`No customer with email ${email}`) });
});
