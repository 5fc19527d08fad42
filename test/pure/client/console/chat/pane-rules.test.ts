// The chat pane's rules without a browser (who has joined and the follow-up in force come in the
// chat's snapshot: test/pure/logic.test.ts): what the toolbar offers to whom (mirroring objects/chat/logic.ts), the Status column's words, the
// History tab's lines, and the addresses of pop-out and print windows.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent, Person } from '../../../../../objects/protocol.ts';
import { describeEvent } from '../../../../../client/console/chat/tabs/history.ts';
import { pageMode, popoutUrl, printUrl } from '../../../../../client/console/shell/page-mode.ts';
import { paneAbilities, type PaneContext } from '../../../../../client/console/chat/pane-rules.ts';
import { followUpOf, statusText } from '../../../../../client/console/lists/status.ts';

const vera: Person = { role: 'visitor', id: 'c1', name: 'Vera' };
const alice: Person = { role: 'agent', id: 'alice', name: 'Alice' };
const ada: Person = { role: 'agent', id: 'ada', name: 'Ada' };
const bob: Person = { role: 'agent', id: 'bob', name: 'Bob' };

let seq = 0;
const at = <E extends Omit<ChatEvent, 'seq' | 'at'>>(e: E) => ({ ...e, seq: ++seq, at: seq * 1000 }) as unknown as ChatEvent;
const taken = (agent: Person, fromAgent: Person | null = null) => at({ kind: 'taken', audience: 'all', agent, fromAgent });

describe('paneAbilities', () => {
  const base: PaneContext = { chat: null, meId: 'alice', rank: 'agent', joined: new Set(), online: true, busy: false };
  const active = (agent: Person) => ({ status: 'active' as const, agent });

  it('offers Take on a queued chat, and nothing that needs an agent', () => {
    const can = paneAbilities({ ...base, chat: { status: 'queued', agent: null } });
    assert.deepEqual([can.take, can.end, can.transfer, can.write, can.coach, can.showJoin, can.delete], [true, true, true, false, false, false, false]);
  });

  it('hides what does not apply: an ended chat offers no Take, End, Transfer or Join', () => {
    const ended = paneAbilities({ ...base, chat: { status: 'ended', agent: alice } });
    assert.deepEqual([ended.showTake, ended.showEnd, ended.showTransfer, ended.showJoin, ended.showTakeOver, ended.delete], [false, false, false, false, false, true]);
    const queued = paneAbilities({ ...base, busy: true, chat: { status: 'queued', agent: null } });
    // Busy is passing: the button stays, disabled.
    assert.deepEqual([queued.showTake, queued.take], [true, false]);
  });

  it('offers agents Take over from a colleague only where the administrator allows it', () => {
    assert.equal(paneAbilities({ ...base, meId: 'bob', chat: active(alice) }).showTakeOver, false);
    assert.equal(paneAbilities({ ...base, meId: 'bob', chat: active(alice), colleaguesMayTake: true }).takeOver, true);
  });

  it('lets the assigned agent write, end and transfer, but not join their own chat', () => {
    const can = paneAbilities({ ...base, chat: active(alice) });
    assert.deepEqual([can.write, can.end, can.transfer, can.showJoin, can.showTakeOver], [true, true, true, false, false]);
  });

  it("offers another agent's chat to coach and to join; take over only to supervisors", () => {
    const agent = paneAbilities({ ...base, meId: 'bob', chat: active(alice) });
    assert.deepEqual([agent.coach, agent.join, agent.write, agent.end, agent.showTakeOver], [true, true, false, false, false]);
    const admin = paneAbilities({ ...base, meId: 'ada', rank: 'admin', chat: active(alice) });
    assert.deepEqual([admin.takeOver, admin.end, admin.transfer, admin.join], [true, true, true, true]);
  });

  it('lets a member of staff who joined write to the customer, and not join again', () => {
    const can = paneAbilities({ ...base, meId: 'ada', rank: 'admin', chat: active(alice), joined: new Set(['ada']) });
    assert.deepEqual([can.write, can.showJoin], [true, false]);
  });

  it('offers Delete Chat only once ended; socket actions wait for the connection', () => {
    assert.equal(paneAbilities({ ...base, chat: { status: 'ended', agent: alice } }).delete, true);
    assert.equal(paneAbilities({ ...base, chat: active(alice) }).delete, false);
    const offline = paneAbilities({ ...base, meId: 'bob', online: false, chat: active(alice) });
    assert.deepEqual([offline.join, offline.showJoin], [false, true]);
  });
});

describe('the Status column', () => {
  it('reads the state and the idle warning for screen readers', () => {
    assert.equal(statusText('active', 'normal'), 'Active');
    assert.equal(statusText('active', 'warning'), 'Active, idle warning');
    assert.equal(statusText('queued', 'high'), 'Queued, high idle warning');
    assert.equal(statusText('ended', 'closed'), 'Ended');
  });

  it('says a follow-up is due once its time has come', () => {
    assert.deepEqual(followUpOf({ followUpAt: null }, 10), { state: 'none' });
    assert.deepEqual(followUpOf({ followUpAt: 20 }, 10), { state: 'scheduled', at: 20 });
    assert.deepEqual(followUpOf({ followUpAt: 20 }, 20), { state: 'due', at: 20 });
  });
});

describe('describeEvent', () => {
  it('marks staff-only events and names who did what', () => {
    const coaching = describeEvent(at({ kind: 'coaching', audience: 'staff', clientId: 'x', from: ada, text: 'Offer the discount' }));
    assert.deepEqual([coaching.label, coaching.text, coaching.staffOnly], ['Coaching', 'Ada: Offer the discount', true]);
    const message = describeEvent(at({ kind: 'message', audience: 'all', clientId: 'y', from: vera, text: 'Hi' }));
    assert.deepEqual([message.text, message.staffOnly], ['Vera (customer): Hi', false]);
    assert.equal(describeEvent(taken(ada, alice)).text, 'Ada took the chat over from Alice');
  });
});

describe('page modes', () => {
  it('reads back the addresses the toolbar opens', () => {
    assert.deepEqual(pageMode(popoutUrl('c 1').slice(1)), { kind: 'popout', chatId: 'c 1' });
    assert.deepEqual(pageMode(printUrl('c1').slice(1)), { kind: 'print', chatId: 'c1' });
    assert.deepEqual(pageMode(''), { kind: 'console' });
    assert.deepEqual(pageMode('?chat=c1'), { kind: 'console' });
  });
});
