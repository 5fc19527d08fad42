// Search (issue 16) inside workerd: a chat's messages reach the index through its batches and its
// search writer; a person finds only what their groups and role let them open, at the moment they
// ask; staff-only text is in its own index and no customer's route reaches it; typed syntax never
// reaches FTS5; matches are marked; filters narrow; deleted and erased chats leave at once.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_FEED_MESSAGE_BYTES } from '../../../worker/search/feed.ts';
import { OVERVIEW_WINDOW } from '../../../worker/search/queries.ts';
import type { SearchHit, SearchResponse } from '../../../worker/search/wire.ts';
import { api, connectAgent, connectVisitor, seedWorld, signInAs, type TestSocket, type World } from '../helpers.ts';

/**
 * A word no other test writes (letters only, so it is one token). It ends in x, which no Porter
 * stemming rule takes off: the index keeps it whole, so any prefix of it finds it (a random ending
 * such as "…ement" was stemmed away, and a prefix test failed once in a clean-clone run).
 */
function uniqueWord(): string {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}x`;
}

/**
 * How long a message may take to become searchable here (the bench measures the real lag): room
 * for a batch its feed sends again (5 s later) on a busy test host. One run found nothing
 * within 10 s once, and did not again in eight runs.
 */
const INDEX_WAIT_MS = 20_000;

async function search(cookie: string, query: Record<string, string>): Promise<{ status: number; body: SearchResponse & { error?: { code: string } } }> {
  const res = await api(`/api/search?${new URLSearchParams(query)}`, { headers: { Cookie: cookie } });
  return { status: res.status, body: (await res.json()) as SearchResponse & { error?: { code: string } } };
}

async function hits(cookie: string, query: Record<string, string>): Promise<SearchHit[]> {
  const { status, body } = await search(cookie, { kind: 'chat', ...query });
  expect(status, JSON.stringify(body)).toBe(200);
  return body.pages.flatMap((p) => p.hits);
}

/** Waits until the search finds something (the feed and its writer are asynchronous by design). */
async function eventually(cookie: string, query: Record<string, string>, count = 1): Promise<SearchHit[]> {
  const deadline = Date.now() + INDEX_WAIT_MS;
  for (;;) {
    const found = await hits(cookie, query);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startChatAs(groupId: string, name: string, email: string, question: string): Promise<{ chatId: string; token: string }> {
  const res = await api('/api/visitor/chats', { method: 'POST', body: JSON.stringify({ name, email, question, groupId }) });
  expect(res.status).toBe(201);
  return res.json();
}

/** A chat in group A taken by Alice, with the visitor's and Alice's sockets open. */
async function liveChat(world: World, alice: string, email = 'vera@example.test') {
  const { chatId, token } = await startChatAs(world.groupA, 'Vera Visitor', email, 'Hello there');
  expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
  const visitor = await connectVisitor(chatId, token);
  const agent = await connectAgent(chatId, alice);
  return { chatId, token, visitor, agent };
}

/** Sends a message and waits until it is stored (its event comes back to the sender). */
async function say(socket: TestSocket, text: string): Promise<number> {
  const id = crypto.randomUUID();
  socket.send({ type: 'send', id, text });
  for (;;) {
    const frame = await socket.next();
    if (frame.type === 'event' && 'clientId' in frame.event && frame.event.clientId === id) return frame.event.seq;
  }
}

describe('a chat’s messages in the index', () => {
  it('are found by staff of the group, marked, and open at their place in the chat', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { chatId, visitor } = await liveChat(world, alice);
    const seq = await say(visitor, `My Parcel ${word} arrived damaged`);
    const [hit] = await eventually(alice, { q: word.toUpperCase() });
    expect(hit).toMatchObject({ kind: 'chat', ref: chatId, part: `m:${seq}`, author: 'Vera Visitor', title: 'Vera Visitor', staffOnly: false });
    expect(hit!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual([word]);
    expect(hit!.snippet.map((p) => p.text).join('')).toContain('arrived damaged');
  });

  it('fold accents and case, keep phrases together, and take prefixes', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { visitor } = await liveChat(world, alice);
    await say(visitor, `Le café ${word} était froid`);
    await say(visitor, `froid ${word} était le café`);
    expect(await eventually(alice, { q: `cafe ${word}` }, 2)).toHaveLength(2);
    expect(await hits(alice, { q: `"${word} était froid"` })).toHaveLength(1);
    expect(await hits(alice, { q: `${word.slice(0, 6)}* FROID` })).toHaveLength(2);
  });

  it('find a prefix ending in y after a vowel both in longer words and in what porter made of it', async () => {
    // Found by CI: a random word whose sixth letter was 'y' was not found by its first six
    // letters. The porter tokenizer stems a prefix query's term as it stems the text, so "key*"
    // searched "kei*": it found "keys" (indexed as "kei") and never "keyboard".
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { visitor } = await liveChat(world, alice);
    await say(visitor, `The keyboard ${word} is broken`);
    await say(visitor, `Both keys ${word} stick`);
    await say(visitor, `A payment ${word} and my key ${word}`);
    expect(await eventually(alice, { q: word }, 3)).toHaveLength(3);
    expect(await hits(alice, { q: `key* ${word}` })).toHaveLength(3);
    expect(await hits(alice, { q: `pay* ${word}` })).toHaveLength(1);
  });

  it('never hand what a person typed to FTS5 as syntax', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    // Each is words (searched as words) or nothing (refused as empty): never an FTS5 error.
    for (const q of ['body:secret', 'NEAR(a b)', '"unclosed', 'a OR', 'x AND -y', '^start', '{body}: x', 'col*umn', "o'brien", 'refun*']) {
      const { status, body } = await search(alice, { q });
      expect(status, `${q}: ${JSON.stringify(body)}`).toBe(200);
    }
    for (const q of ['(((', '" "', '***', '-']) expect((await search(alice, { q })).body.error?.code, q).toBe('search_empty');
    expect((await search(alice, { q: 'x'.repeat(201) })).body.error?.code).toBe('search_too_long');
    expect((await search(alice, { q: '' })).body.error?.code).toBe('search_empty');
    expect((await search(alice, { q: 'parcel', kind: 'nope' })).body.error?.code).toBe('invalid_query');
    expect((await search(alice, { q: 'parcel', from: '5', to: '4' })).body.error?.code).toBe('invalid_query');
  });
});

describe('who finds what', () => {
  it('finds nothing of another group, follows a transfer, and forgets a person removed from the group', async () => {
    const world = await seedWorld();
    const [alice, carol, bob] = await Promise.all([signInAs(world.alice), signInAs(world.carol), signInAs(world.bob)]);
    const word = uniqueWord();
    const { chatId, visitor } = await liveChat(world, alice);
    await say(visitor, `invoice ${word}`);
    expect(await eventually(alice, { q: word })).toHaveLength(1);
    // Carol is in group B only.
    expect(await hits(carol, { q: word })).toEqual([]);
    expect((await search(carol, { q: word, group: world.groupA })).body.error?.code).toBe('unknown_group');
    // Transferred to group B: Carol finds it, Alice (group A only) no longer does.
    const moved = await api(`/api/chats/${chatId}/transfer`, { method: 'POST', headers: { Cookie: alice }, body: JSON.stringify({ to: { kind: 'group', groupId: world.groupB } }) });
    expect(moved.status).toBe(200);
    expect(await eventually(carol, { q: word })).toHaveLength(1);
    expect(await hits(alice, { q: word })).toEqual([]);
    // Bob, in both groups, loses group B: his next search finds nothing of it.
    expect(await hits(bob, { q: word })).toHaveLength(1);
    await env.DB.prepare('DELETE FROM memberships WHERE agent_id = ? AND group_id = ?').bind(world.bob.id, world.groupB).run();
    expect(await hits(bob, { q: word })).toEqual([]);
  });

  it('keeps coaching and comments in the staff index: staff find them marked staff-only, no customer route can', async () => {
    const world = await seedWorld();
    const [alice, adam] = await Promise.all([signInAs(world.alice), signInAs(world.adam)]);
    const word = uniqueWord();
    const { chatId, token } = await liveChat(world, alice);
    const coach = await connectAgent(chatId, adam);
    const id = crypto.randomUUID();
    coach.send({ type: 'coach', id, text: `offer a refund ${word}` });
    const comment = await api(`/api/chats/${chatId}/comments`, { method: 'POST', headers: { Cookie: alice }, body: JSON.stringify({ kind: 'general', text: `customer was upset ${word}` }) });
    expect(comment.status).toBe(201);
    const found = await eventually(alice, { q: word }, 2);
    expect(found.map((h) => [h.part.slice(0, 2), h.staffOnly]).sort()).toEqual([['c:', true], ['m:', true]]);
    // Two tables, two indexes: the customer-visible one has none of it.
    const shown = await env.DB.prepare("SELECT count(*) AS n FROM search_text WHERE search_text MATCH ?").bind(`"${word}"`).first<{ n: number }>();
    expect(shown?.n).toBe(0);
    // What a customer can reach: the widget's article search, and the chat's own routes.
    const kb = await api(`/api/public/kb/search?q=${word}`);
    expect((await kb.json()) as unknown).toEqual({ articles: [] });
    const asVisitor = await api(`/api/search?q=${word}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(asVisitor.status).toBe(401);
  });
});

