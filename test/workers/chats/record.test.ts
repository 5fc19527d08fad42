// The chat's record beside the conversation: comments of the seed's five kinds (staff only, live
// in every staff view, kept queryable in D1), each kind's side effect, who may change one, the
// custom fields staff edit under the pre-chat form's rules, taking a chat from a colleague where
// the administrator allows it, and the notices agents are told in their consoles.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ChatComment, ChatEvent, LobbyFrame, Notice } from '../../../objects/protocol.ts';
import { api, connectAgent, connectLobby, connectVisitor, seedWorld, signInAs, startChat, type TestSocket } from '../helpers.ts';

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  api(path, { method, headers: { Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function addComment(chatId: string, cookie: string, body: Record<string, unknown>): Promise<ChatComment> {
  const res = await send('POST', `/api/chats/${chatId}/comments`, cookie, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { comment: ChatComment }).comment;
}

/** The next event of one of these kinds on a staff socket. */
async function nextEvent(socket: TestSocket, kinds: readonly ChatEvent['kind'][]): Promise<ChatEvent> {
  for (;;) {
    const { event } = await socket.nextOf('event');
    if (kinds.includes(event.kind)) return event;
  }
}

async function nextNotice(lobby: TestSocket): Promise<Notice> {
  for (;;) {
    const frame = (await lobby.next()) as unknown as LobbyFrame;
    if (frame.type === 'notice') return frame.notice;
  }
}

const STAFF_ONLY_KINDS = ['comment', 'comment-edited', 'comment-deleted', 'fields-edited'];

describe('comments', () => {
  it('of every kind reach every staff view live, never the customer, and Resolution ones are queryable in D1', async () => {
    const world = await seedWorld();
    const [alice, mona] = await Promise.all([signInAs(world.alice), signInAs(world.mona)]);
    const { chatId, token } = await startChat(world.groupA);
    await send('POST', `/api/chats/${chatId}/take`, alice);
    const monaView = await connectAgent(chatId, mona);
    await monaView.replay();
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();

    for (const kind of ['general', 'resolution', 'transfer', 'sticky'] as const) {
      const comment = await addComment(chatId, alice, { kind, text: `A ${kind} note` });
      expect(comment).toMatchObject({ kind, text: `A ${kind} note`, by: { id: world.alice.id }, editedAt: null });
      expect(await nextEvent(monaView, ['comment'])).toMatchObject({ kind: 'comment', audience: 'staff', commentId: comment.id, commentKind: kind });
    }
    const listed = await (await send('GET', `/api/chats/${chatId}/comments`, alice)).json();
    expect((listed as { comments: ChatComment[] }).comments.map((c) => c.kind)).toEqual(['general', 'resolution', 'transfer', 'sticky']);
    const resolutions = await env.DB.prepare("SELECT text, author_id FROM chat_comments WHERE chat_id = ? AND kind = 'resolution'").bind(chatId).all();
    expect(resolutions.results).toEqual([{ text: 'A resolution note', author_id: world.alice.id }]);

    // The customer's socket, a fresh replay and their transcript hold no trace of any of it.
    visitor.send({ type: 'ping' });
    await visitor.nextOf('pong');
    expect(visitor.events().some((e) => STAFF_ONLY_KINDS.includes(e.kind))).toBe(false);
    const again = await connectVisitor(chatId, token);
    expect((await again.replay()).some((e) => STAFF_ONLY_KINDS.includes(e.kind))).toBe(false);
    const transcript = await api(`/api/visitor/chats/${chatId}/transcript?token=${encodeURIComponent(token)}`);
    expect(transcript.status).toBe(200);
    expect(await transcript.text()).not.toMatch(/note/);
  });

  it('a sticky one is there for anyone on staff who opens the chat later', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const { chatId } = await startChat(world.groupA);
    const sticky = await addComment(chatId, alice, { kind: 'sticky', text: 'VIP customer: refund without asking' });
    const later = await connectAgent(chatId, bob);
    const replayed = await later.replay();
    expect(replayed.find((e) => e.kind === 'comment')).toMatchObject({ commentId: sticky.id, commentKind: 'sticky' });
  });

  it('a Transfer comment travels with the transfer, and the receiving agent is told', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const { chatId } = await startChat(world.groupA);
    await send('POST', `/api/chats/${chatId}/take`, alice);
    const bobConsole = await connectLobby(bob, world.groupA);
    await bobConsole.next(); // welcome
    const res = await send('POST', `/api/chats/${chatId}/transfer`, alice, { to: { kind: 'agent', agentId: world.bob.id }, comment: 'Wants a refund, order 1234' });
    expect(res.status).toBe(200);
    const notice = await nextNotice(bobConsole);
    expect(notice).toMatchObject({ kind: 'transferred-to-you', chatId, by: { id: world.alice.id }, visitorName: 'Vera Visitor' });

    const bobView = await connectAgent(chatId, bob);
    const events = await bobView.replay();
    const transferred = events.findIndex((e) => e.kind === 'transferred');
    expect(events[transferred + 1]).toMatchObject({
      kind: 'comment',
      commentKind: 'transfer',
      text: 'Wants a refund, order 1234',
      forTarget: { kind: 'agent', agent: { id: world.bob.id } },
    });
    // A comment too long is refused with the transfer, and nothing moves.
    const long = await send('POST', `/api/chats/${chatId}/transfer`, bob, { to: { kind: 'group', groupId: world.groupB }, comment: 'x'.repeat(5000) });
    expect(await code(long)).toBe('invalid_body');
  });

  it('a Follow-Up comment schedules the follow-up, which tells its author when it falls due', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await startChat(world.groupA);
    const console_ = await connectLobby(alice, world.groupA);
    const dueAt = Date.now() + 1500;
    const comment = await addComment(chatId, alice, { kind: 'follow-up', text: 'Call back about the refund', dueAt });
    expect(comment).toMatchObject({ kind: 'follow-up', dueAt });
    const row = await env.DB.prepare('SELECT follow_up_at FROM chats WHERE id = ?').bind(chatId).first();
    expect(row).toEqual({ follow_up_at: dueAt });

    await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now() + 50));
    // The alarm may have run by itself already; running it again must not tell twice in a new way.
    await runDurableObjectAlarm(env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId)));
    const notice = await nextNotice(console_);
    expect(notice).toMatchObject({ kind: 'follow-up-due', chatId, id: `${chatId}:follow-up:${dueAt}` });

    // A Follow-Up comment without a time, or with one in the past, is refused.
    expect(await code(await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'follow-up', text: 'no time' }))).toBe('invalid_body');
    expect(await code(await send('POST', `/api/chats/${chatId}/comments`, alice, { kind: 'general', text: 'x', dueAt }))).toBe('invalid_body');
  });

  it('are changed by their author or a manager, not by another agent, and every change is in History', async () => {
    const world = await seedWorld();
    const [alice, bob, mona] = await Promise.all([signInAs(world.alice), signInAs(world.bob), signInAs(world.mona)]);
    const { chatId } = await startChat(world.groupA);
    const comment = await addComment(chatId, alice, { kind: 'general', text: 'First thought' });
    const path = `/api/chats/${chatId}/comments/${comment.id}`;

    const byBob = await send('PATCH', path, bob, { text: 'Bob was here' });
    expect([byBob.status, await code(byBob)]).toEqual([403, 'not_allowed']);
    expect(await code(await send('DELETE', path, bob))).toBe('not_allowed');
    const byAlice = await send('PATCH', path, alice, { text: 'Second thought' });
    expect(((await byAlice.json()) as { comment: ChatComment }).comment).toMatchObject({ text: 'Second thought', editedBy: { id: world.alice.id } });
    const byMona = await send('PATCH', path, mona, { text: 'Edited by the manager' });
    expect(byMona.status).toBe(200);
    expect(await code(await send('PATCH', path, alice, { text: 'Edited by the manager' }))).toBe('no_change');
    expect(await code(await send('PATCH', path, alice, { text: '' }))).toBe('invalid_body');

    expect((await send('DELETE', path, mona)).status).toBe(204);
    const gone = await send('DELETE', path, alice);
    expect([gone.status, await code(gone)]).toEqual([404, 'no_such_comment']);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM chat_comments WHERE chat_id = ?').bind(chatId).first()).toEqual({ n: 0 });

    const history = await (await send('GET', `/api/chats/${chatId}/transcript`, alice)).json();
    const changes = (history as { events: ChatEvent[] }).events.filter((e) => e.kind.startsWith('comment'));
    expect(changes.map((e) => [e.kind, 'by' in e ? e.by.id : null])).toEqual([
      ['comment', world.alice.id],
      ['comment-edited', world.alice.id],
      ['comment-edited', world.mona.id],
      ['comment-deleted', world.mona.id],
    ]);
  });

  it('are refused for a bad kind, empty or too long text, and outside the caller’s groups', async () => {
    const world = await seedWorld();
    const [alice, carol] = await Promise.all([signInAs(world.alice), signInAs(world.carol)]);
    const { chatId } = await startChat(world.groupA);
    const post = (cookie: string, body: unknown) => send('POST', `/api/chats/${chatId}/comments`, cookie, body);
    expect(await code(await post(alice, { kind: 'secret', text: 'x' }))).toBe('invalid_body');
    expect(await code(await post(alice, { kind: 'general', text: '' }))).toBe('invalid_body');
    expect(await code(await post(alice, { kind: 'general', text: 'x'.repeat(4001) }))).toBe('invalid_body');
    expect(await code(await post(carol, { kind: 'general', text: 'not my group' }))).toBe('not_found');
    expect(await code(await send('PATCH', `/api/chats/${chatId}/comments/nope`, alice, { text: 'x' }))).toBe('no_such_comment');
    expect(((await (await send('GET', `/api/chats/${chatId}/comments`, alice)).json()) as { comments: unknown[] }).comments).toEqual([]);
  });
});

