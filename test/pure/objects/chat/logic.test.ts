// The chat state machine, every transition and every refusal, without a runtime.
// Written with node:test so the same file runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ChatInfo, type ChatState, type Command, snapshot, transition } from '../../../../objects/chat/logic.ts';
import type { Person } from '../../../../objects/protocol.ts';
import { MAX_TEXT_LENGTH } from '../../../../objects/protocol.ts';

const visitor: Person = { role: 'visitor', id: 'chat-1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const bob: Person = { role: 'agent', id: 'bob', name: 'Bob' };
const info: ChatInfo = {
  id: 'chat-1',
  groupId: 'sales',
  groupName: 'Sales',
  visitor,
  visitorEmail: 'vera@example.test',
  question: 'Do you ship to Norway?',
  fields: {},
  language: null,
};

/** Applies commands in order, failing the test on the first refusal. */
function run(...commands: Command[]): ChatState {
  let state: ChatState = { status: 'new' };
  commands.forEach((command, i) => {
    const out = transition(state, command, 1000 + i);
    assert.ok(out.ok, `command ${i} (${command.type}) was refused: ${out.ok ? '' : out.code}`);
    state = out.state;
  });
  return state;
}

function refusal(state: ChatState, command: Command): string {
  const out = transition(state, command, 5000);
  assert.equal(out.ok, false, `${command.type} should be refused in ${state.status}`);
  return out.ok ? '' : out.code;
}

const open: Command = { type: 'open', info };
/** As a command names who gives it: the person, and whether they supervise. */
const as = (person: Person, supervisor = false) => ({ person, supervisor });
const take = (agent: Person = alice): Command => ({ type: 'take', by: as(agent), takeover: false });
const takeOver = (agent: Person): Command => ({ type: 'take', by: as(agent, true), takeover: true });
const say = (from: Person, text = 'hello', clientId = 'c1'): Command => ({ type: 'send', by: as(from), clientId, text });
const coach = (from: Person, text = 'psst'): Command => ({ type: 'coach', by: as(from), clientId: 'k1', text });
const end = (by: Person, supervisor = false): Command => ({ type: 'end', by: as(by, supervisor) });

describe('open', () => {
  it('queues a new chat with the visitor question as its first message', () => {
    const out = transition({ status: 'new' }, open, 42);
    assert.ok(out.ok);
    assert.equal(out.state.status, 'queued');
    assert.deepEqual(
      out.events.map((e) => e.kind),
      ['queued', 'message'],
    );
    assert.equal(out.events[1]?.kind === 'message' && out.events[1].text, 'Do you ship to Norway?');
    assert.ok(out.events.every((e) => e.at === 42 && e.audience === 'all'));
  });

  it('is refused once the chat is open', () => {
    assert.equal(refusal(run(open), open), 'already_open');
  });

  it('is the only command a new chat accepts', () => {
    for (const command of [take(), say(visitor), coach(alice), end(visitor)]) {
      assert.equal(refusal({ status: 'new' }, command), 'not_open');
    }
  });
});

describe('take', () => {
  it('makes a queued chat active for the agent, stamping when', () => {
    const out = transition(run(open), take(), 7000);
    assert.ok(out.ok && out.state.status === 'active');
    assert.equal(out.state.takenAt, 7000);
    assert.deepEqual(out.state.agent, alice);
    assert.deepEqual(out.events, [{ kind: 'taken', audience: 'all', at: 7000, agent: alice, fromAgent: null }]);
  });

  it('is refused for a chat another agent already has', () => {
    assert.equal(refusal(run(open, take(alice)), take(bob)), 'already_taken');
  });

  it('hands an active chat over when asked to take it over, keeping the first take time', () => {
    const out = transition(run(open, take(alice)), takeOver(bob), 9000);
    assert.ok(out.ok && out.state.status === 'active');
    assert.deepEqual(out.state.agent, bob);
    assert.equal(out.state.takenAt, 1001);
    assert.deepEqual(out.events, [{ kind: 'taken', audience: 'all', at: 9000, agent: bob, fromAgent: alice }]);
    assert.equal(refusal(run(open, take(alice)), takeOver(alice)), 'already_yours');
  });

  it('is refused for the agent who already has it', () => {
    assert.equal(refusal(run(open, take(alice)), take(alice)), 'already_yours');
  });

  it('is refused once ended, and for visitors', () => {
    assert.equal(refusal(run(open, end(visitor)), take()), 'chat_ended');
    assert.equal(refusal(run(open), take(visitor)), 'not_allowed');
  });
});

describe('send', () => {
  it('lets the visitor write while queued', () => {
    const out = transition(run(open), say(visitor, 'anyone?'), 9);
    assert.ok(out.ok);
    assert.equal(out.state.status, 'queued');
    assert.deepEqual(out.events, [{ kind: 'message', audience: 'all', at: 9, clientId: 'c1', from: visitor, text: 'anyone?' }]);
  });

  it('refuses an agent before the chat is active', () => {
    assert.equal(refusal(run(open), say(alice)), 'not_active');
  });

  it('lets the assigned agent and the visitor write while active, and nobody else', () => {
    const active = run(open, take(alice));
    assert.ok(transition(active, say(alice), 1).ok);
    assert.ok(transition(active, say(visitor), 1).ok);
    assert.equal(refusal(active, say(bob)), 'not_assigned');
  });

  it('refuses empty and over-long text and anything after the end', () => {
    const active = run(open, take(alice));
    assert.equal(refusal(active, say(visitor, '   ')), 'invalid_frame');
    assert.equal(refusal(active, say(visitor, 'x'.repeat(MAX_TEXT_LENGTH + 1))), 'text_too_long');
    assert.ok(transition(active, say(visitor, 'x'.repeat(MAX_TEXT_LENGTH)), 1).ok);
    assert.equal(refusal(run(open, take(alice), end(alice)), say(visitor)), 'chat_ended');
  });
});

describe('coach', () => {
  it('adds a staff-only line to an active chat', () => {
    const out = transition(run(open, take(alice)), coach(bob, 'offer the discount'), 3);
    assert.ok(out.ok);
    assert.deepEqual(out.events, [
      { kind: 'coaching', audience: 'staff', at: 3, clientId: 'k1', from: bob, text: 'offer the discount' },
    ]);
  });

  it('is refused for visitors, before the chat is active and after it ends', () => {
    assert.equal(refusal(run(open, take(alice)), coach(visitor)), 'not_allowed');
    assert.equal(refusal(run(open), coach(bob)), 'not_active');
    assert.equal(refusal(run(open, take(alice), end(alice)), coach(bob)), 'chat_ended');
  });
});

describe('end', () => {
  it('ends a queued chat (visitor gives up) with no agent', () => {
    const state = run(open, end(visitor));
    assert.equal(state.status, 'ended');
    assert.equal(state.status === 'ended' && state.agent, null);
  });

  it('ends an active chat from either side, keeping the agent', () => {
    for (const by of [visitor, alice]) {
      const state = run(open, take(alice), end(by));
      assert.ok(state.status === 'ended');
      assert.deepEqual(state.agent, alice);
      assert.equal(state.takenAt, 1001);
    }
  });

  it('is refused twice, and for an agent who is not assigned', () => {
    assert.equal(refusal(run(open, end(visitor)), end(visitor)), 'chat_ended');
    assert.equal(refusal(run(open, take(alice)), end(bob)), 'not_assigned');
  });

  it('lets a supervisor end a chat assigned to someone else', () => {
    const state = run(open, take(alice), end(bob, true));
    assert.ok(state.status === 'ended');
    assert.deepEqual(state.agent, alice);
  });
});

describe('snapshot', () => {
  it('tells what participants may know at each stage', () => {
    assert.equal(snapshot({ status: 'new' }), undefined);
    assert.deepEqual(snapshot(run(open)), {
      id: 'chat-1',
      status: 'queued',
      groupId: 'sales',
      groupName: 'Sales',
      visitor,
      agent: null,
      startedAt: 1000,
      takenAt: null,
      endedAt: null,
      joined: [],
      followUpAt: null,
      fields: {},
    });
    assert.equal(snapshot(run(open, take(alice), end(alice)))?.endedAt, 1002);
    // Custom fields are staff's: a customer's snapshot carries none.
    const withFields = run({ type: 'open', info: { ...info, fields: { order: '1234' } } });
    assert.deepEqual(snapshot(withFields, 'agent')?.fields, { order: '1234' });
    assert.deepEqual(snapshot(withFields, 'visitor')?.fields, {});
  });
});

const carol: Person = { role: 'agent', id: 'carol', name: 'Carol' };
const billing = { kind: 'group', groupId: 'billing', groupName: 'Billing' } as const;
const transfer = (by: Person, to: Extract<Command, { type: 'transfer' }>['to'], supervisor = false): Command => ({
  type: 'transfer',
  by: { person: by, supervisor },
  to,
});

describe('join (barge-in)', () => {
  it('lets a coach join an active chat openly, after which they may write to the customer', () => {
    const active = run(open, take(alice));
    assert.equal(refusal(active, say(bob)), 'not_assigned');
    const out = transition(active, { type: 'join', by: as(bob) }, 50);
    assert.ok(out.ok);
    assert.deepEqual(out.events, [{ kind: 'joined', audience: 'all', at: 50, person: bob }]);
    assert.ok(transition(out.state, say(bob), 51).ok);
    assert.equal(refusal(out.state, { type: 'join', by: as(bob) }), 'already_yours');
  });

  it('is refused before the chat is taken, after it ends, and for visitors', () => {
    assert.equal(refusal(run(open), { type: 'join', by: as(bob) }), 'not_active');
    assert.equal(refusal(run(open, take(alice), end(alice)), { type: 'join', by: as(bob) }), 'chat_ended');
    assert.equal(refusal(run(open, take(alice)), { type: 'join', by: as(visitor) }), 'not_allowed');
  });
});

describe('transfer', () => {
  it('sends an active chat back to another group’s queue, dropping its agent', () => {
    const out = transition(run(open, take(alice)), transfer(alice, billing), 70);
    assert.ok(out.ok && out.state.status === 'queued');
    assert.equal(out.state.info.groupName, 'Billing');
    assert.deepEqual(out.events[0], { kind: 'transferred', audience: 'all', at: 70, by: alice, fromGroupName: 'Sales', fromAgent: alice, to: billing });
  });

  it('hands a chat straight to an agent, queued or active', () => {
    const fromQueue = transition(run(open), transfer(bob, { kind: 'agent', agent: carol }), 80);
    assert.ok(fromQueue.ok && fromQueue.state.status === 'active');
    assert.deepEqual(fromQueue.state.agent, carol);
    assert.equal(fromQueue.state.takenAt, 80);
    const fromAgent = transition(run(open, take(alice)), transfer(alice, { kind: 'agent', agent: carol }), 90);
    assert.ok(fromAgent.ok && fromAgent.state.status === 'active');
    assert.equal(fromAgent.state.takenAt, 1001);
  });

  it('is refused to someone else’s chat unless supervising, once ended, and when nothing would change', () => {
    const active = run(open, take(alice));
    assert.equal(refusal(active, transfer(bob, billing)), 'not_assigned');
    assert.ok(transition(active, transfer(bob, billing, true), 1).ok);
    assert.equal(refusal(run(open, end(visitor)), transfer(alice, billing)), 'chat_ended');
    assert.equal(refusal(run(open), transfer(alice, { kind: 'group', groupId: 'sales', groupName: 'Sales' })), 'no_change');
    assert.equal(refusal(active, transfer(alice, { kind: 'agent', agent: alice })), 'no_change');
    assert.equal(refusal(active, transfer(visitor, billing)), 'not_allowed');
  });
});

describe('follow-up and delete', () => {
  it('schedules and clears a staff-only follow-up in any status', () => {
    const out = transition(run(open, end(visitor)), { type: 'follow-up', by: as(alice), at: 9999 }, 100);
    assert.ok(out.ok && out.state.status === 'ended');
    assert.equal(out.state.followUpAt, 9999);
    assert.equal(out.events[0]?.audience, 'staff');
    assert.equal(refusal(run(open), { type: 'follow-up', by: as(alice), at: 4000 }), 'invalid_frame');
    assert.equal(refusal(run(open), { type: 'follow-up', by: as(visitor), at: 9999 }), 'not_allowed');
  });

  it('deletes only a completed chat, and then nothing more happens to it', () => {
    assert.equal(refusal(run(open, take(alice)), { type: 'delete', by: as(alice) }), 'not_ended');
    const out = transition(run(open, end(visitor)), { type: 'delete', by: as(alice) }, 1);
    assert.ok(out.ok);
    assert.deepEqual(out.state, { status: 'deleted' });
    assert.equal(refusal(out.state, say(visitor)), 'not_open');
    assert.equal(snapshot(out.state), undefined);
  });
});

describe('snapshot: who joined, and the follow-up', () => {
  const ada: Person = { role: 'agent', id: 'ada', name: 'Ada' };
  const join = (who: Person): Command => ({ type: 'join', by: as(who) });
  const joinedIds = (state: ChatState) => snapshot(state)?.joined.map((p) => p.id).sort();

  it('carries who joined until a transfer or a fresh take, and drops whoever takes over', () => {
    assert.deepEqual(joinedIds(run(open, take(alice), join(ada), join(bob))), ['ada', 'bob']);
    assert.deepEqual(joinedIds(run(open, take(alice), join(ada), takeOver(ada))), []);
    const toBob: Command = { type: 'transfer', by: as(alice), to: { kind: 'agent', agent: bob } };
    assert.deepEqual(joinedIds(run(open, take(alice), join(ada), toBob)), []);
  });

  it('carries the follow-up in force to staff, and never to the visitor', () => {
    const followUp = (at: number | null): Command => ({ type: 'follow-up', by: as(alice), at });
    const due = run(open, followUp(9000), followUp(9999));
    assert.equal(snapshot(due)?.followUpAt, 9999);
    assert.equal(snapshot(due, 'visitor')?.followUpAt, null);
    assert.equal(snapshot(run(open, followUp(9000), followUp(null)))?.followUpAt, null);
    assert.equal(snapshot(run(open))?.followUpAt, null);
  });
});