describe('filters, kinds and paging', () => {
  it('narrows by status, agent, rating, files, customer and date; pages through the rest', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const email = `${uniqueWord()}@example.test`;
    const { chatId, visitor, token } = await liveChat(world, alice, email);
    for (let i = 0; i < 5; i++) await say(visitor, `${word} number ${i}`);
    expect(await eventually(alice, { q: word }, 5)).toHaveLength(5);
    const count = async (extra: Record<string, string>) => (await hits(alice, { q: word, ...extra })).length;
    expect(await count({ status: 'active' })).toBe(5);
    expect(await count({ status: 'ended' })).toBe(0);
    expect(await count({ agent: world.alice.id })).toBe(5);
    expect(await count({ agent: world.bob.id })).toBe(0);
    expect(await count({ files: 'yes' })).toBe(0);
    expect(await count({ files: 'no' })).toBe(5);
    const { customerId } = (await (await api(`/api/customers/lookup?email=${encodeURIComponent(email)}`, { headers: { Cookie: alice } })).json()) as { customerId: string };
    expect(await count({ customer: customerId })).toBe(5);
    // Every kind at once with a filter naming the customer: the chat's kind starts from the
    // customer's chats (no walk of the words' newest matches), the others say what they found.
    const overview = await search(alice, { q: word, customer: customerId });
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.pages.find((p) => p.kind === 'chat')).toMatchObject({ total: 5, capped: false });
    expect(await count({ to: String(Date.now() - 60 * 60 * 1000) })).toBe(0);
    expect(await count({ from: String(Date.now() - 60 * 60 * 1000) })).toBe(5);
    // A rating once the customer rated the chat.
    expect((await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const rated = await api(`/api/visitor/chats/${chatId}/survey?token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify({ rating: 2, comment: '' }) });
    expect(rated.status).toBe(201);
    expect(await count({ rating: '2' })).toBe(5);
    expect(await count({ rating: '5' })).toBe(0);
    // Pages by date, newest first, and the total.
    const first = await search(alice, { q: word, kind: 'chat', sort: 'date', limit: '2' });
    const third = await search(alice, { q: word, kind: 'chat', sort: 'date', limit: '2', offset: '4' });
    expect(first.body.pages[0]).toMatchObject({ total: 5, capped: false });
    expect(first.body.pages[0]!.hits.map((h) => h.snippet.map((p) => p.text).join(''))).toEqual([`${word} number 4`, `${word} number 3`]);
    expect(third.body.pages[0]!.hits.map((h) => h.snippet.map((p) => p.text).join(''))).toEqual([`${word} number 0`]);
    // A filter that does not apply to a kind leaves it empty (a rating says nothing of tickets).
    const all = await search(alice, { q: word, rating: '2' });
    expect(all.body.pages.find((p) => p.kind === 'ticket')).toMatchObject({ hits: [], total: 0 });
  });

  it('finds everything from a date on, also what was indexed late or out of order, and nothing before it', async () => {
    // A date's start lets FTS5 stop at that day's first document id (queries.ts dateFloor). The
    // documents go in out of time order, as late batches and backfills do: today's first, then
    // ones from the start's day, the day before it, ten days back, and three days back last.
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { chatId } = await liveChat(world, alice);
    const day = 86_400_000;
    const from = Math.floor((Date.now() - 5 * day) / day) * day; // a day's first millisecond, 5 days back
    const docs: [part: string, at: number][] = [
      ['m:901', Date.now()],
      ['m:902', from],
      ['m:903', from - 1],
      ['m:904', from - 10 * day],
      ['m:905', from + 2 * day],
    ];
    for (const [part, at] of docs) {
      await env.DB.prepare("INSERT INTO search_docs (kind, ref, part, group_id, at, author, body) VALUES ('chat', ?, ?, ?, ?, 'Vera', ?)")
        .bind(chatId, part, world.groupA, at, `${word} ${part}`)
        .run();
    }
    const parts = async (query: Record<string, string>) => (await hits(alice, { q: word, ...query })).map((h) => h.part).sort();
    expect(await parts({})).toEqual(['m:901', 'm:902', 'm:903', 'm:904', 'm:905']);
    expect(await parts({ from: String(from) })).toEqual(['m:901', 'm:902', 'm:905']);
    expect(await parts({ from: String(from + 1) })).toEqual(['m:901', 'm:905']);
    expect(await parts({ from: String(from - 1), to: String(from + 1) })).toEqual(['m:902', 'm:903']);
    expect(await parts({ from: String(Date.now() + day) })).toEqual([]);
  });

  it('shows a few of every kind from the words’ newest matches, says so when it looked no further, and finds the rest under the kind', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const created = await api('/api/tickets', {
      method: 'POST',
      headers: { Cookie: alice },
      body: JSON.stringify({ subject: `Lost parcel ${word}`, groupId: world.groupA, customerName: 'Nina', customerEmail: 'nina@example.test', text: 'Where is it?' }),
    });
    expect(created.status).toBe(201);
    const overview = async () => Object.fromEntries((await search(alice, { q: word })).body.pages.map((p) => [p.kind, p]));
    expect((await overview())['ticket']).toMatchObject({ total: 1, capped: false });
    // Then the word in more newer chat messages than the overview looks through: the ticket is older than all of them.
    const { chatId } = await liveChat(world, alice);
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${OVERVIEW_WINDOW + 100})
       INSERT INTO search_docs (kind, ref, part, group_id, at, author, body) SELECT 'chat', ?, 'm:' || (1000 + i), ?, ?, 'Vera', ? || ' again ' || i FROM n`,
    )
      .bind(chatId, world.groupA, Date.now(), word)
      .run();
    const pages = await overview();
    expect(pages['chat']).toMatchObject({ capped: true });
    expect(pages['chat']!.hits).toHaveLength(3);
    expect(pages['ticket']).toMatchObject({ hits: [], total: 0, capped: true });
    // The kind's own search walks every match.
    const tickets = await search(alice, { q: word, kind: 'ticket' });
    expect(tickets.body.pages[0]).toMatchObject({ total: 1, capped: false });
    expect(tickets.body.pages[0]!.hits[0]!.title).toMatch(new RegExp(`Lost parcel ${word}$`));
  });

  it('finds tickets (replies shown, notes staff-only), call logs, customers and organizations', async () => {
    const world = await seedWorld();
    const [alice, adam] = await Promise.all([signInAs(world.alice), signInAs(world.adam)]);
    const word = uniqueWord();
    const created = await api('/api/tickets', {
      method: 'POST',
      headers: { Cookie: alice },
      body: JSON.stringify({ subject: `Broken zipper ${word}`, groupId: world.groupA, customerName: `Nina ${word}`, customerEmail: `${word}@example.test`, text: 'It broke' }),
    });
    expect(created.status).toBe(201);
    const { ticket } = (await created.json()) as { ticket: { id: string } };
    const note = await api(`/api/tickets/${ticket.id}/entries`, { method: 'POST', headers: { Cookie: alice }, body: JSON.stringify({ kind: 'note', text: `supplier fault ${word}` }) });
    expect(note.status).toBe(201);
    const call = await api('/api/calls', {
      method: 'POST',
      headers: { Cookie: alice },
      body: JSON.stringify({ groupId: world.groupA, customerName: `Nina ${word}`, customerEmail: `${word}@example.test`, phone: '+1 555 0100', direction: 'inbound', startedAt: Date.now() - 1000, durationSeconds: 60, notes: `asked about ${word}` }),
    });
    expect(call.status).toBe(201);
    const org = await api('/api/organizations', { method: 'POST', headers: { Cookie: adam }, body: JSON.stringify({ name: `Acme ${word}` }) });
    expect(org.status).toBe(201);

    const { body } = await search(alice, { q: word });
    const byKind = Object.fromEntries(body.pages.map((p) => [p.kind, p]));
    expect(byKind['ticket']!.hits.map((h) => [h.part === 'subject' ? 'subject' : h.part.slice(0, 2), h.staffOnly]).sort()).toEqual([['e:', true], ['subject', false]]);
    expect(byKind['ticket']!.hits[0]!.title).toMatch(new RegExp(`^#\\d+ Broken zipper ${word}$`));
    expect(byKind['call']!.hits).toHaveLength(1);
    expect(byKind['customer']!.hits.map((h) => h.title)).toContain(`Nina ${word}`);
    expect(byKind['organization']!.hits.map((h) => h.title)).toEqual([`Acme ${word}`]);
    // Carol (group B) sees none of the group's items, nor the customer known only from them.
    const carol = await signInAs(world.carol);
    const hers = (await search(carol, { q: word })).body.pages;
    expect(hers.filter((p) => ['ticket', 'call', 'customer'].includes(p.kind)).flatMap((p) => p.hits)).toEqual([]);
  });
});

