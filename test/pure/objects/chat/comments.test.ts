// Comments and the other records staff keep beside a conversation, as the pure state machine and
// folds decide them: each kind and its side effect, who may change one, custom-field edits,
// taking from a colleague, and who is told what. Runs under Node and Deno.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentComments, mayChangeComment } from '../../../../objects/rules/comments.ts';
import { type ChatInfo, type ChatState, type Command, transition } from '../../../../objects/chat/logic.ts';
import { followUpNotice, noticesFor } from '../../../../objects/chat/notices.ts';
import { currentTimeLogs, formatMinutes, totalMinutes } from '../../../../objects/rules/time-logs.ts';
import type { ChatEvent, EventDraft, Person } from '../../../../objects/protocol.ts';

const visitor: Person = { role: 'visitor', id: 'chat-1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const bob: Person = { role: 'agent', id: 'bob', name: 'Bob' };
const mona: Person = { role: 'agent', id: 'mona', name: 'Mona' };
const info: ChatInfo = {
  id: 'chat-1',
  groupId: 'sales',
  groupName: 'Sales',
  visitor,
  visitorEmail: 'vera@example.test',
  question: 'Where is my order?',
  fields: { order: '1234' },
  language: null,
};
const as = (person: Person, supervisor = false) => ({ person, supervisor });
const NOW = 10_000;

/** Applies commands, keeping the events with their seqs (as the log would number them). */
function run(...commands: Command[]): { state: ChatState; events: ChatEvent[] } {
  let state: ChatState = { status: 'new' };
  const events: ChatEvent[] = [];
  for (const [i, command] of commands.entries()) {
    const out = transition(state, command, NOW + i);
    assert.ok(out.ok, `${command.type} refused: ${out.ok ? '' : out.code}`);
    state = out.state;
    events.push(...out.events.map((e: EventDraft, j) => ({ ...e, seq: events.length + j + 1 }) as ChatEvent));
  }
  return { state, events };
}

function refusal(state: ChatState, command: Command): string {
  const out = transition(state, command, NOW + 100);
  assert.equal(out.ok, false, `${command.type} should be refused`);
  return out.ok ? '' : out.code;
}

const open: Command = { type: 'open', info };
const take = (p: Person): Command => ({ type: 'take', by: as(p), takeover: false });
const comment = (by: Person, kind: Extract<Command, { type: 'comment' }>['kind'], text = 'note', dueAt: number | null = null, id = `k-${text}`): Command => ({
  type: 'comment',
  by: as(by),
  id,
  kind,
  text,
  dueAt,
});

describe('comments', () => {
  it('are staff-only events of every kind, folded into what stands now', () => {
    const { events } = run(open, comment(alice, 'general', 'g'), comment(alice, 'resolution', 'r'), comment(bob, 'sticky', 's'));
    const added = events.filter((e) => e.kind === 'comment');
    assert.ok(added.every((e) => e.audience === 'staff'));
    assert.deepEqual(
      currentComments(events).map((c) => [c.kind, c.text, c.by.id]),
      [
        ['general', 'g', 'alice'],
        ['resolution', 'r', 'alice'],
        ['sticky', 's', 'bob'],
      ],
    );
  });

  it('are refused for customers, empty or over-long text, and a due time on the wrong kind', () => {
    const { state } = run(open);
    assert.equal(refusal(state, comment(visitor, 'general')), 'not_allowed');
    assert.equal(refusal(state, comment(alice, 'general', '   ')), 'invalid_frame');
    assert.equal(refusal(state, comment(alice, 'general', 'x'.repeat(4001))), 'text_too_long');
    assert.equal(refusal(state, comment(alice, 'general', 'x', NOW + 5000)), 'invalid_frame');
    assert.equal(refusal(state, comment(alice, 'follow-up', 'x', null)), 'invalid_frame');
    assert.equal(refusal(state, comment(alice, 'follow-up', 'x', NOW - 1)), 'invalid_frame');
  });

  it('a Follow-Up comment schedules the follow-up for its author; deleting it clears that follow-up', () => {
    const dueAt = NOW + 60_000;
    const { state, events } = run(open, comment(alice, 'follow-up', 'call back', dueAt));
    assert.ok(state.status === 'queued');
    assert.equal(state.followUpAt, dueAt);
    assert.deepEqual(state.followUpBy, alice);
    assert.deepEqual(events.slice(-2).map((e) => e.kind), ['comment', 'follow-up']);
    const [followUp] = currentComments(events);
    const out = transition(state, { type: 'delete-comment', by: as(alice), comment: followUp }, NOW + 5);
    assert.ok(out.ok && out.state.status === 'queued');
    assert.equal(out.state.followUpAt, null);
    assert.deepEqual(out.events.map((e) => e.kind), ['comment-deleted', 'follow-up']);
  });

  it('are edited and deleted by their author or a supervisor only, and a missing one is named', () => {
    const { state, events } = run(open, comment(alice, 'general', 'mine'));
    const [mine] = currentComments(events);
    assert.equal(mayChangeComment(mine!, as(bob)), false);
    assert.equal(mayChangeComment(mine!, as(mona, true)), true);
    assert.equal(refusal(state, { type: 'edit-comment', by: as(bob), comment: mine, text: 'hijack' }), 'not_allowed');
    assert.equal(refusal(state, { type: 'edit-comment', by: as(alice), comment: mine, text: 'mine' }), 'no_change');
    assert.equal(refusal(state, { type: 'edit-comment', by: as(alice), comment: undefined, text: 'x' }), 'no_such_comment');
    const edited = transition(state, { type: 'edit-comment', by: as(mona, true), comment: mine, text: 'tidied' }, NOW + 7);
    assert.ok(edited.ok);
    const after = currentComments([...events, { ...edited.events[0]!, seq: 99 } as ChatEvent]);
    assert.deepEqual([after[0]?.text, after[0]?.editedBy?.id, after[0]?.editedAt], ['tidied', 'mona', NOW + 7]);
    const gone = currentComments([...events, { kind: 'comment-deleted', audience: 'staff', at: 1, seq: 100, commentId: mine!.id, by: alice }]);
    assert.deepEqual(gone, []);
  });

  it('a transfer carries an optional Transfer comment for whoever receives the chat', () => {
    const { state } = run(open, take(alice));
    const to = { kind: 'agent', agent: bob } as const;
    const out = transition(state, { type: 'transfer', by: as(alice), to, comment: { id: 't1', text: ' Refund due ' } }, NOW + 9);
    assert.ok(out.ok);
    assert.deepEqual(
      out.events.map((e) => e.kind),
      ['transferred', 'comment'],
    );
    assert.deepEqual(out.events[1], {
      kind: 'comment',
      audience: 'staff',
      at: NOW + 9,
      commentId: 't1',
      commentKind: 'transfer',
      by: alice,
      text: 'Refund due',
      dueAt: null,
      forTarget: to,
    });
    const blank = transition(state, { type: 'transfer', by: as(alice), to, comment: { id: 't2', text: '  ' } }, NOW + 9);
    assert.ok(blank.ok && blank.events.length === 1);
  });
});

describe('time logs', () => {
  const logTime = (by: Person, minutes: number, extra: Partial<Extract<Command, { type: 'log-time' }>> = {}): Command => ({
    type: 'log-time',
    by: as(by),
    id: `t${minutes}`,
    minutes,
    note: '',
    billable: false,
    at: NOW,
    ...extra,
  });

  it('are staff-only events folded into the logs that stand, with their total', () => {
    const { state, events } = run(open, logTime(alice, 30, { billable: true }), logTime(bob, 15));
    assert.ok(events.filter((e) => e.kind === 'time-logged').every((e) => e.audience === 'staff'));
    assert.deepEqual(totalMinutes(currentTimeLogs(events)), { all: 45, billable: 30 });
    const [mine] = currentTimeLogs(events);
    assert.equal(refusal(state, { type: 'delete-time-log', by: as(bob), timeLog: mine }), 'not_allowed');
    const removed = transition(state, { type: 'delete-time-log', by: as(mona, true), timeLog: mine }, NOW + 5);
    assert.ok(removed.ok);
    assert.deepEqual(totalMinutes(currentTimeLogs([...events, { ...removed.events[0]!, seq: 50 } as ChatEvent])), { all: 15, billable: 0 });
    assert.equal(formatMinutes(95), '1 h 35 min');
    assert.equal(formatMinutes(60), '1 h');
    assert.equal(formatMinutes(5), '5 min');
  });

  it('refuse customers, minutes out of range or not whole, a long note, the future, a missing log', () => {
    const { state } = run(open);
    assert.equal(refusal(state, logTime(visitor, 5)), 'not_allowed');
    for (const minutes of [0, -1, 1.5, 5 * 24 * 60 + 1]) assert.equal(refusal(state, logTime(alice, minutes)), 'invalid_frame', String(minutes));
    assert.equal(refusal(state, logTime(alice, 5, { note: 'x'.repeat(1001) })), 'text_too_long');
    assert.equal(refusal(state, logTime(alice, 5, { at: NOW + 60_000 })), 'invalid_frame');
    assert.equal(refusal(state, { type: 'delete-time-log', by: as(alice), timeLog: undefined }), 'no_such_time_log');
  });
});

describe('custom fields edited by staff', () => {
  it('change only what differs, say so in a staff-only event, and clear with an empty value', () => {
    const { state } = run(open);
    const out = transition(state, { type: 'set-fields', by: as(alice), fields: { order: '5678', tier: 'gold' } }, NOW + 3);
    assert.ok(out.ok && out.state.status === 'queued');
    assert.deepEqual(out.state.info.fields, { order: '5678', tier: 'gold' });
    assert.deepEqual(out.events, [
      {
        kind: 'fields-edited',
        audience: 'staff',
        at: NOW + 3,
        by: alice,
        changes: [
          { key: 'order', from: '1234', to: '5678' },
          { key: 'tier', from: '', to: 'gold' },
        ],
      },
    ]);
    const cleared = transition(out.state, { type: 'set-fields', by: as(alice), fields: { tier: '' } }, NOW + 4);
    assert.ok(cleared.ok && cleared.state.status === 'queued');
    assert.deepEqual(cleared.state.info.fields, { order: '5678' });
    assert.equal(refusal(out.state, { type: 'set-fields', by: as(alice), fields: { order: '5678' } }), 'no_change');
    assert.equal(refusal(out.state, { type: 'set-fields', by: as(visitor), fields: { order: '1' } }), 'not_allowed');
  });
});

describe('taking from a colleague', () => {
  it('is for supervisors, or for agents where the administrator allows it', () => {
    const { state } = run(open, take(alice));
    assert.equal(refusal(state, { type: 'take', by: as(bob), takeover: true }), 'not_allowed');
    assert.equal(refusal(state, { type: 'take', by: as(bob), takeover: true, colleaguesMayTake: false }), 'not_allowed');
    const out = transition(state, { type: 'take', by: as(bob), takeover: true, colleaguesMayTake: true }, NOW + 1);
    assert.ok(out.ok && out.state.status === 'active');
    assert.equal(out.state.agent.id, 'bob');
  });
});

describe('notices', () => {
  it('tell the agent given a chat, the agent it was taken from, and nobody for their own doing', () => {
    const { events } = run(open, take(alice), { type: 'transfer', by: as(alice), to: { kind: 'agent', agent: bob } });
    const transferred = events.filter((e) => e.kind === 'transferred');
    assert.deepEqual(
      noticesFor('chat-1', 'Vera', transferred, 'sales', 'sales').map((n) => [n.agentId, n.notice.kind, n.notice.by?.id]),
      [['bob', 'transferred-to-you', 'alice']],
    );
    const takenOver = run(open, take(alice), { type: 'take', by: as(mona, true), takeover: true }).events.slice(-1);
    assert.deepEqual(
      noticesFor('chat-1', 'Vera', takenOver, 'sales', 'sales').map((n) => [n.agentId, n.notice.kind]),
      [['alice', 'taken-from-you']],
    );
    // A manager moving Alice's chat to another group takes it from her: told through her group's piece.
    const moved = run(open, take(alice), { type: 'transfer', by: as(mona, true), to: { kind: 'group', groupId: 'billing', groupName: 'Billing' } });
    assert.deepEqual(
      noticesFor('chat-1', 'Vera', moved.events.slice(-1), 'sales', 'billing').map((n) => [n.agentId, n.groupId, n.notice.kind]),
      [['alice', 'sales', 'taken-from-you']],
    );
    assert.equal(followUpNotice('chat-1', 'Vera', 5).id, followUpNotice('chat-1', 'Vera', 5).id);
  });
});
