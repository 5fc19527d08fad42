// The Administration page's customer-side content in a real browser: an administrator writes a
// knowledge-base article from the console, publishes it (the public search finds it) and
// unpublishes it (the search no longer does); then creates a chat link and a custom field, and
// the public config for that link shows both.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { launchBrowser, newPerson, openAdministration, screenshot, signIn, uniqueTag } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Config = { link: { slug: string; name: string; groupId: string; fields: Record<string, string> } | null; fields: { key: string; label: string; required: boolean }[] };

async function getPublic(path: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`);
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function searchTitles(word: string): Promise<string[]> {
  const found = (await getPublic(`/api/public/kb/search?q=${encodeURIComponent(word)}`)) as { articles: { title: string }[] };
  return found.articles.map((a) => a.title);
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, 'admin@switchboard.local', DEMO_PASSWORD);
  await openAdministration(page);
}

test('an article written and published in the console is found by the public search, and unpublishing hides it', async () => {
  const { page } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ admin: page }, 'admin-content-kb'));
  const word = `zq${uniqueTag()}`;
  const title = `Returning a parcel ${word}`;
  await signInAsAdmin(page);

  const kb = page.getByRole('region', { name: 'Knowledge base' });
  await kb.getByRole('heading', { name: 'New article' }).waitFor();
  await kb.getByLabel('Title', { exact: true }).fill(title);
  await kb.getByLabel('Body', { exact: true }).fill('Print the label from your order page and drop the parcel at any post office.');
  await kb.getByRole('button', { name: 'Save', exact: true }).click();

  const row = kb.locator('tbody tr[data-article-id]').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
  await expect.poll(() => row.locator('td').first().textContent()).toBe('Draft');
  expect(await searchTitles(word)).not.toContain(title);

  await row.getByRole('button', { name: `Publish ${title}` }).click();
  await expect.poll(() => row.locator('td').first().textContent()).toBe('Published');
  await expect.poll(() => searchTitles(word)).toContain(title);

  await row.getByRole('button', { name: `Unpublish ${title}` }).click();
  await expect.poll(() => row.locator('td').first().textContent()).toBe('Draft');
  await expect.poll(() => searchTitles(word)).not.toContain(title);

  // Deleting asks once more, in place.
  await row.getByRole('button', { name: `Delete ${title}` }).click();
  await row.getByRole('button', { name: 'Delete article' }).click();
  await row.waitFor({ state: 'detached' });
});

test('a chat link and a custom field created in the console appear in the public config for that link', async () => {
  const { page } = await newPerson(browser, baseUrl);
  onTestFailed(() => screenshot({ admin: page }, 'admin-content-links'));
  const tag = uniqueTag();
  const slug = `spring-${tag}`;
  const key = `order-${tag}`;
  await signInAsAdmin(page);
  // The server lives for the whole run: a required field left behind would refuse later tests' chats.
  try {
    await createBoth(page, tag, slug, key);
  } finally {
    await page.evaluate(
      async (paths) => {
        for (const path of paths) await fetch(path, { method: 'DELETE' });
      },
      [`/api/admin/fields/${key}`, `/api/admin/links/${slug}`],
    );
  }
});

async function createBoth(page: Page, tag: string, slug: string, key: string): Promise<void> {
  const links = page.getByRole('region', { name: 'Chat links' });
  // Before an address is typed, the hint shows a real one; then the one typed.
  await links.getByText(`Customers open an address like ${baseUrl}/chat/spring-sale`).waitFor();
  await links.getByLabel('Link name', { exact: true }).fill(`Spring sale ${tag}`);
  await links.getByLabel('Address', { exact: true }).fill(slug);
  await links.getByText(`Customers open ${baseUrl}/chat/${slug}`).waitFor();
  await links.getByLabel('Group', { exact: true }).selectOption({ label: 'Sales' });
  await links.getByLabel(/Preset fields/).fill(`campaign=spring-${tag}`);
  await links.getByRole('button', { name: 'Add link' }).click();
  const linkRow = links.locator(`tbody tr[data-link-slug="${slug}"]`);
  await expect.poll(() => linkRow.getByRole('textbox').inputValue()).toBe(`${baseUrl}/chat/${slug}`);

  const fields = page.getByRole('region', { name: 'Custom fields' });
  await fields.getByLabel('Key', { exact: true }).fill(key);
  await fields.getByLabel('Label', { exact: true }).fill(`Order number ${tag}`);
  await fields.getByLabel('Type', { exact: true }).selectOption('text');
  await fields.getByLabel('Required', { exact: true }).check();
  await fields.getByRole('button', { name: 'Add field' }).click();
  await fields.locator(`tbody tr[data-field-key="${key}"]`).waitFor();

  const config = (await getPublic(`/api/public/config?link=${slug}`)) as Config;
  expect(config.link).toEqual({ slug, name: `Spring sale ${tag}`, groupId: 'sales', fields: { campaign: `spring-${tag}` } });
  expect(config.fields).toContainEqual(expect.objectContaining({ key, label: `Order number ${tag}`, required: true, type: 'text' }));

  // And both go again from the console.
  const fieldRow = fields.locator(`tbody tr[data-field-key="${key}"]`);
  await fieldRow.getByRole('button', { name: `Delete Order number ${tag}` }).click();
  await fieldRow.getByRole('button', { name: 'Delete field' }).click();
  await fieldRow.waitFor({ state: 'detached' });
  await linkRow.getByRole('button', { name: `Delete Spring sale ${tag}` }).click();
  await linkRow.getByRole('button', { name: 'Delete link' }).click();
  await linkRow.waitFor({ state: 'detached' });
  const after = (await getPublic('/api/public/config')) as Config;
  expect(after.fields.map((f) => f.key)).not.toContain(key);
}