describe('time logs', () => {
  it('are logged on a chat by staff, totalled, kept in D1, removed by their author or a manager, never seen by the customer', async () => {
    const world = await seedWorld();
    const [alice, bob, mona] = await Promise.all([signInAs(world.alice), signInAs(world.bob), signInAs(world.mona)]);
    const { chatId, token } = await startChat(world.groupA);
    const visitor = await connectVisitor(chatId, token);
    await visitor.replay();
    const path = `/api/chats/${chatId}/time-logs`;
    const first = await send('POST', path, alice, { minutes: 25, note: 'Checked the warehouse', billable: true });
    expect(first.status).toBe(201);
    const { timeLog } = (await first.json()) as { timeLog: { id: string; minutes: number; by: { id: string } } };
    expect(timeLog).toMatchObject({ minutes: 25, billable: true, by: { id: world.alice.id } });
    expect((await send('POST', path, bob, { minutes: 10 })).status).toBe(201);
    const listed = (await (await send('GET', path, alice)).json()) as { timeLogs: unknown[]; total: { all: number; billable: number } };
    expect([listed.timeLogs.length, listed.total]).toEqual([2, { all: 35, billable: 25 }]);
    const rows = await env.DB.prepare('SELECT minutes, billable, agent_id, group_id FROM time_logs WHERE chat_id = ? ORDER BY minutes').bind(chatId).all();
    expect(rows.results).toEqual([
      { minutes: 10, billable: 0, agent_id: world.bob.id, group_id: world.groupA },
      { minutes: 25, billable: 1, agent_id: world.alice.id, group_id: world.groupA },
    ]);

    const byBob = await send('DELETE', `${path}/${timeLog.id}`, bob);
    expect([byBob.status, await code(byBob)]).toEqual([403, 'not_allowed']);
    expect((await send('DELETE', `${path}/${timeLog.id}`, mona)).status).toBe(204);
    const again = await send('DELETE', `${path}/${timeLog.id}`, alice);
    expect([again.status, await code(again)]).toEqual([404, 'no_such_time_log']);
    expect(await env.DB.prepare('SELECT SUM(minutes) AS m FROM time_logs WHERE chat_id = ?').bind(chatId).first()).toEqual({ m: 10 });

    visitor.send({ type: 'ping' });
    await visitor.nextOf('pong');
    expect(visitor.events().some((e) => e.kind === 'time-logged' || e.kind === 'time-log-deleted')).toBe(false);
  });

  it('refuse minutes that are not 1 to a working week, a long note, a date in the future, and change nothing', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const { chatId } = await startChat(world.groupA);
    const path = `/api/chats/${chatId}/time-logs`;
    for (const body of [{ minutes: 0 }, { minutes: -5 }, { minutes: 1.5 }, { minutes: 7201 }, { minutes: '10' }, { minutes: 5, note: 'x'.repeat(1001) }, { minutes: 5, at: Date.now() + 3_600_000 }, {}]) {
      expect(await code(await send('POST', path, alice, body)), JSON.stringify(body)).toBe('invalid_body');
    }
    expect(((await (await send('GET', path, alice)).json()) as { timeLogs: unknown[] }).timeLogs).toEqual([]);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM time_logs WHERE chat_id = ?').bind(chatId).first()).toEqual({ n: 0 });
  });
});

