// The launcher on a website, in a real browser: it says whether anyone is online (Switchboard's
// word, which the demo page shows too), counts replies that arrive while the chat is closed with a
// short sound (unless the site switched it off), keeps the panel open or closed across reloads as
// the visitor left it, and ends with a five-star survey answered by a click.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed.ts';
import { endChat, launchBrowser, newPerson, screenshot, send, showView, signIn, startChat } from './browser.ts';
import { signInApi, startThirdPartySite, unique, widgetIn, type StaffApi, type ThirdPartySite } from './customer.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: StaffApi;
const sites: ThirdPartySite[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInApi(baseUrl, 'admin@switchboard.local');
});

afterAll(async () => {
  for (const site of sites) await site.close();
  await browser?.close();
});

async function site(data: Record<string, string>): Promise<ThirdPartySite> {
  const made = await startThirdPartySite(baseUrl, data);
  sites.push(made);
  return made;
}

/** Counts the tones the page plays (the launcher's reply sound is one oscillator per tone). */
async function countTones(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { tones: number };
    counted.tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      counted.tones++;
      return create.call(this);
    };
  });
}
const tones = (page: Page) => page.evaluate(() => (window as unknown as { tones: number }).tones);

test("says whether anyone is online from Switchboard's answer, on the launcher and on the demo page", async () => {
  const tag = unique();
  // A group whose only member is an administrator who is signed in from Node (no console open).
  const { agents } = await admin.get<{ agents: { id: string; email: string }[] }>('/api/admin/agents');
  const ada = agents.find((a) => a.email === 'admin@switchboard.local')!;
  const { id: emptyGroup } = await admin.post<{ id: string }>('/api/admin/groups', { name: `Night shift ${tag}`, memberIds: [ada.id] });
  const nobody = await site({ group: emptyGroup });
  const shop = (await newPerson(browser, nobody.url)).page;
  const alice = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ shop, alice }, 'launcher-online'));

  await shop.goto(nobody.url);
  await shop.getByRole('button', { name: 'Chat with us' }).getByText('Nobody is online: leave a message').waitFor();

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  const demo = (await newPerson(browser, baseUrl)).page;
  await demo.goto('/demo.html');
  await demo.getByRole('button', { name: 'Chat with us' }).getByText('We are online').waitFor();
  await demo.getByText('Our team is online now.').waitFor();
  expect(await demo.getByText('Nobody is online right now.').isVisible()).toBe(false);
});

test('counts replies that arrive while closed, with a sound, across a reload; the panel stays as the visitor left it', async () => {
  const tag = unique();
  const shopSite = await site({});
  const visitorSide = await newPerson(browser, shopSite.url);
  const shop = visitorSide.page;
  await countTones(shop);
  const alice = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ shop, alice }, 'launcher-unread'));
  const vic = { name: `Vic ${tag}`, email: `vic.${tag}@example.test`, question: `Can the ${tag} stove burn alcohol?`, group: 'Sales' };

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  await shop.goto(shopSite.url);
  const launcher = shop.getByRole('button', { name: /Chat with us|Close chat/ });
  await launcher.click();
  const widget = widgetIn(shop);
  await startChat(widget, vic);
  await alice.locator('tbody tr[data-chat-id]', { hasText: vic.name }).click();
  const pane = alice.getByRole('region', { name: 'Chat preview' });
  await pane.getByRole('button', { name: 'Take', exact: true }).click();
  await widget.getByText('Alice Agent has joined the chat', { exact: false }).waitFor();

  // Closed: a reply is counted on the launcher, with a tone.
  await launcher.click();
  await shop.getByRole('button', { name: 'Chat with us' }).waitFor();
  await send(pane, `Yes, any burner fuel (${tag}).`);
  await launcher.getByText('1 unread').waitFor();
  await expect.poll(() => tones(shop)).toBe(1);

  // A reload keeps it closed and the count true (the chat loads hidden to keep counting).
  await shop.reload();
  await shop.getByRole('button', { name: 'Chat with us' }).getByText('1 unread').waitFor();
  expect(await shop.locator('iframe[title="Live chat"]').isVisible()).toBe(false);
  await send(pane, `And it packs small (${tag}).`);
  await launcher.getByText('2 unread').waitFor();

  // Opened: both replies are there and nothing is unread; a reload keeps it open.
  await launcher.click();
  await widget.getByText(`And it packs small (${tag}).`).waitFor();
  await expect.poll(() => launcher.textContent()).not.toContain('unread');
  await shop.reload();
  await widgetIn(shop).getByText(`And it packs small (${tag}).`).waitFor();
  await shop.getByRole('button', { name: 'Close chat' }).waitFor();
  expect(await shop.getByRole('button', { name: 'Close chat' }).textContent()).not.toContain('unread');

  // The survey: a row of stars; a click on the fifth says Excellent, then an optional comment.
  await endChat(pane);
  const stars = widgetIn(shop).getByRole('group', { name: 'How would you rate this chat?' });
  await stars.waitFor();
  await stars.locator('label.star-choice').nth(4).click();
  expect(await widgetIn(shop).getByRole('radio', { name: '5 – Excellent' }).isChecked()).toBe(true);
  await expect.poll(() => stars.locator('.star-caption').textContent()).toBe('Excellent');
  await widgetIn(shop).getByLabel('Comment (optional)').fill('Fast!');
  await widgetIn(shop).getByRole('button', { name: 'Send rating' }).click();
  await widgetIn(shop).getByText('Thank you for your feedback!').waitFor();
});

test('plays no sound where the site said data-sound="off", and still counts', async () => {
  const tag = unique();
  const quiet = await site({ sound: 'off' });
  const shop = (await newPerson(browser, quiet.url)).page;
  await countTones(shop);
  const alice = (await newPerson(browser, baseUrl)).page;
  onTestFailed(() => screenshot({ shop, alice }, 'launcher-quiet'));
  const una = { name: `Una ${tag}`, email: `una.${tag}@example.test`, question: `Is the ${tag} lantern waterproof?`, group: 'Sales' };

  await signIn(alice, 'alice@switchboard.local', DEMO_PASSWORD);
  await showView(alice, 'Queue');
  await shop.goto(quiet.url);
  const launcher = shop.getByRole('button', { name: /Chat with us|Close chat/ });
  await launcher.click();
  await startChat(widgetIn(shop), una);
  await alice.locator('tbody tr[data-chat-id]', { hasText: una.name }).click();
  const pane = alice.getByRole('region', { name: 'Chat preview' });
  await pane.getByRole('button', { name: 'Take', exact: true }).click();
  await widgetIn(shop).getByText('Alice Agent has joined the chat', { exact: false }).waitFor();
  await launcher.click();
  await send(pane, `It is (${tag}).`);
  await launcher.getByText('1 unread').waitFor();
  expect(await tones(shop)).toBe(0);
  await endChat(pane);
});
