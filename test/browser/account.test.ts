// A person's own session and presence in a real browser: signing in logs no error and no failed
// request; signing out everywhere ends every open console; a colleague's Online, Away and Offline
// reach the Team list as they happen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, signIn } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('opening the console and signing in logs no error and no failed request', async () => {
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ page }, 'account-quiet'));
  const noise: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') noise.push(`${message.type()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) noise.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => noise.push(`failed ${request.url()}`));
  await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
  await page.getByRole('navigation').first().waitFor();
  expect(noise).toEqual([]);
});

test('signing out everywhere ends the session in every browser', async () => {
  const here = (await newPerson(browser, baseUrl)).page;
  const elsewhere = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ here, elsewhere }, 'account'));

  await signIn(here, 'alice@switchboard.local', DEMO_PASSWORD);
  await signIn(elsewhere, 'alice@switchboard.local', DEMO_PASSWORD);

  const banner = here.getByRole('banner');
  await banner.getByText('Alice Agent').click(); // the account menu
  await banner.getByRole('button', { name: 'Sign out everywhere' }).click();

  await here.getByRole('button', { name: 'Sign in' }).waitFor();
  await elsewhere.getByRole('alert').getByText('Your session has ended. Please sign in again.').waitFor();
  // The old session is gone on the server too, not just in the page.
  const status = await elsewhere.evaluate(async () => (await fetch('/api/me')).status);
  expect(status).toBe(401);
});

test("a colleague's presence reaches the Team list live: online, away, then offline", async () => {
  const alice = await newPerson(browser, baseUrl);
  const bob = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice: alice.page, bob }, 'presence'));

  await signIn(bob, 'bob@switchboard.local', DEMO_PASSWORD);
  await signIn(alice.page, 'alice@switchboard.local', DEMO_PASSWORD);
  const team = bob.getByRole('list', { name: 'Team' });
  await team.getByText('Alice Agent (Online)').waitFor();

  await alice.page.getByRole('banner').getByLabel('My status').selectOption('away');
  await team.getByText('Alice Agent (Away)').waitFor();

  // Closing her last console is going offline; her name stays in Bob's list.
  await alice.context.close();
  await team.getByText('Alice Agent (Offline)').waitFor();
});
