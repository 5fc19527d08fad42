// The pre-chat form with the administrator's custom fields: a live chat link (the full-page
// /widget.html?link=<slug>) presets the group and some fields, which are not asked again; what the
// visitor types is checked field by field; a refusal from the server is shown on the form.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { launchBrowser, newPerson, screenshot } from './browser.ts';
import { signInApi, startThirdPartySite, unique, widgetIn, type StaffApi, type ThirdPartySite } from './customer.ts';

const baseUrl = inject('baseUrl');
const slug = `orders-${unique()}`;
let browser: Browser;
let admin: StaffApi;
let site: ThirdPartySite;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
  await admin.post('/api/admin/fields', { key: 'topic', label: 'Topic', type: 'select', required: true, options: ['Orders', 'Returns'] });
  await admin.post('/api/admin/fields', { key: 'order-number', label: 'Order number', type: 'number', required: false });
  await admin.post('/api/admin/links', { slug, name: 'Order help', groupId: 'support', fields: { topic: 'Orders' } });
  // A site that presets a value the server will refuse (the field is not shown, so not fixable there).
  site = await startThirdPartySite(baseUrl, { group: 'support', fields: JSON.stringify({ 'order-number': 'twelve' }) });
});

afterAll(async () => {
  // Required fields would change every other file's form: they go first.
  await admin?.del('/api/admin/fields/topic').catch(() => undefined);
  await admin?.del('/api/admin/fields/order-number').catch(() => undefined);
  await admin?.del(`/api/admin/links/${slug}`).catch(() => undefined);
  await site?.close();
  await browser?.close();
});

test("a live chat link's full page presets the group and fields; a field in trouble is marked and named", async () => {
  const tag = unique();
  const { page } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ visitor: page }, 'widget-link'));
  await page.goto(`/widget.html?link=${slug}`);

  await page.getByRole('banner').getByText('Order help').waitFor();
  const orderNumber = page.getByLabel('Order number');
  await orderNumber.waitFor();
  expect(await page.getByLabel('Group').count()).toBe(0);
  expect(await page.getByLabel('Topic').count()).toBe(0);

  await page.getByLabel('Your name').fill(`Rowan ${tag}`);
  await page.getByLabel('Email').fill(`rowan.${tag}@example.test`);
  await page.getByLabel('Your question').fill(`Where is parcel ${tag}?`);
  await orderNumber.fill('twelve');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByText('Order number must be a number.').waitFor();
  expect(await orderNumber.getAttribute('aria-invalid')).toBe('true');
  expect(await orderNumber.evaluate((el) => el === document.activeElement)).toBe(true);

  await orderNumber.fill('12');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByText('Waiting for an agent…').waitFor();
  // The link's group took the chat.
  await page.getByRole('banner').getByText('Support').waitFor();
});

test("a required field is asked for, and the server's refusal of a site's preset is shown on the form", async () => {
  const tag = unique();
  const { page } = await newPerson(browser, site.url);
  onTestFailed(() => screenshot({ visitor: page }, 'widget-refusal'));
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const widget = widgetIn(page);

  const topic = widget.getByLabel('Topic');
  await topic.waitFor();
  expect(await widget.getByLabel('Order number').count()).toBe(0);
  await widget.getByLabel('Your name').fill(`Sage ${tag}`);
  await widget.getByLabel('Email').fill(`sage.${tag}@example.test`);
  await widget.getByLabel('Your question').fill(`Can I change parcel ${tag}?`);
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await widget.getByText('Topic is required.').waitFor();
  expect(await topic.getAttribute('aria-invalid')).toBe('true');

  await topic.selectOption('Returns');
  expect(await topic.getAttribute('aria-invalid')).toBe('false');
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await widget.getByRole('alert').getByText('Order number must be a number.').waitFor();
  expect(await widget.getByText('Waiting for an agent…').count()).toBe(0);
});
