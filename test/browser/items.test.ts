// Help-desk items in a real browser: from one chat an agent makes a ticket, a task, a call log and
// a time log and relates an existing ticket found by its number; the Related Items and Time Logs
// tabs appear with them; each item opens from its own list in the Help Desk; a reply on the ticket
// is emailed (read from miniflare's mail folder); an agent outside the group sees none of it.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { apiFromPage, launchBrowser, nav, newPerson, screenshot, showView, signIn, startChatByApi, uniqueTag } from './browser.ts';
import { axeViolations, sentEmails, signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function pane(page: Page): Locator {
  return page.getByRole('region', { name: 'Chat preview' });
}

async function addFromMenu(scope: Locator, item: string, dialogName: string): Promise<Locator> {
  await scope.getByRole('button', { name: 'Add', exact: true }).click();
  await scope.getByRole('menuitem', { name: item }).click();
  return scope.page().getByRole('dialog', { name: dialogName });
}

async function showDesk(page: Page, list: string, heading: string | RegExp): Promise<Locator> {
  await nav(page).getByRole('button', { name: list, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page.locator('table.desk-table:not([aria-busy="true"])');
}

test('from one chat an agent makes each item and relates a ticket; each opens from its list; an outsider sees none', async () => {
  const alice = (await newPerson(browser, baseUrl)).page;
  const bob = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice, bob }, 'items'));
  const tag = uniqueTag();
  const customer = `Petra ${tag}`;
  const email = `petra.${tag}@example.test`;
  const chatId = await startChatByApi(baseUrl, { name: customer, email, question: 'The blender lid cracked', groupId: 'sales' });
  // A ticket that exists already, to be found by its number and related.
  const admin = await signInApi(baseUrl, 'admin@switchboard.local');
  const earlier = await admin.post<{ ticket: { id: string; number: number } }>('/api/tickets', {
    subject: `Earlier blender ${tag}`,
    groupId: 'sales',
    customerName: customer,
    customerEmail: email,
  });

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  await alice.locator(`tbody tr[data-chat-id="${chatId}"]`).click();
  const view = pane(alice);
  await view.getByText('The blender lid cracked').waitFor();
  await view.getByRole('toolbar', { name: 'Chat actions' }).getByRole('button', { name: 'Take' }).click();
  await view.getByRole('textbox', { name: 'Message' }).waitFor();

  const ticket = await addFromMenu(view, 'New Ticket…', 'New ticket');
  await ticket.getByLabel('Subject').fill(`Cracked lid ${tag}`);
  await ticket.getByLabel('Priority').selectOption({ label: 'High' });
  await ticket.getByRole('button', { name: 'Create ticket' }).click();
  await ticket.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Related Items (1)' }).waitFor();

  const task = await addFromMenu(view, 'New Task…', 'New task');
  await task.getByLabel('Title').fill(`Ship a new lid ${tag}`);
  await task.getByRole('button', { name: 'Create task' }).click();
  await task.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Related Items (2)' }).waitFor();

  const call = await addFromMenu(view, 'New Call Log…', 'New call log');
  expect(await call.getByLabel('Customer').inputValue()).toBe(customer);
  await call.getByLabel('Phone number').fill('not a phone');
  await call.getByLabel('Duration (minutes)').fill('4');
  await call.getByRole('button', { name: 'Log call' }).click();
  await call.getByRole('alert').getByText('Phone: a phone number').waitFor();
  await call.getByLabel('Phone number').fill('+1 555 0100');
  await call.getByRole('button', { name: 'Log call' }).click();
  await call.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Related Items (3)' }).waitFor();

  const timeLog = await addFromMenu(view, 'New Time Log…', 'New time log');
  await timeLog.getByLabel('Minutes').fill('12');
  await timeLog.getByRole('button', { name: 'Log time' }).click();
  await timeLog.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Time Logs (1)' }).waitFor();

  const relate = await addFromMenu(view, 'Related Item…', 'Relate an item');
  await relate.getByLabel('Find by number, subject or customer').fill(`#${earlier.ticket.number}`);
  await relate.getByRole('button', { name: 'Search' }).click();
  await relate.getByRole('button', { name: `Relate Ticket #${earlier.ticket.number}: Earlier blender ${tag}` }).click();
  await relate.waitFor({ state: 'detached' });
  await view.getByRole('tab', { name: 'Related Items (4)' }).click();
  const related = view.getByRole('table').filter({ hasText: 'Items related to this chat' });
  expect(await related.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-related')).sort())).toEqual(['call', 'task', 'ticket', 'ticket']);
  expect(await axeViolations(alice.mainFrame())).toEqual([]);
  // History says so too.
  await view.getByRole('tab', { name: 'History' }).click();
  await view.getByText(`related Ticket #${earlier.ticket.number}: Earlier blender ${tag}`).waitFor();

  // The ticket opens from its group's list, with the chat as its first entry, and takes a reply.
  const tickets = await showDesk(alice, 'Group Tickets', 'Sales: Open Tickets');
  const row = tickets.locator('tbody tr', { hasText: `Cracked lid ${tag}` });
  await row.getByRole('button').click();
  const item = alice.getByRole('region', { name: 'Item' });
  await item.getByRole('heading', { name: new RegExp(`Cracked lid ${tag}`) }).waitFor();
  await item.getByText('The blender lid cracked').waitFor();
  await item.getByRole('list', { name: 'Related items' }).getByText(`Chat with ${customer}`).waitFor();
  await item.getByLabel('Reply or note').fill(`A new lid is on its way ${tag}`);
  await item.getByRole('button', { name: 'Send reply to customer' }).click();
  await item.getByText(`Reply by Alice Agent, emailed to ${email}`).waitFor();
  await expect.poll(async () => (await sentEmails(mailDir)).some((m) => m.includes(`A new lid is on its way ${tag}`))).toBe(true);
  const ticketId = await item.locator('article[data-ticket-id]').getAttribute('data-ticket-id');
  // The Help Desk's list and item pass axe-core.
  expect(await axeViolations(alice.mainFrame())).toEqual([]);
  // New Ticket assigned it to Alice (its "Assign to me" is on by default): it is in My Tickets.
  await item.getByRole('button', { name: 'Unassign' }).waitFor();
  const myTickets = await showDesk(alice, 'My Tickets', 'My Tickets');
  await myTickets.getByText(`Cracked lid ${tag}`).waitFor();

  // The task is in My Tasks; the call log in My Call Logs.
  const tasks = await showDesk(alice, 'My Tasks', 'My Tasks');
  await tasks.getByRole('button', { name: `Ship a new lid ${tag}` }).click();
  await item.getByRole('button', { name: 'Mark done' }).click();
  await item.getByRole('button', { name: 'Mark not done' }).click();
  // The task is fetched again after each change: wait for it, so the form below is the new one's.
  await item.getByRole('button', { name: 'Mark done' }).waitFor();
  // Renamed and given to nobody else: only the title is sent, and the list follows.
  await item.getByText('Change the task').click();
  await item.getByLabel('Title').fill(`Ship a new lid today ${tag}`);
  await item.getByRole('button', { name: 'Save task' }).click();
  await item.getByRole('heading', { name: `Task: Ship a new lid today ${tag}` }).waitFor();
  await tasks.getByRole('button', { name: `Ship a new lid today ${tag}` }).waitFor();
  const calls = await showDesk(alice, 'My Call Logs', 'My Call Logs');
  await calls.locator('tbody tr', { hasText: customer }).getByRole('button').click();
  await item.getByRole('heading', { name: new RegExp(`Call log #\\d+: ${customer}`) }).waitFor();
  await item.getByLabel('Notes').fill(`Promised a lid ${tag}`);
  await item.getByRole('button', { name: 'Save notes' }).click();
  await item.getByRole('status').filter({ hasText: 'Call log saved.' }).waitFor({ state: 'attached' });
  // A related chat opens back in the chat lists' preview.
  await item.getByRole('button', { name: `Chat with ${customer} (Sales)` }).click();
  await pane(alice).getByText('The blender lid cracked').waitFor();

  // Bob is in Support only: none of it exists for him.
  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  expect(await apiFromPage(bob, 'GET', `/api/tickets/${ticketId}`)).toBe(404);
  expect(await apiFromPage(bob, 'GET', `/api/related/chat/${chatId}`)).toBe(404);
  const bobTickets = await showDesk(bob, 'Group Tickets', 'Support: Open Tickets');
  expect(await bobTickets.getByText(`Cracked lid ${tag}`).count()).toBe(0);
  await showDesk(bob, 'My Call Logs', 'My Call Logs');
  expect(await bob.getByText(customer).count()).toBe(0);
});
