// The live queue pushes list changes to the consoles of agents in the chat's group, and only to
// them: one piece per group, each console socket in its group's piece; counters reach the
// consoles at once and D1 within its bound.
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { ChatMeta } from '../../../objects/chat/meta.ts';
import { LIVE_COUNTERS_INTERVAL_MS, STORED_COUNTERS_INTERVAL_MS } from '../../../objects/chat/projector.ts';

/** How long a chat nobody shows may take to write its first counters after a take (the live interval, with room for a busy host). */
const FIRST_STORE_MS = LIVE_COUNTERS_INTERVAL_MS + 5_000;
import { SEARCH_FEED_DELAY_MS } from '../../../objects/chat/indexer.ts';
import type { LobbyFrame } from '../../../objects/protocol.ts';
import { api, connectLobby, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

/** The next change of a chat's status the console hears of (idle-level updates are skipped). */
async function nextChat(lobby: TestSocket, last = new Map<string, string>()): Promise<Extract<LobbyFrame, { type: 'chat' }>['chat']> {
  for (;;) {
    const frame = (await lobby.next()) as unknown as LobbyFrame;
    if (frame.type === 'chat' && last.get(frame.chat.id) !== frame.chat.status) {
      last.set(frame.chat.id, frame.chat.status);
      return frame.chat;
    }
  }
}

describe('the live queue', () => {
  it('pushes a new chat, its take and its end to agents of the group, and nothing from other groups', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice); // group A only
    const lobby = await connectLobby(alice, world.groupA);
    expect(await lobby.next()).toEqual({ type: 'welcome', groupId: world.groupA, groupIds: [world.groupA], presence: 'online' });

    const other = await startChat(world.groupB);
    const mine = await startChat(world.groupA);
    // The first change Alice hears of is her group's chat: group B's was never sent to her.
    const seen = new Map<string, string>();
    expect(await nextChat(lobby, seen)).toMatchObject({ id: mine.chatId, status: 'queued', groupId: world.groupA });

    await api(`/api/chats/${mine.chatId}/take`, { method: 'POST', headers: { Cookie: alice } });
    expect(await nextChat(lobby, seen)).toMatchObject({ id: mine.chatId, status: 'active', agentName: 'Alice' });
    await api(`/api/chats/${mine.chatId}/end`, { method: 'POST', headers: { Cookie: alice } });
    expect(await nextChat(lobby, seen)).toMatchObject({ id: mine.chatId, status: 'ended' });
    expect(lobby.frames.some((f) => JSON.stringify(f).includes(other.chatId))).toBe(false);
  });
});

/** Frames of the kind asked for, as they arrive, until `match` accepts one. */
async function nextFrame(lobby: TestSocket, match: (frame: LobbyFrame) => boolean): Promise<LobbyFrame> {
  for (;;) {
    const frame = (await lobby.next()) as unknown as LobbyFrame;
    if (match(frame)) return frame;
  }
}