describe('custom fields', () => {
  it('are edited by staff under the pre-chat form’s rules, live and in D1, and refused with a clear code', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const key = `order_${world.groupA.slice(-6)}`;
    const tier = `tier_${world.groupA.slice(-6)}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO custom_fields (key, label, type, required, options, position) VALUES (?, 'Order number', 'number', 0, '[]', 0)").bind(key),
      env.DB.prepare("INSERT INTO custom_fields (key, label, type, required, options, position) VALUES (?, 'Tier', 'select', 1, '[\"gold\",\"silver\"]', 1)").bind(tier),
    ]);
    try {
      const { chatId } = await startChatWith(world.groupA, { [key]: '1234', [tier]: 'silver' });
      const view = await connectAgent(chatId, alice);
      const welcome = await view.nextOf('welcome');
      expect(welcome.chat.fields).toEqual({ [key]: '1234', [tier]: 'silver' });
      await view.replay();

      const put = (fields: Record<string, string>) => send('PUT', `/api/chats/${chatId}/fields`, alice, { fields });
      const ok = await put({ [key]: '5678', [tier]: 'gold' });
      expect(ok.status).toBe(200);
      expect(await nextEvent(view, ['fields-edited'])).toMatchObject({
        audience: 'staff',
        changes: [
          { key, from: '1234', to: '5678' },
          { key: tier, from: 'silver', to: 'gold' },
        ],
      });
      const stored = await env.DB.prepare('SELECT custom_fields FROM chats WHERE id = ?').bind(chatId).first<{ custom_fields: string }>();
      expect(JSON.parse(stored!.custom_fields)).toEqual({ [key]: '5678', [tier]: 'gold' });

      const refusals: [Record<string, string>, string][] = [
        [{ [key]: 'not a number' }, 'invalid_field'],
        [{ [tier]: 'bronze' }, 'invalid_field'],
        [{ [tier]: '' }, 'invalid_field'], // required
        [{ nosuchfield: 'x' }, 'invalid_field'],
        [{}, 'invalid_body'],
        [{ [key]: '5678' }, 'no_change'],
      ];
      for (const [fields, expected] of refusals) expect(await code(await put(fields)), JSON.stringify(fields)).toBe(expected);
      const after = await env.DB.prepare('SELECT custom_fields FROM chats WHERE id = ?').bind(chatId).first<{ custom_fields: string }>();
      expect(JSON.parse(after!.custom_fields)).toEqual({ [key]: '5678', [tier]: 'gold' });
    } finally {
      await env.DB.prepare('DELETE FROM custom_fields WHERE key IN (?, ?)').bind(key, tier).run();
    }
  });
});

async function startChatWith(groupId: string, fields: Record<string, string>): Promise<{ chatId: string; token: string }> {
  const res = await api('/api/visitor/chats', {
    method: 'POST',
    body: JSON.stringify({ name: 'Vera Visitor', email: 'vera@example.test', question: 'Where is my order?', groupId, fields }),
  });
  if (res.status !== 201) throw new Error(`start chat failed: ${res.status} ${await res.text()}`);
  return res.json();
}

describe('taking a chat from a colleague', () => {
  it('is for managers unless the administrator allows agents, and the colleague is told', async () => {
    const world = await seedWorld();
    const [alice, bob, adam] = await Promise.all([signInAs(world.alice), signInAs(world.bob), signInAs(world.adam)]);
    const { chatId } = await startChat(world.groupA);
    await send('POST', `/api/chats/${chatId}/take`, alice);
    const aliceConsole = await connectLobby(alice, world.groupA);
    try {
      const refused = await send('POST', `/api/chats/${chatId}/take-over`, bob);
      expect([refused.status, await code(refused)]).toEqual([403, 'not_allowed']);

      const settings = await send('PUT', '/api/admin/settings', adam, { idleWarningSeconds: 1, idleHighSeconds: 2, agentsMayTakeFromColleagues: true });
      expect(((await settings.json()) as { settings: Record<string, unknown> }).settings).toMatchObject({ agentsMayTakeFromColleagues: true });
      expect((await send('POST', `/api/chats/${chatId}/take-over`, bob)).status).toBe(200);
      expect(await nextNotice(aliceConsole)).toMatchObject({ kind: 'taken-from-you', chatId, by: { id: world.bob.id } });
    } finally {
      await send('PUT', '/api/admin/settings', adam, { idleWarningSeconds: 1, idleHighSeconds: 2, agentsMayTakeFromColleagues: false });
    }
  });
});
