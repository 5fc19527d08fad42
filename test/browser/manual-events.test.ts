// Manual events in a real browser: an administrator defines one on the Administration page (a
// refusal shown beside the field it names, then saved); an agent checks two chats in a list, runs
// the event on both from the list's Actions (…) menu and reads each action's outcome in the
// report; the History tab of each chat shows the run, action by action, the failed one with why.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, openAdministration, screenshot, showView, signIn, startChatByApi, uniqueTag } from './browser.ts';
import { signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
/** The demo's Support group (scripts/seed.ts): Bob is in it. */
const SUPPORT = 'support';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('an administrator defines an event: an unknown variable is refused beside its field, then it is saved', async () => {
  const admin = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ admin }, 'manual-events-admin'));
  const name = `Greet ${uniqueTag()}`;
  await signIn(admin, 'admin@switchboard.local', DEMO_PASSWORD);
  await openAdministration(admin);
  const section = admin.getByRole('region', { name: 'Manual events' });
  // The demo's events are listed.
  await section.locator('tr', { hasText: 'Escalate to Support' }).waitFor();

  await section.getByRole('button', { name: 'New manual event' }).click();
  const form = section.getByRole('form', { name: 'New manual event' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('checkbox', { name: 'Support' }).check();
  await form.getByLabel('New action').selectOption({ label: 'Add comment' });
  await form.getByRole('button', { name: 'Add action' }).click();
  const comment = form.getByRole('group', { name: 'Action 1: Add comment' }).getByLabel('Comment', { exact: true });
  await comment.fill('Hello {{customer.nickname}}');
  await form.getByRole('button', { name: 'Create event' }).click();

  await form.getByRole('alert').getByText('Unknown variable: {{customer.nickname}}', { exact: false }).waitFor();
  await expect.poll(() => comment.getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => comment.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await section.locator('tr', { hasText: name }).count()).toBe(0);

  await comment.fill('Hello {{customer.first_name|there}}');
  await form.getByRole('button', { name: 'Create event' }).click();
  const row = section.locator('tr', { hasText: name });
  await row.waitFor();
  expect(await row.textContent()).toContain('Add comment');
});

test('an agent runs an event on two checked chats from the list, and each chat’s History shows every action’s outcome', async () => {
  const bob = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ bob }, 'manual-events-run'));
  const tag = uniqueTag();
  const eventName = `Tidy up ${tag}`;
  const admin = await signInApi(baseUrl, 'admin@switchboard.local');
  await admin.post('/api/admin/manual-events', {
    name: eventName,
    groupIds: [SUPPORT],
    actions: [
      { type: 'add-comment', kind: 'general', text: 'Checked by {{agent.name}} for {{customer.first_name}}' },
      { type: 'follow-up', inMinutes: 30 },
      // Still in the Support queue: this one is refused (nothing to move), and the others stand.
      { type: 'transfer', to: { kind: 'group', groupId: SUPPORT } },
    ],
  });
  const names = [`Una ${tag}`, `Vic ${tag}`];
  const ids: string[] = [];
  for (const name of names) {
    ids.push(await startChatByApi(baseUrl, { name, email: `${name.split(' ')[0]!.toLowerCase()}.${tag}@example.test`, question: 'Where is my parcel?', groupId: 'support' }));
  }

  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  await showView(bob, 'Queue');
  const tools = bob.getByRole('toolbar', { name: 'List actions' });
  // Nothing checked: the menu says how to use it.
  await tools.getByRole('button', { name: 'Actions (…)' }).click();
  await bob.getByRole('menu', { name: 'Actions (…)' }).getByText('Check chats to run a manual event on them').waitFor();
  await bob.keyboard.press('Escape');

  for (const name of names) await bob.getByRole('checkbox', { name: `Select chat with ${name}` }).check();
  await tools.getByRole('button', { name: 'Actions (…)' }).click();
  await bob.getByRole('menu', { name: 'Actions (…)' }).getByRole('menuitem', { name: eventName }).click();

  const report = bob.locator(`.run-report[data-event-name="${eventName}"]`);
  await report.getByText(`${eventName}: 2 actions failed.`).waitFor();
  for (const [i, id] of ids.entries()) {
    const outcomes = report.getByRole('list', { name: `Outcomes for ${names[i]}` });
    await outcomes.waitFor();
    expect((await outcomes.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      `✓ Add comment: done. Added a general comment: Checked by Bob Agent for ${names[i]!.split(' ')[0]}`,
      expect.stringMatching(/^✓ Follow-up: done\. Follow-up scheduled for /),
      '✗ Transfer: failed. The chat is already in that queue.',
    ]);
    expect(await report.locator(`[data-chat-id="${id}"]`).count()).toBe(1);
  }

  // Read, the report is dismissed: the list has its room back.
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await report.waitFor({ state: 'detached' });

  for (const [i, id] of ids.entries()) {
    await bob.locator(`tbody tr[data-chat-id="${id}"]`).click();
    const pane = bob.locator(`article.pane[data-chat-id="${id}"]`);
    await pane.getByRole('tab', { name: 'History' }).click();
    const line = pane.getByRole('list', { name: 'History' }).locator('li[data-kind="manual-event"]');
    await line.getByText(`Bob Agent ran ${eventName}: 1 of 3 actions failed`).waitFor();
    expect(await line.getAttribute('class')).toContain('staff-only');
    const steps = line.getByRole('list', { name: 'Outcomes' }).getByRole('listitem');
    expect((await steps.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      `✓ Add comment: done. Added a general comment: Checked by Bob Agent for ${names[i]!.split(' ')[0]}`,
      expect.stringMatching(/^✓ Follow-up: done\. Follow-up scheduled for /),
      '✗ Transfer: failed. The chat is already in that queue.',
    ]);
    // The open chat's own Actions (…) menu offers the event too.
    await pane.getByRole('toolbar', { name: 'Chat actions' }).getByRole('button', { name: 'Actions (…)' }).click();
    await bob.getByRole('menu', { name: 'Actions (…)' }).getByRole('menuitem', { name: eventName }).waitFor();
    await bob.keyboard.press('Escape');
  }
});
