// Search in a real browser (issue 16): an agent types a word from an old, long chat into the top
// bar's search, sees the chat among the results with the word marked, opens it, and lands on the
// message that matched: scrolled into view, marked and focused; a ticket result opens at its entry.
// The page passes axe-core.
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, screenshot, signIn, uniqueTag } from './browser.ts';
import { axeViolations, signInApi } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Sends the visitor's messages over the chat's socket, each stored before the next. */
async function visitorSays(chatId: string, token: string, texts: readonly string[]): Promise<void> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/visitor/chats/${chatId}/ws?token=${encodeURIComponent(token)}&after=0`, { headers: { origin: baseUrl } });
  const pending = [...texts];
  await new Promise<void>((resolve, reject) => {
    ws.on('error', reject);
    const next = () => {
      const text = pending.shift();
      if (text === undefined) return resolve();
      ws.send(JSON.stringify({ type: 'send', id: crypto.randomUUID(), text }));
    };
    ws.on('message', (data) => {
      const frames = [JSON.parse(data.toString())].flat() as { type: string; event?: { kind: string; clientId?: string } }[];
      for (const frame of frames) {
        if (frame.type === 'error') reject(new Error(`refused: ${data.toString()}`));
        if (frame.type === 'synced') next();
        else if (frame.type === 'event' && frame.event?.kind === 'message' && frame.event.clientId && !frame.event.clientId.startsWith('question:')) next();
      }
    });
  });
  ws.close();
}

test('an agent searches a word from an old chat, opens the result and lands on the marked message', async () => {
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice: page }, 'search'));
  const tag = uniqueTag();
  const word = `zipperpull${tag.replace(/[^a-z0-9]/gi, '')}`;
  const started = await fetch(`${baseUrl}/api/visitor/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Olga ${tag}`, email: `olga.${tag}@example.test`, question: 'A question about my jacket', groupId: 'sales' }),
  });
  expect(started.status).toBe(201);
  const { chatId, token } = (await started.json()) as { chatId: string; token: string };
  // A long conversation (within a socket's burst of 20): the message that matters is the third of eighteen.
  const lines = Array.from({ length: 18 }, (_, i) => (i === 2 ? `The ${word} came off on day two` : `Line ${i + 1} of my long story`));
  await visitorSays(chatId, token, lines);
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  await alice.post(`/api/chats/${chatId}/take`);
  await alice.post(`/api/chats/${chatId}/end`);
  // The chat's batch reaches the index through its search writer (about a second).
  await expect
    .poll(async () => ((await alice.get(`/api/search?q=${word}&kind=chat`)) as { pages: { hits: unknown[] }[] }).pages[0]!.hits.length, { timeout: 15_000 })
    .toBe(1);

  await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
  const box = page.getByRole('search', { name: 'Search everything' });
  await box.getByRole('searchbox').fill(word.toUpperCase());
  await box.getByRole('searchbox').press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
  const chats = page.getByRole('list', { name: 'Chats' });
  const result = chats.getByRole('listitem').filter({ hasText: `Olga ${tag}` });
  await result.locator('mark', { hasText: word }).waitFor();
  expect(await result.textContent()).toContain('came off on day two');
  expect(await axeViolations(page.mainFrame())).toEqual([]);

  await result.getByRole('button', { name: `Olga ${tag}` }).click();
  const pane = page.getByRole('region', { name: 'Chat preview' });
  const marked = pane.locator('.conversation .search-hit');
  await marked.waitFor();
  expect(await marked.textContent()).toContain(`The ${word} came off on day two`);
  // Focused and in view inside the conversation's scrolling box (not at its bottom, where it would open).
  expect(await marked.evaluate((el) => el === document.activeElement)).toBe(true);
  const inView = await marked.evaluate((el) => {
    const box = el.closest('.conversation')!.getBoundingClientRect();
    const at = el.getBoundingClientRect();
    return at.top >= box.top - 1 && at.bottom <= box.bottom + 1;
  });
  expect(inView).toBe(true);
});

test('a ticket result opens the ticket at the reply that matched, marked', async () => {
  const page = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ alice: page }, 'search-ticket'));
  const tag = uniqueTag();
  const word = `buckle${tag.replace(/[^a-z0-9]/gi, '')}`;
  const alice = await signInApi(baseUrl, 'alice@switchboard.local');
  const { ticket } = (await alice.post('/api/tickets', {
    subject: `Strap ${tag}`,
    groupId: 'sales',
    customerName: `Uma ${tag}`,
    customerEmail: `uma.${tag}@example.test`,
    text: 'The strap broke.',
  })) as { ticket: { id: string } };
  for (const text of ['Checking with the warehouse.', `A new ${word} is on its way.`, 'Closing this now.']) {
    await alice.post(`/api/tickets/${ticket.id}/entries`, { kind: 'note', text });
  }

  await signIn(page, 'alice@switchboard.local', DEMO_PASSWORD);
  const box = page.getByRole('search', { name: 'Search everything' });
  await box.getByRole('searchbox').fill(word);
  await box.getByRole('searchbox').press('Enter');
  const result = page.getByRole('list', { name: 'Tickets' }).getByRole('listitem').filter({ hasText: `Strap ${tag}` });
  await result.locator('mark', { hasText: word }).waitFor();
  // A note is staff's: the result says so.
  await result.getByText('Staff only').waitFor();
  await result.getByRole('button', { name: new RegExp(`Strap ${tag}`) }).click();
  const marked = page.locator('.ticket-thread .search-hit');
  await marked.waitFor();
  expect(await marked.textContent()).toContain(`A new ${word} is on its way.`);
  expect(await marked.evaluate((el) => el === document.activeElement)).toBe(true);
});
