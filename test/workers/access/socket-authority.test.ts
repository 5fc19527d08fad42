// The access matrix for sockets already open: a socket is checked when it opens, and must keep
// following the truth after. Each row changes one right of a person holding open sockets (the
// chat's assigned agent, a monitor, a console) and says which of their sockets must close and
// what the ones left open may still do.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { agentHub, RIGHTS_CHECK_INTERVAL_MS } from '../../../objects/agent/hub.ts';
import { pieceName, shardOf, shardsPerGroup } from '../../../objects/lobby/pieces.ts';
import { CLOSE_NO_ACCESS, CLOSE_RIGHTS_UNKNOWN, CLOSE_SIGNED_OUT } from '../../../objects/identity.ts';
import { CLOSE_DELETED } from '../../../objects/chat/room.ts';
import {
  api,
  connectAgent,
  connectLobby,
  connectVisitor,
  seedWorld,
  signInAs,
  startChat,
  type TestSocket,
  type World,
} from '../helpers.ts';

const json = (body: unknown) => JSON.stringify(body);

/** A chat in group A taken by Alice; Bob (in A and B) monitors it; each holds a console too. */
async function scene() {
  const world = await seedWorld();
  const { chatId, token } = await startChat(world.groupA);
  const [alice, bob, adam] = await Promise.all([signInAs(world.alice), signInAs(world.bob), signInAs(world.adam)]);
  expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
  const visitor = await connectVisitor(chatId, token);
  await visitor.replay();
  const aliceChat = await connectAgent(chatId, alice);
  await aliceChat.replay();
  const bobChat = await connectAgent(chatId, bob);
  await bobChat.replay();
  const aliceConsole = await connectLobby(alice, world.groupA);
  await aliceConsole.next();
  const bobConsole = await connectLobby(bob, world.groupA);
  await bobConsole.next();
  return { world, chatId, token, cookies: { alice, bob, adam }, visitor, aliceChat, bobChat, aliceConsole, bobConsole };
}
type Scene = Awaited<ReturnType<typeof scene>>;

/** A chat in group A that Alice has taken, her hub, and the places it keeps in a table of its storage. */
async function takenByAlice() {
  const world = await seedWorld();
  const { chatId } = await startChat(world.groupA);
  const alice = await signInAs(world.alice);
  expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
  const hubOf = () => agentHub(env, world.alice.id);
  const placesIn = (table: 'held' | 'places') =>
    runInDurableObject(hubOf(), (_, state) => state.storage.sql.exec<{ place: string }>(`SELECT place FROM ${table} ORDER BY place`).toArray().map((r) => r.place));
  return { world, chatId, alice, hubOf, placesIn };
}

async function closeCode(socket: TestSocket): Promise<number> {
  await expect.poll(() => socket.closed).toBe(true);
  return socket.closeCode;
}

function admin(s: Scene, path: string, method: string, body?: unknown) {
  return api(`/api/admin${path}`, { method, headers: { Cookie: s.cookies.adam }, body: body === undefined ? undefined : json(body) });
}

/** The coaching lines staff can read now. */
async function coachingLines(s: Scene, cookie: string): Promise<string[]> {
  const res = await api(`/api/chats/${s.chatId}/transcript`, { headers: { Cookie: cookie } });
  const { events } = (await res.json()) as { events: { kind: string; text?: string }[] };
  return events.filter((e) => e.kind === 'coaching').map((e) => e.text ?? '');
}

interface Row {
  change: string;
  act: (s: Scene) => Promise<unknown>;
  /** Which of Alice's sockets close, with which code. */
  closes: { aliceChat?: number; aliceConsole?: number; bobChat?: number; bobConsole?: number };
}

const ROWS: Row[] = [
  {
    change: 'Alice signs out everywhere',
    act: (s) => api('/api/auth/logout-all', { method: 'POST', headers: { Cookie: s.cookies.alice } }),
    closes: { aliceChat: CLOSE_SIGNED_OUT, aliceConsole: CLOSE_SIGNED_OUT },
  },
  {
    change: 'an administrator disables Alice',
    act: (s) => admin(s, `/agents/${s.world.alice.id}/disabled`, 'PUT', { disabled: true }),
    closes: { aliceChat: CLOSE_SIGNED_OUT, aliceConsole: CLOSE_SIGNED_OUT },
  },
  {
    change: "an administrator resets Alice's password",
    act: (s) => admin(s, `/agents/${s.world.alice.id}/password`, 'PUT', { password: 'a-brand-new-password' }),
    closes: { aliceChat: CLOSE_SIGNED_OUT, aliceConsole: CLOSE_SIGNED_OUT },
  },
  {
    change: "an administrator removes Bob from the chat's group",
    act: (s) => admin(s, `/groups/${s.world.groupA}/members/${s.world.bob.id}`, 'DELETE'),
    // His console's socket for that group closes too (his other group's would stay).
    closes: { bobChat: CLOSE_NO_ACCESS, bobConsole: CLOSE_NO_ACCESS },
  },
  {
    change: 'the chat is transferred to a group Alice is not in (Bob is)',
    act: (s) =>
      api(`/api/chats/${s.chatId}/transfer`, { method: 'POST', headers: { Cookie: s.cookies.alice }, body: json({ to: { kind: 'group', groupId: s.world.groupB } }) }),
    closes: { aliceChat: CLOSE_NO_ACCESS },
  },
];

