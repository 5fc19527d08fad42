// "This solved my problem": a visitor reads a suggested article and goes no further. The knowledge
// base counts the deflection and no chat is created, so nobody on staff sees the visitor.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import type { ChatListRow } from '../../objects/protocol.ts';
import { launchBrowser, newPerson, screenshot } from './browser.ts';
import { publishArticle, signInApi, startThirdPartySite, unique, widgetIn, type StaffApi, type ThirdPartySite } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: StaffApi;
let site: ThirdPartySite;
const articleIds: string[] = [];

interface KbStats {
  articles: { id: string; deflections: number }[];
  deflections: number;
  chatsStarted: number;
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  site = await startThirdPartySite(baseUrl, { group: 'support' });
});

afterAll(async () => {
  for (const id of articleIds) await admin.del(`/api/admin/kb/${id}`).catch(() => undefined);
  await site?.close();
  await browser?.close();
});

test('a visitor whose question an article answers is counted as a deflection and starts no chat', async () => {
  const tag = unique();
  const word = `gaiter${tag}`;
  const title = `Sizing your ${word} gaiters`;
  const articleId = await publishArticle(admin, title, 'Measure your calf at its widest point.\nPick the size above if between two.');
  articleIds.push(articleId);
  const visitorName = `Fern ${tag}`;
  const before = await admin.get<KbStats>('/api/admin/kb/stats');

  const { page } = await newPerson(browser, site.url);
  onTestFailed(() => screenshot({ visitor: page }, 'widget-deflection'));
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const widget = widgetIn(page);
  await widget.getByLabel('Your name').fill(visitorName);
  await widget.getByLabel('Email').fill(`fern.${tag}@example.test`);
  await widget.getByLabel('Your question').fill(`Which size of ${word} should I buy?`);
  await widget.getByRole('button', { name: 'Start chat' }).click();

  await widget.getByRole('button', { name: title }).click();
  await widget.getByText('Measure your calf at its widest point.', { exact: false }).waitFor();
  await widget.getByRole('button', { name: 'This solved my problem' }).click();
  await widget.getByRole('heading', { name: 'Glad we could help' }).waitFor();

  const after = await admin.get<KbStats>('/api/admin/kb/stats');
  expect(after.deflections).toBe(before.deflections + 1);
  expect(after.articles.find((a) => a.id === articleId)?.deflections).toBe(1);
  expect(after.chatsStarted).toBe(before.chatsStarted);
  const { chats } = await admin.get<{ chats: ChatListRow[] }>('/api/chats?view=global');
  expect(chats.filter((c) => c.visitorName === visitorName)).toEqual([]);
});
