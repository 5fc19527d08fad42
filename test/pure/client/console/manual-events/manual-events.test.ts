// The console's manual events without a browser: which events a list's menu offers for the
// checked chats, how a report counts failures, and how History words a run and its webhook.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent } from '../../../../../objects/protocol.ts';
import type { RunnableEvent } from '../../../../../worker/manual-events/wire.ts';
import { failures, usableOnAll } from '../../../../../client/console/manual-events/manual-events.ts';
import { describeEvent } from '../../../../../client/console/chat/tabs/history.ts';

const event = (id: string, groupIds: string[]): RunnableEvent => ({ id, name: id, groupIds, actions: ['add-comment'] });

describe('the list’s Actions menu', () => {
  it('offers the events usable in every checked chat’s group, and none with nothing checked', () => {
    const events = [event('sales-only', ['sales']), event('both', ['sales', 'support'])];
    assert.deepEqual(usableOnAll(events, [{ groupId: 'sales' }]).map((e) => e.id), ['sales-only', 'both']);
    assert.deepEqual(usableOnAll(events, [{ groupId: 'sales' }, { groupId: 'support' }]).map((e) => e.id), ['both']);
    assert.deepEqual(usableOnAll(events, [{ groupId: 'billing' }]), []);
    assert.deepEqual(usableOnAll(events, []), []);
  });
});

describe('a run’s report', () => {
  it('counts each failed action, and a chat the run did not start on as one', () => {
    const run = (oks: boolean[]) => ({ runId: 'r', eventId: 'e', name: 'E', chatId: 'c', outcomes: oks.map((ok) => ({ action: 'end-chat' as const, ok, detail: '' })) });
    const report = {
      eventName: 'E',
      error: null,
      lines: [
        { chatId: 'a', name: 'A', run: run([true, false, false]), refusal: null },
        { chatId: 'b', name: 'B', run: null, refusal: 'No longer in your groups.' },
      ],
    };
    assert.equal(failures(report), 3);
  });
});

describe('History', () => {
  const by = { role: 'agent' as const, id: 'alice', name: 'Alice' };
  it('says who ran which event, how many actions failed, and each action’s outcome', () => {
    const e: ChatEvent = {
      seq: 7,
      at: 1000,
      kind: 'manual-event',
      audience: 'staff',
      by,
      runId: 'r1',
      eventId: 'e1',
      name: 'Escalate',
      outcomes: [
        { action: 'add-comment', ok: true, detail: 'Added a general comment: Hi' },
        { action: 'end-chat', ok: false, detail: 'Only the assigned agent can end this chat.' },
      ],
    };
    const line = describeEvent(e);
    assert.deepEqual([line.label, line.text, line.staffOnly], ['Manual event', 'Alice ran Escalate: 1 of 2 actions failed', true]);
    assert.deepEqual(line.steps, [
      { ok: true, text: 'Add comment: done. Added a general comment: Hi' },
      { ok: false, text: 'End chat: failed. Only the assigned agent can end this chat.' },
    ]);
  });

  it('says where a webhook went, or why it failed for good', () => {
    const base = { seq: 8, at: 2000, audience: 'staff' as const, runId: 'r1', deliveryId: 'd1', name: 'Notify CRM', url: 'https://crm.test/h', attempts: 5 };
    assert.equal(describeEvent({ ...base, kind: 'webhook-delivered', status: 204 }).text, 'Notify CRM: https://crm.test/h answered 204 (attempt 5)');
    assert.equal(
      describeEvent({ ...base, kind: 'webhook-failed', reason: 'The receiver answered HTTP 503.' }).text,
      'Notify CRM: https://crm.test/h was not reached after 5 attempts: The receiver answered HTTP 503.',
    );
  });
});