describe('leaving the index', () => {
  it('takes a deleted chat out at once, and an erased customer’s chats and record', async () => {
    const world = await seedWorld();
    const [alice, adam] = await Promise.all([signInAs(world.alice), signInAs(world.adam)]);
    const word = uniqueWord();
    const email = `${uniqueWord()}@example.test`;
    const first = await liveChat(world, alice, email);
    await say(first.visitor, `first ${word}`);
    const second = await liveChat(world, alice);
    await say(second.visitor, `second ${word}`);
    expect(await eventually(alice, { q: word }, 2)).toHaveLength(2);

    // Deleted (ended first): gone from the next search, before any feed or alarm runs.
    expect((await api(`/api/chats/${second.chatId}/end`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const deleted = await api('/api/bulk/delete', { method: 'POST', headers: { Cookie: adam }, body: JSON.stringify({ chatIds: [second.chatId] }) });
    expect(deleted.status).toBe(200);
    expect((await hits(alice, { q: word })).map((h) => h.ref)).toEqual([first.chatId]);

    // Erased (their chat ended first): the customer's chats, and the customer's own record, leave too.
    expect((await api(`/api/chats/${first.chatId}/end`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const { customerId } = (await (await api(`/api/customers/lookup?email=${encodeURIComponent(email)}`, { headers: { Cookie: adam } })).json()) as { customerId: string };
    const erased = await api(`/api/customers/${customerId}`, { method: 'DELETE', headers: { Cookie: adam } });
    expect(erased.status).toBe(200);
    expect(await hits(alice, { q: word })).toEqual([]);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM search_staff_docs WHERE kind = 'customer' AND ref = ?").bind(customerId).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

const doc = (part: string, body: string, staff = false) => ({ part, staff, at: Date.now(), author: 'Vera', body });

describe('the search writer', () => {
  it('writes chats’ batches handed it together, ignores a repeat, answers a chat with no row, and refuses what is not a batch', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { chatId } = await startChatAs(world.groupA, 'Vera Visitor', 'vera@example.test', 'Hi');
    const writer = env.SEARCH_WRITER.get(env.SEARCH_WRITER.idFromName(`test-writer-${word}`));
    const chunk = [doc('m:900', `first ${word}`), doc('m:901', `coached ${word}`, true)];
    const answers = await Promise.all([writer.write(chatId, [chunk]), writer.write(chatId, [chunk]), writer.write('no-such-chat', [[doc('m:1', word)]])]);
    expect(answers).toEqual(['written', 'written', 'no-chat']);
    expect((await hits(alice, { q: word })).map((h) => [h.part, h.staffOnly]).sort()).toEqual([['m:900', false], ['m:901', true]]);
    // A chunk of something else is refused before anything is written.
    const junk = [[{ part: 'm:902', body: `junk ${word}` }]] as unknown as Parameters<typeof writer.write>[1];
    const refused = await writer.write(chatId, junk).then(() => null, (err: unknown) => err);
    expect(String(refused)).toMatch(/bad_search_batch/);
    // A time that is not a whole number of milliseconds too (the index's day of it is a key).
    const fractional = await writer.write(chatId, [[{ ...doc('m:903', `late ${word}`), at: Date.now() + 0.5 }]]).then(() => null, (err: unknown) => err);
    expect(String(fractional)).toMatch(/bad_search_batch/);
    expect(await hits(alice, { q: word })).toHaveLength(2);
  });

  it('packs many chats’ documents into statements of at most a chunk’s size, each under its own chat and index', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const chats = await Promise.all(['Vera', 'Olga', 'Ines'].map((name) => startChatAs(world.groupA, `${name} Visitor`, `${name.toLowerCase()}@example.test`, 'Hi')));
    const writer = env.SEARCH_WRITER.get(env.SEARCH_WRITER.idFromName(`test-writer-${word}`));
    // Each chunk is 60% of what one statement binds: the first chat's two alone need more than one
    // statement, and all the chats' together several.
    const filler = 'a'.repeat(3_000);
    const perChunk = Math.ceil((MAX_FEED_MESSAGE_BYTES * 0.6) / filler.length);
    const chunkOf = (i: number, from: number) => Array.from({ length: perChunk }, (_, n) => doc(`m:${from + n}`, `${word} chat${i} ${filler}`, n === 0));
    const answers = await Promise.all([
      ...chats.map((c, i) => writer.write(c.chatId, i === 0 ? [chunkOf(i, 900), chunkOf(i, 1900)] : [chunkOf(i, 900)])),
      writer.write('no-such-chat', [chunkOf(9, 900)]),
    ]);
    expect(answers).toEqual(['written', 'written', 'written', 'no-chat']);
    const counted = async (table: string) =>
      (await env.DB.prepare(`SELECT ref, count(*) AS n FROM ${table} WHERE kind = 'chat' AND body LIKE ? GROUP BY ref ORDER BY ref`).bind(`${word} %`).all<{ ref: string; n: number }>()).results;
    const expected = (n: number) => chats.map((c, i) => ({ ref: c.chatId, n: i === 0 ? 2 * n : n })).sort((a, b) => (a.ref < b.ref ? -1 : 1));
    expect(await counted('search_docs')).toEqual(expected(perChunk - 1));
    expect(await counted('search_staff_docs')).toEqual(expected(1));
    // Each document is under its own chat: a chat's word finds that chat only.
    for (const [i, c] of chats.entries()) expect(new Set((await hits(alice, { q: `${word} chat${i}` })).map((h) => h.ref))).toEqual(new Set([c.chatId]));
  });

  it('fails only the batch D1 will not take, not the others written with it', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const [good, bad] = await Promise.all([
      startChatAs(world.groupA, 'Vera Visitor', 'vera@example.test', 'Hi'),
      startChatAs(world.groupA, 'Olga Visitor', 'olga@example.test', 'Hi'),
    ]);
    const writer = env.SEARCH_WRITER.get(env.SEARCH_WRITER.idFromName(`test-writer-${word}`));
    // A document over D1's 2 MB for one value (SQLITE_TOOBIG), handed over with a good batch.
    const [written, refused] = await Promise.all([
      writer.write(good.chatId, [[doc('m:900', `kept ${word}`)]]),
      writer.write(bad.chatId, [[doc('m:900', `${word} ${'a'.repeat(3_000_000)}`)]]).then(() => null, (err: unknown) => err),
    ]);
    expect(written).toBe('written');
    expect(String(refused)).toMatch(/TOOBIG|too big/);
    expect((await hits(alice, { q: word })).map((h) => h.ref)).toEqual([good.chatId]);
    // Its feed sends it again; from now on it is written apart, and the others' writes go through.
    const [again, refusedAgain] = await Promise.all([
      writer.write(good.chatId, [[doc('m:901', `later ${word}`)]]),
      writer.write(bad.chatId, [[doc('m:900', `${word} ${'a'.repeat(3_000_000)}`)]]).then(() => null, (err: unknown) => err),
    ]);
    expect(again).toBe('written');
    expect(String(refusedAgain)).toMatch(/TOOBIG|too big/);
    expect((await hits(alice, { q: word })).map((h) => h.part).sort()).toEqual(['m:900', 'm:901']);
  });
});

interface QueueResult {
  outcome: string;
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

/** Hands the Worker's queue handler one batch of the old SEARCH queue, as the Queue does (see manual-events.test.ts). */
async function deliverOldSearch(messages: { id: string; attempts: number; body: unknown }[]): Promise<QueueResult> {
  const queue: unknown = Reflect.get(SELF, 'queue');
  if (typeof queue !== 'function') throw new Error('SELF.queue needs the service_binding_extra_handlers flag');
  return queue.call(SELF, 'switchboard-search', messages.map((m) => ({ ...m, timestamp: new Date() })));
}

describe('the old SEARCH queue, drained for one release', () => {
  it('indexes what was left on it, ignores a repeat, drops a body that is not a batch, and waits for a chat with no row', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { chatId } = await startChatAs(world.groupA, 'Vera Visitor', 'vera@example.test', 'Hi');
    const batch = { chatId, docs: [doc('m:900', `first ${word}`), doc('m:901', `coached ${word}`, true)] };
    const result = await deliverOldSearch([
      { id: 'ok', attempts: 1, body: batch },
      { id: 'again', attempts: 1, body: batch },
      { id: 'junk', attempts: 1, body: { chatId, docs: [{ part: 'm:1' }] } },
      { id: 'early', attempts: 1, body: { chatId: 'no-such-chat', docs: [doc('m:1', word)] } },
    ]);
    expect(result.outcome).toBe('ok');
    expect(result.explicitAcks).toEqual(['junk']);
    expect(result.retryMessages).toEqual([{ msgId: 'early', delaySeconds: 5 }]);
    expect((await hits(alice, { q: word })).map((h) => [h.part, h.staffOnly]).sort()).toEqual([['m:900', false], ['m:901', true]]);
    // A chat still without a row after its last attempt was deleted: its batch is dropped.
    const last = await deliverOldSearch([{ id: 'late', attempts: 5, body: { chatId: 'no-such-chat', docs: [doc('m:1', word)] } }]);
    expect(last.explicitAcks).toEqual(['late']);
  });
});

describe('the index stays true to D1', () => {
  it('follows a ticket merged into another group’s ticket, and the staff index stays whole', async () => {
    const world = await seedWorld();
    const [bob, alice] = await Promise.all([signInAs(world.bob), signInAs(world.alice)]);
    const word = uniqueWord();
    const make = async (groupId: string, subject: string) => {
      const res = await api('/api/tickets', { method: 'POST', headers: { Cookie: bob }, body: JSON.stringify({ subject, groupId, customerName: 'Nina', customerEmail: `${word}@example.test` }) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { ticket: { id: string } }).ticket.id;
    };
    const fromA = await make(world.groupA, 'From A');
    const intoB = await make(world.groupB, 'Into B');
    expect((await api(`/api/tickets/${fromA}/entries`, { method: 'POST', headers: { Cookie: bob }, body: JSON.stringify({ kind: 'note', text: `moved note ${word}` }) })).status).toBe(201);
    expect((await search(alice, { q: word, kind: 'ticket' })).body.pages[0]!.hits.map((h) => h.ref)).toEqual([fromA]);
    const merged = await api(`/api/tickets/${intoB}/merge`, { method: 'POST', headers: { Cookie: bob }, body: JSON.stringify({ ticketId: fromA }) });
    expect(merged.status).toBe(200);
    // The note is ticket B's now: Alice (group A only) finds nothing, Bob finds it under B.
    expect((await search(alice, { q: word, kind: 'ticket' })).body.pages[0]!.hits).toEqual([]);
    expect((await search(bob, { q: word, kind: 'ticket' })).body.pages[0]!.hits.map((h) => h.ref)).toEqual([intoB]);
    const check = await env.DB.prepare("INSERT INTO search_staff (search_staff, rank) VALUES ('integrity-check', 1)").run();
    expect(check.success).toBe(true);
  });

  it('searches for someone in more groups than a statement takes parameters', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const word = uniqueWord();
    const { visitor } = await liveChat(world, alice);
    await say(visitor, `many groups ${word}`);
    expect(await eventually(alice, { q: word })).toHaveLength(1);
    // 120 more groups for Alice (D1 binds at most 100 parameters a statement).
    const ids = Array.from({ length: 120 }, () => `g-${crypto.randomUUID()}`);
    await env.DB.batch(ids.flatMap((id) => [
      env.DB.prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, 0)').bind(id, id),
      env.DB.prepare('INSERT INTO memberships (agent_id, group_id) VALUES (?, ?)').bind(world.alice.id, id),
    ]));
    const { status, body } = await search(alice, { q: word });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.pages.find((p) => p.kind === 'chat')!.hits).toHaveLength(1);
  });
});