describe('the live queue in pieces, one per group', () => {
  it("gives each console socket its own group's chats only, and lets a transferred chat go", async () => {
    const world = await seedWorld();
    const [bob, carol] = await Promise.all([signInAs(world.bob), signInAs(world.carol)]); // Bob: A and B; Carol: B
    const bobA = await connectLobby(bob, world.groupA);
    const bobB = await connectLobby(bob, world.groupB);
    expect(await bobA.next()).toMatchObject({ type: 'welcome', groupId: world.groupA });
    expect(await bobB.next()).toMatchObject({ type: 'welcome', groupId: world.groupB });
    // Carol may not listen to a group she is not in.
    const refused = await api(`/api/lobby/ws?group=${world.groupA}`, { headers: { Cookie: carol, Upgrade: 'websocket' } });
    expect(refused.status).toBe(404);
    expect((await api('/api/lobby/ws', { headers: { Cookie: carol, Upgrade: 'websocket' } })).status).toBe(400);

    const inB = await startChat(world.groupB);
    const inA = await startChat(world.groupA);
    const isChat = (id: string) => (f: LobbyFrame) => f.type === 'chat' && f.chat.id === id;
    expect(await nextFrame(bobA, isChat(inA.chatId))).toMatchObject({ chat: { groupId: world.groupA } });
    expect(await nextFrame(bobB, isChat(inB.chatId))).toMatchObject({ chat: { groupId: world.groupB } });
    expect(bobA.frames.some((f) => JSON.stringify(f).includes(inB.chatId))).toBe(false);
    expect(bobB.frames.some((f) => JSON.stringify(f).includes(inA.chatId))).toBe(false);

    // Transferred from A to B: A's socket hears it leave (its row now names B), B's hears it arrive.
    const moved = await api(`/api/chats/${inA.chatId}/transfer`, {
      method: 'POST',
      headers: { Cookie: bob, 'content-type': 'application/json' },
      body: JSON.stringify({ to: { kind: 'group', groupId: world.groupB } }),
    });
    expect(moved.status).toBe(200);
    expect(await nextFrame(bobA, isChat(inA.chatId))).toMatchObject({ chat: { groupId: world.groupB } });
    expect(await nextFrame(bobB, isChat(inA.chatId))).toMatchObject({ chat: { groupId: world.groupB } });
  });

  it('tells the consoles showing the chat new message counts at once, other consoles only its state changes, and D1 within its bound', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const lobby = await connectLobby(alice, world.groupA);
    await lobby.next();
    const elsewhere = await connectLobby(bob, world.groupA); // a console of the group not showing the chat
    await elsewhere.next();
    const { chatId, token } = await startChat(world.groupA);
    lobby.send({ type: 'showing', chatIds: [chatId] });
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const storedCount = async () =>
      (await env.DB.prepare('SELECT message_count AS n FROM chats WHERE id = ?').bind(chatId).first<{ n: number }>())?.n;
    expect(await storedCount()).toBe(1); // the question

    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    const counted = (n: number) => (f: LobbyFrame) => f.type === 'chat' && f.chat.id === chatId && f.chat.messageCount === n;
    for (const [i, text] of ['first', 'second', 'third', 'fourth'].entries()) {
      visitor.send({ type: 'send', id: `m${i + 1}`, text });
      await nextFrame(lobby, counted(i + 2));
    }
    // The consoles saw every count. D1 has the first message's count, written with its live publish
    // (the first counters since the take), and keeps it until STORED_COUNTERS_INTERVAL_MS has
    // passed since (an alarm that runs meanwhile only publishes).
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
    await runDurableObjectAlarm(stub);
    expect(await storedCount()).toBe(2);
    // A state change writes the row with its counters as they are, and every console hears it.
    expect((await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    expect(await storedCount()).toBe(5);
    const heardElsewhere = await nextFrame(elsewhere, (f) => f.type === 'chat' && f.chat.id === chatId && f.chat.status === 'ended');
    expect(heardElsewhere).toMatchObject({ chat: { messageCount: 5 } });
    // The console not showing the chat heard its state changes (queued, taken, ended), never a count alone.
    const counts = elsewhere.frames.flatMap((f) => {
      const frame = f as unknown as LobbyFrame;
      return frame.type === 'chat' && frame.chat.id === chatId ? [frame.chat.messageCount] : [];
    });
    expect(counts).toEqual([1, 1, 5]);
  });

  it('lets a chat no console shows keep its counters to itself, and a console that starts showing it hears the count at once', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const lobby = await connectLobby(alice, world.groupA);
    await lobby.next();
    const { chatId, token } = await startChat(world.groupA);
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const takenAt = Date.now();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    for (const [i, text] of ['first', 'second', 'third'].entries()) {
      visitor.send({ type: 'send', id: `m${i + 1}`, text });
      await visitor.nextOf('event');
    }
    // Nobody shows the chat, so no live publish is ever due. Its first counters since the take
    // reach D1 a live interval after the first message; once those and its messages have gone
    // (the search feed, SEARCH_FEED_DELAY_MS after them), nothing wakes it before the stored
    // interval: an idle chat sleeps.
    const storedCount = async () =>
      (await env.DB.prepare('SELECT message_count AS n FROM chats WHERE id = ?').bind(chatId).first<{ n: number }>())?.n;
    await vi.waitFor(async () => expect(await storedCount()).toBeGreaterThan(1), { timeout: FIRST_STORE_MS, interval: 100 });
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
    const nextWake = async () => (await runInDurableObject(stub, (_, state) => state.storage.getAlarm())) ?? Infinity;
    await vi.waitFor(async () => expect(await nextWake()).toBeGreaterThan(Date.now() + SEARCH_FEED_DELAY_MS), { timeout: 5000, interval: 100 });
    expect(await nextWake()).toBeGreaterThan(takenAt + STORED_COUNTERS_INTERVAL_MS / 2);
    const counted = (n: number) => (f: LobbyFrame) => f.type === 'chat' && f.chat.id === chatId && f.chat.messageCount === n;
    // Alice's list shows it now: her piece wakes the chat, and the count (question + 3) arrives with no new message.
    lobby.send({ type: 'showing', chatIds: [chatId, 'not-a-chat-of-the-group'] });
    await nextFrame(lobby, counted(4));
    // From then on each new count is live again.
    visitor.send({ type: 'send', id: 'm4', text: 'fourth' });
    await nextFrame(lobby, counted(5));
  });

  it('wakes a chat for the first console that shows it after its piece restarted', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    for (const id of ['m1', 'm2']) {
      visitor.send({ type: 'send', id, text: `hello ${id}` });
      await visitor.nextOf('event');
    }
    // Every object starts again (as after hibernation or eviction): the piece has no index of
    // what its consoles show until it builds one from their attachments.
    await abortAllDurableObjects();
    const lobby = await connectLobby(alice, world.groupA);
    await lobby.next();
    // The console's first list: the chat is woken and its count (question + 2) arrives with no new message.
    lobby.send({ type: 'showing', chatIds: [chatId] });
    await nextFrame(lobby, (f) => f.type === 'chat' && f.chat.id === chatId && f.chat.messageCount === 3);
  });

  it('wakes a chat stored before its records shared one table (its projection row from before counters_at), and carries them', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId, token } = await startChat(world.groupA);
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
    // The tables as a chat created before both changes has them, with their rows.
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      const stored = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'").one().value;
      sql.exec('DROP TABLE meta');
      sql.exec('CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)');
      sql.exec('INSERT INTO state (id, body) VALUES (1, ?)', stored);
      sql.exec('CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)');
      sql.exec("INSERT INTO counters (name, n) VALUES ('transcript_emails', 2)");
      sql.exec('CREATE TABLE projection (id INTEGER PRIMARY KEY CHECK (id = 1), stored_at INTEGER NOT NULL, level TEXT)');
      sql.exec("INSERT INTO projection (id, stored_at, level) VALUES (1, 5, 'normal')");
    });
    await abortAllDurableObjects(); // woken again: it reads the old rows
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    visitor.send({ type: 'send', id: 'm1', text: 'after the upgrade' });
    await visitor.nextOf('event');
    const stored = () => env.DB.prepare('SELECT message_count AS n FROM chats WHERE id = ?').bind(chatId).first<{ n: number }>();
    await vi.waitFor(async () => expect((await stored())?.n).toBe(2), { timeout: FIRST_STORE_MS, interval: 100 });
    const woken = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId)); // a stub from before the abort is broken
    const read = () =>
      runInDurableObject(woken, (_, state) => {
        const meta = new ChatMeta(state.storage.sql, (f) => state.storage.transactionSync(f));
        return {
          tables: state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").toArray().map((r) => r.name).filter((name) => !name.startsWith('_cf_')),
          projection: meta.read('projection'),
          transcripts: meta.read('transcript_emails'),
        };
      });
    // The memory is saved after the D1 write and the lobby's publish: wait for it too.
    await vi.waitFor(async () => expect((await read()).projection?.countersAt).toBeGreaterThan(0), { timeout: 5000, interval: 100 });
    expect(await read()).toMatchObject({ tables: ['events', 'meta'], transcripts: 2 });
  });
});
