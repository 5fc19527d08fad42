// Agent assistance's relevance, measured on the labelled set (labelled-set.ts): its articles are
// published through the administrator's routes, each question is told as a chat (the customer's
// lines from their socket, the agent's from theirs), and the route's suggestions are scored:
// precision at 3, how often a right article is among the first three, and how often it is first.
// Then what must never shape a suggestion: coaching and comments, and another group's resolutions.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssistanceResponse } from '../../../worker/assistance/wire.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, startChat, type TestSocket, type World } from '../helpers.ts';
import { ARTICLES, type LabelledQuestion, QUESTIONS } from './labelled-set.ts';

/**
 * The figures this ranking reached when it was written (printed by the first test: P@3 0.356 of
 * at most 0.378, a right article in the top 3 for 29 of 30 chats, first for 28), less a margin of
 * two chats for changes to come.
 */
const FLOOR = { precisionAt3: 0.33, inTop3: 0.9, first: 0.86 };
/** What the issue asks of any ranking: a right article among the first three for 4 questions in 5. */
const REQUIRED_IN_TOP_3 = 0.8;

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function suggestions(chatId: string, cookie: string): Promise<AssistanceResponse> {
  const res = await api(`/api/chats/${chatId}/assistance`, { headers: { Cookie: cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as AssistanceResponse;
}

/** Waits until the socket has heard the event that stores the line it sent. */
async function say(socket: TestSocket, id: string, type: 'send' | 'coach', text: string): Promise<void> {
  socket.send({ type, id, text });
  for (;;) {
    const frame = await socket.next();
    if (frame.type === 'event' && 'clientId' in frame.event && frame.event.clientId === id) return;
    if (frame.type === 'error') throw new Error(`refused: ${frame.message}`);
  }
}

/** A chat in group A told as the question says: the first customer line starts it, Alice takes it for the rest and ends it. */
async function tell(world: World, alice: string, question: LabelledQuestion): Promise<string> {
  const [first, ...rest] = question.said;
  const { chatId, token } = await startChat(world.groupA, first!.text);
  if (rest.length === 0) return chatId;
  expect((await send('POST', `/api/chats/${chatId}/take`, alice)).status).toBe(200);
  const visitor = await connectVisitor(chatId, token);
  const agent = await connectAgent(chatId, alice);
  await Promise.all([visitor.replay(), agent.replay()]);
  for (const [i, line] of rest.entries()) await say(line.by === 'customer' ? visitor : agent, `line-${i}`, 'send', line.text);
  visitor.close();
  agent.close();
  // Ended, so Alice is free for the next one (she may hold only so many at once); the
  // conversation is what it was.
  expect((await send('POST', `/api/chats/${chatId}/end`, alice)).status).toBe(200);
  return chatId;
}

async function publish(adam: string, title: string, body: string): Promise<string> {
  const made = await send('POST', '/api/admin/kb', adam, { title, body });
  expect(made.status).toBe(201);
  const { id } = (await made.json()) as { id: string };
  expect((await send('POST', `/api/admin/kb/${id}/publish`, adam)).status).toBe(200);
  return id;
}

let world: World;
let alice: string;
let adam: string;
const keyOf = new Map<string, string>();

beforeAll(async () => {
  world = await seedWorld();
  [alice, adam] = await Promise.all([signInAs(world.alice), signInAs(world.adam)]);
  for (const a of ARTICLES) keyOf.set(await publish(adam, a.title, a.body), a.key);
});

describe('assistance on the labelled set', () => {
  it('suggests an article that answers the question, mostly first and nearly always in the first three', async () => {
    const scored = [];
    for (const question of QUESTIONS) {
      const chatId = await tell(world, alice, question);
      const { articles, terms } = await suggestions(chatId, alice);
      const top3 = articles.slice(0, 3).map((a) => keyOf.get(a.id) ?? `other:${a.title}`);
      const right = top3.filter((k) => question.answers.includes(k)).length;
      scored.push({ question: question.said.at(-1)!.text, answers: question.answers, top3, terms, right, first: question.answers.includes(top3[0] ?? '') });
    }
    const n = scored.length;
    const precisionAt3 = scored.reduce((sum, s) => sum + s.right / 3, 0) / n;
    // P@3 counts right articles among three: a chat with one right answer scores a third at best.
    const ceiling = QUESTIONS.reduce((sum, q) => sum + Math.min(3, q.answers.length) / 3, 0) / n;
    const inTop3 = scored.filter((s) => s.right > 0).length / n;
    const first = scored.filter((s) => s.first).length / n;
    // The figures, and every miss with what was searched for, for whoever tunes the ranking next.
    console.log(
      `assistance on ${n} chats, ${ARTICLES.length} articles: P@3 ${precisionAt3.toFixed(3)} (at most ${ceiling.toFixed(3)}), ` +
        `a right article in the top 3 ${(inTop3 * 100).toFixed(0)}%, first ${(first * 100).toFixed(0)}%`,
    );
    for (const s of scored.filter((s) => !s.first)) console.log(`  ${s.right > 0 ? 'not first' : 'MISSED'}: "${s.question}" wants ${s.answers.join('|')}, got ${s.top3.join(', ')} (searched: ${s.terms.join(' ')})`);
    expect(inTop3).toBeGreaterThanOrEqual(REQUIRED_IN_TOP_3);
    expect(inTop3).toBeGreaterThanOrEqual(FLOOR.inTop3);
    expect(first).toBeGreaterThanOrEqual(FLOOR.first);
    expect(precisionAt3).toBeGreaterThanOrEqual(FLOOR.precisionAt3);
  });

  it('links each article where a customer can read it, with a snippet of what matched', async () => {
    const chatId = await tell(world, alice, { said: [{ by: 'customer', text: 'How long does express delivery take to Norway?' }], answers: [] });
    const [best] = (await suggestions(chatId, alice)).articles;
    expect(keyOf.get(best!.id)).toBe('shipping-times');
    expect(best).toMatchObject({ title: 'Shipping times and delivery', url: `http://switchboard.test/kb/${best!.id}` });
    // The passage around what matched, from the article's own text.
    expect(best!.snippet.toLowerCase()).toMatch(/delivery|express|norway/);
    expect(ARTICLES.find((a) => a.key === 'shipping-times')!.body).toContain(best!.snippet.replace(/^…|…$/g, ''));
    const page = await api(`/kb/${best!.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<h1>Shipping times and delivery</h1>');
  });

  it('serves an article’s page as text (never as markup), and no page for a draft', async () => {
    const id = await publish(adam, 'Markup <b>in</b> a title', 'First line\nsecond line <img src=x onerror=alert(1)>\n\nAnother paragraph');
    const html = await (await api(`/kb/${id}`)).text();
    expect(html).toContain('<h1>Markup &lt;b&gt;in&lt;/b&gt; a title</h1>');
    expect(html).toContain('<p>First line<br />second line &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('<p>Another paragraph</p>');
    expect((await send('POST', `/api/admin/kb/${id}/unpublish`, adam)).status).toBe(200);
    expect((await api(`/kb/${id}`)).status).toBe(404);
  });
});

describe('what never shapes a suggestion', () => {
  it('is coaching or a comment: a word only they hold pulls no article', async () => {
    const walrus = await publish(adam, 'Walrus mode for power users', 'Walrus mode makes every screen denser. Turn it on under Display → Walrus mode.');
    const quokka = await publish(adam, 'The quokka tier', 'The quokka tier is our plan for schools and charities.');
    const mona = await signInAs(world.mona);
    const { chatId, token } = await startChat(world.groupA, 'My card expired and the charge was declined');
    expect((await send('POST', `/api/chats/${chatId}/take`, alice)).status).toBe(200);
    const coach = await connectAgent(chatId, mona);
    await coach.replay();
    await say(coach, 'coach-1', 'coach', 'Tell them about walrus mode, walrus walrus');
    expect((await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'general', text: 'Might qualify for the quokka tier' })).status).toBe(201);
    coach.close();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    await say(visitor, 'v-1', 'send', 'It is the card ending 4242');
    visitor.close();

    const { articles, terms } = await suggestions(chatId, alice);
    expect(terms).not.toContain('walrus');
    expect(terms).not.toContain('quokka');
    expect(articles.map((a) => a.id)).not.toContain(walrus);
    expect(articles.map((a) => a.id)).not.toContain(quokka);
    expect(keyOf.get(articles[0]!.id)).toBe('payment-method');
  });

  it('is a resolution of a group the caller is not in: the agents of its groups and administrators see it', async () => {
    const [bob, carol] = await Promise.all([signInAs(world.bob), signInAs(world.carol)]);
    // A chat in group B, solved; Bob (groups A and B) and Carol (B) may see it, Alice (A) may not.
    const solved = await startChat(world.groupB, 'The espresso machine descaling light keeps blinking');
    expect((await send('POST', `/api/chats/${solved.chatId}/take`, carol)).status).toBe(200);
    const resolution = 'Descaling light: hold both cup buttons for five seconds to reset it after descaling.';
    expect((await send('POST', `/api/chats/${solved.chatId}/comments`, carol, { kind: 'resolution', text: resolution })).status).toBe(201);
    // And a ticket of group A solved the same way (Alice may see it).
    const made = await send('POST', '/api/tickets', alice, { subject: 'Blinking light', groupId: world.groupA, customerName: 'Ann', customerEmail: 'ann@example.test' });
    const { ticket } = (await made.json()) as { ticket: { id: string; number: number } };
    const ticketResolution = 'The descaling light blinks until the machine is reset: both cup buttons, five seconds.';
    expect((await send('POST', `/api/tickets/${ticket.id}/entries`, alice, { kind: 'resolution', text: ticketResolution })).status).toBe(201);

    const { chatId } = await startChat(world.groupA, 'Why does the descaling light on my espresso machine keep blinking?');
    const texts = async (cookie: string) => (await suggestions(chatId, cookie)).resolutions.map((r) => r.text);
    expect(await texts(alice)).toEqual([ticketResolution]);
    expect((await texts(bob)).sort()).toEqual([resolution, ticketResolution].sort());
    expect((await texts(adam)).sort()).toEqual([resolution, ticketResolution].sort());
    const [fromTicket] = (await suggestions(chatId, alice)).resolutions;
    expect(fromTicket).toMatchObject({ from: { kind: 'ticket', id: ticket.id, label: `Ticket #${ticket.number}: Blinking light` }, authorName: 'Alice' });
    // Carol may not see the chat that asks (group A): the route does not exist for her.
    expect((await api(`/api/chats/${chatId}/assistance`, { headers: { Cookie: carol } })).status).toBe(404);
  });
});