describe('sockets that are already open', () => {
  for (const row of ROWS) {
    it(`when ${row.change}: exactly the sockets that lost their right close`, async () => {
      const s = await scene();
      const status = ((await row.act(s)) as Response).status;
      expect(status).toBeLessThan(300);
      for (const name of ['aliceChat', 'aliceConsole', 'bobChat', 'bobConsole'] as const) {
        const expected = row.closes[name];
        if (expected !== undefined) expect(await closeCode(s[name]), name).toBe(expected);
      }
      // The sockets not named stay open and working: a ping is answered.
      for (const name of ['aliceChat', 'aliceConsole', 'bobChat', 'bobConsole'] as const) {
        if (row.closes[name] !== undefined) continue;
        s[name].send({ type: 'ping' });
        expect((await s[name].nextOf('pong')).type).toBe('pong');
      }
      // The visitor's socket is never touched by a change of staff rights.
      expect(s.visitor.closed).toBe(false);
    });
  }

  it('a socket closed for a lost right stores nothing sent on it after', async () => {
    const s = await scene();
    await api('/api/auth/logout-all', { method: 'POST', headers: { Cookie: s.cookies.alice } });
    await closeCode(s.aliceChat);
    expect(() => s.aliceChat.send({ type: 'coach', id: 'after-logout', text: 'still here?' })).toThrow();
    expect(await coachingLines(s, s.cookies.bob)).toEqual([]);
  });

  it('signing out one session closes only the sockets opened with it', async () => {
    const world = await seedWorld();
    const { chatId } = await startChat(world.groupA);
    const [laptop, phone] = [await signInAs(world.alice), await signInAs(world.alice)];
    const onLaptop = await connectAgent(chatId, laptop);
    await onLaptop.replay();
    const onPhone = await connectAgent(chatId, phone);
    await onPhone.replay();
    expect((await api('/api/auth/logout', { method: 'POST', headers: { Cookie: laptop } })).status).toBe(204);
    expect(await closeCode(onLaptop)).toBe(CLOSE_SIGNED_OUT);
    onPhone.send({ type: 'ping' });
    expect((await onPhone.nextOf('pong')).type).toBe('pong');
  });

  it('a manager demoted to agent cannot take over through a socket opened before', async () => {
    const s = await scene();
    const mona = await signInAs(s.world.mona);
    const monas = await connectAgent(s.chatId, mona);
    await monas.replay();
    expect((await admin(s, `/agents/${s.world.mona.id}/role`, 'PUT', { role: 'agent' })).status).toBe(200);
    monas.send({ type: 'take-over' });
    expect(await monas.nextOf('error')).toMatchObject({ code: 'not_allowed' });
    // And promoted again, the same socket may.
    expect((await admin(s, `/agents/${s.world.mona.id}/role`, 'PUT', { role: 'manager' })).status).toBe(200);
    monas.send({ type: 'take-over' });
    expect((await monas.nextOf('chat')).chat.agent?.id).toBe(s.world.mona.id);
  });

  it('a change written straight to D1 (as npm run admin does) reaches open sockets at the next rights check', async () => {
    const s = await scene();
    const hub = agentHub(env, s.world.alice.id);
    // The hub checks again within 30 s of any socket opening, and keeps checking while any is open.
    const alarmOf = () => runInDurableObject(hub, (_, state) => state.storage.getAlarm());
    await expect.poll(alarmOf).not.toBeNull();
    const alarm = await alarmOf();
    expect(alarm! - Date.now()).toBeLessThanOrEqual(RIGHTS_CHECK_INTERVAL_MS);
    expect(RIGHTS_CHECK_INTERVAL_MS).toBeLessThanOrEqual(30_000);

    await env.DB.prepare('UPDATE agents SET disabled = 1 WHERE id = ?').bind(s.world.alice.id).run();
    expect(s.aliceChat.closed).toBe(false);
    expect(await runDurableObjectAlarm(hub)).toBe(true);
    expect(await closeCode(s.aliceChat)).toBe(CLOSE_SIGNED_OUT);
    expect(await closeCode(s.aliceConsole)).toBe(CLOSE_SIGNED_OUT);
    // Bob's rights did not change: his socket stays.
    expect(s.bobChat.closed).toBe(false);
  });

  it('a socket the agent’s hub could not take on closes, to be opened again, rather than stay deaf to rights changes', async () => {
    const world = await seedWorld();
    const { chatId } = await startChat(world.groupA);
    const alice = await signInAs(world.alice);
    // The hub's storage fails: registering a place with it throws.
    await runInDurableObject(agentHub(env, world.alice.id), (_, state) => state.storage.sql.exec('DROP TABLE places'));
    const chat = await connectAgent(chatId, alice);
    expect(await closeCode(chat)).toBe(CLOSE_RIGHTS_UNKNOWN);
    const lobby = await connectLobby(alice, world.groupA);
    expect(await closeCode(lobby)).toBe(CLOSE_RIGHTS_UNKNOWN);
    // A code a server may close with that the clients retry (client/shared/socket.ts gives up
    // only on 4000-4999; client/shared/backoff.ts's retryLevel backs such quick closes off).
    expect(CLOSE_RIGHTS_UNKNOWN).toBeGreaterThanOrEqual(3000);
    expect(CLOSE_RIGHTS_UNKNOWN).toBeLessThan(4000);
  });

  it('the hub remembers in its storage what each place holds, so a check that finds nothing changed calls no place even after it was evicted', async () => {
    const s = await scene();
    const hubOf = () => agentHub(env, s.world.alice.id);
    const placesIn = (table: 'held' | 'places') =>
      runInDurableObject(hubOf(), (_, state) => state.storage.sql.exec<{ place: string }>(`SELECT place FROM ${table} ORDER BY place`).toArray().map((r) => r.place));
    const consolePiece = pieceName({ groupId: s.world.groupA, shard: shardOf(s.world.alice.id, shardsPerGroup(env.LOBBY_SHARDS_PER_GROUP)) });
    const mine = [`chat:${s.chatId}`, consolePiece].sort();
    // Her chat and console registered with what the Worker checked them against: both known, in storage.
    await expect.poll(() => placesIn('held')).toEqual(mine);
    // A place that agrees but holds none of her sockets: a push there would answer so, and be forgotten.
    await runInDurableObject(hubOf(), (_, state) => {
      state.storage.sql.exec("INSERT INTO places (place) VALUES ('chat:ghost')");
      state.storage.sql.exec("INSERT INTO held (place, key, sessions) SELECT 'chat:ghost', key, sessions FROM held WHERE place = ?", `chat:${s.chatId}`);
    });
    // The hub is evicted (as between its checks); a fresh instance reads what each place holds.
    await runInDurableObject(hubOf(), (_, state) => state.abort('evicted')).catch(() => undefined);
    expect(await runDurableObjectAlarm(hubOf())).toBe(true);
    // Nothing changed, so nothing was pushed: the ghost was not called (it would have been forgotten).
    expect(await placesIn('places')).toEqual([...mine, 'chat:ghost'].sort()); // as SQLite orders them
    expect(s.aliceChat.closed).toBe(false);
    // A change is pushed everywhere that disagrees: the ghost answers it holds nobody and is forgotten.
    await env.DB.prepare("UPDATE agents SET name = 'Alice B.' WHERE id = ?").bind(s.world.alice.id).run();
    expect(await runDurableObjectAlarm(hubOf())).toBe(true);
    expect(await placesIn('places')).toEqual(mine);
    expect(s.aliceChat.closed).toBe(false);
  });

  it('a place whose last socket of the agent closed is asked at the next check and forgotten: the hub stops checking once the agent has gone', async () => {
    const { world, chatId, alice, hubOf, placesIn } = await takenByAlice();
    const consolePiece = pieceName({ groupId: world.groupA, shard: shardOf(world.alice.id, shardsPerGroup(env.LOBBY_SHARDS_PER_GROUP)) });
    const mine = [`chat:${chatId}`, consolePiece].sort();
    const [first, second] = [await connectAgent(chatId, alice), await connectAgent(chatId, alice)];
    await Promise.all([first.replay(), second.replay()]);
    const lobby = await connectLobby(alice, world.groupA);
    await lobby.next();
    await expect.poll(() => placesIn('held')).toEqual(mine);
    // One of two tabs on the chat closes: the chat still holds her other one, and says nothing.
    first.close();
    await expect.poll(() => first.closed).toBe(true);
    expect(await runDurableObjectAlarm(hubOf())).toBe(true);
    expect(await placesIn('places')).toEqual(mine);
    // Her last sockets there close (the browser shut, no sign-out): each place says it may hold none.
    second.close();
    lobby.close();
    await expect.poll(() => placesIn('held')).toEqual([]);
    // The next check asks them, hears they hold none of her sockets, and forgets them; with no
    // place left it arms no further check (before, it read D1 every 20 s until her session expired).
    expect(await runDurableObjectAlarm(hubOf())).toBe(true);
    expect(await placesIn('places')).toEqual([]);
    expect(await runInDurableObject(hubOf(), (_, state) => state.storage.getAlarm())).toBeNull();
  });

  it('a socket opened after its place was released still hears a change of rights at the next check', async () => {
    const { world, chatId, alice, hubOf, placesIn } = await takenByAlice();
    const held = () => placesIn('held');
    const first = await connectAgent(chatId, alice);
    await first.replay();
    await expect.poll(held).toContain(`chat:${chatId}`);
    first.close();
    await expect.poll(held).not.toContain(`chat:${chatId}`);
    // She opens the chat again before the hub's next check, then loses the group straight in D1.
    const second = await connectAgent(chatId, alice);
    await second.replay();
    await env.DB.prepare('DELETE FROM memberships WHERE agent_id = ? AND group_id = ?').bind(world.alice.id, world.groupA).run();
    expect(await runDurableObjectAlarm(hubOf())).toBe(true);
    expect(await closeCode(second)).toBe(CLOSE_NO_ACCESS);
  });

  it('a deleted chat is released at the hubs of the agents it held sockets of', async () => {
    const { chatId, alice, hubOf, placesIn: places } = await takenByAlice();
    const socket = await connectAgent(chatId, alice);
    await socket.replay();
    await expect.poll(() => places('held')).toEqual([`chat:${chatId}`]);
    expect((await api(`/api/chats/${chatId}/end`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    expect((await api(`/api/chats/${chatId}`, { method: 'DELETE', headers: { Cookie: alice } })).status).toBe(204);
    expect(await closeCode(socket)).toBe(CLOSE_DELETED);
    await expect.poll(() => places('held')).toEqual([]);
    expect(await runDurableObjectAlarm(hubOf())).toBe(true);
    expect(await places('places')).toEqual([]);
  });

  it('a membership removed straight in D1 closes the monitor at the next check, not before', async () => {
    const s = await scene();
    const hub = agentHub(env, s.world.bob.id);
    await expect.poll(() => runInDurableObject(hub, (_, state) => state.storage.getAlarm())).not.toBeNull();
    await env.DB.prepare('DELETE FROM memberships WHERE agent_id = ? AND group_id = ?').bind(s.world.bob.id, s.world.groupA).run();
    expect(s.bobChat.closed).toBe(false);
    expect(await runDurableObjectAlarm(agentHub(env, s.world.bob.id))).toBe(true);
    expect(await closeCode(s.bobChat)).toBe(CLOSE_NO_ACCESS);
  });
});

describe('who may send the customer a file', () => {
  async function upload(chatId: string, cookie: string): Promise<Response> {
    return api(`/api/chats/${chatId}/files`, {
      method: 'POST',
      headers: { Cookie: cookie, 'content-type': 'text/plain', 'x-filename': 'note.txt' },
      body: 'order 1234\n',
    });
  }

  async function filesOf(chatId: string): Promise<number> {
    const listed = await env.FILES.list({ prefix: `chats/${chatId}/` });
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM attachments WHERE chat_id = ?').bind(chatId).first<{ n: number }>();
    return listed.objects.length + (rows?.n ?? 0);
  }

  it('is only whoever may write to them: not a member who neither has nor joined the chat', async () => {
    const world: World = await seedWorld();
    const { chatId, token } = await startChat(world.groupA);
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    // Queued: nobody may send a file yet.
    expect((await upload(chatId, bob)).status).toBe(409);
    expect((await api(`/api/chats/${chatId}/take`, { method: 'POST', headers: { Cookie: alice } })).status).toBe(200);
    const refused = await upload(chatId, bob);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_assigned');
    expect(await filesOf(chatId)).toBe(0);
    // The assigned agent may.
    expect((await upload(chatId, alice)).status).toBe(201);
    await expect.poll(() => visitor.events().filter((e) => e.kind === 'file').length).toBe(1);
    const file = visitor.events().find((e) => e.kind === 'file');
    expect(file?.kind === 'file' && file.from.id).toBe(world.alice.id);
  });
});
