// The console's manual events without a browser: which events a list's menu offers for the
// checked chats, how a failed read of them is said and mended, how a report counts failures, and
// how History words a run and its webhook.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signal } from '@preact/signals';
import type { ChatEvent, ChatListRow } from '../../../../../objects/protocol.ts';
import type { RunnableEvent } from '../../../../../worker/manual-events/wire.ts';
import { createChatManualEvents, createListManualEvents, failures, usableOnAll } from '../../../../../client/console/manual-events/manual-events.ts';
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

describe('the Actions menu’s events', () => {
  /** `fetch` answering each GET from `answers` in turn: a list of events, or a failure. */
  function stubFetch(answers: (RunnableEvent[] | 'down')[]): { calls: string[]; restore(): void } {
    const own = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      const answer = answers.shift() ?? 'down';
      if (answer === 'down') throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ events: answer }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    return { calls, restore: () => (globalThis.fetch = own) };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('a chat’s failed read says so, keeps nothing stale, and opening the menu reads again', async () => {
    const net = stubFetch(['down', [event('notify', ['sales'])]]);
    try {
      const model = createChatManualEvents('c1', signal('sales'), signal('Ada'));
      await settle();
      assert.equal(model.loaded.value, true);
      assert.equal(model.failed.value, true, 'the menu says the events could not be loaded, not that there are none');
      model.refresh();
      await settle();
      assert.equal(model.failed.value, false);
      assert.deepEqual(model.events.value.map((e) => e.id), ['notify']);
      assert.deepEqual(net.calls, ['/api/chats/c1/manual-events', '/api/chats/c1/manual-events']);
      model.dispose();
    } finally {
      net.restore();
    }
  });

  it('a chat moved to another group stops offering the old group’s events, also when the new read fails', async () => {
    const net = stubFetch([[event('sales-only', ['sales'])], 'down']);
    try {
      const group = signal<string | null>('sales');
      const model = createChatManualEvents('c3', group, signal('Ada'));
      await settle();
      assert.deepEqual(model.events.value.map((e) => e.id), ['sales-only']);
      group.value = 'support';
      await settle();
      assert.deepEqual(model.events.value, []);
      assert.equal(model.failed.value, true);
      model.dispose();
    } finally {
      net.restore();
    }
  });

  it('a list keeps the answer to its latest read when an earlier one arrives after it', async () => {
    const own = globalThis.fetch;
    const answers: ((events: RunnableEvent[]) => void)[] = [];
    globalThis.fetch = (() =>
      new Promise<Response>((resolve) => {
        answers.push((events) => resolve(new Response(JSON.stringify({ events }), { status: 200, headers: { 'content-type': 'application/json' } })));
      })) as typeof fetch;
    try {
      const model = createListManualEvents(signal([{ groupId: 'sales' } as ChatListRow]));
      const first = model.load();
      const second = model.load();
      answers[1]!([event('newer', ['sales'])]);
      await second;
      answers[0]!([event('older', ['sales'])]);
      await first;
      assert.deepEqual(model.usable.value.map((e) => e.id), ['newer']);
    } finally {
      globalThis.fetch = own;
    }
  });

  it('a chat with no group yet reads nothing, even when its menu opens', async () => {
    const net = stubFetch([[event('notify', ['sales'])]]);
    try {
      const model = createChatManualEvents('c2', signal<string | null>(null), signal('Ada'));
      model.refresh();
      await settle();
      assert.deepEqual(net.calls, []);
      model.dispose();
    } finally {
      net.restore();
    }
  });

  it('a list’s failed read keeps what it offered and says so; the next read mends it', async () => {
    const net = stubFetch([[event('both', ['sales', 'support'])], 'down', [event('both', ['sales', 'support']), event('sales-only', ['sales'])]]);
    try {
      const model = createListManualEvents(signal([{ groupId: 'sales' } as ChatListRow]));
      await model.load();
      assert.deepEqual(model.usable.value.map((e) => e.id), ['both']);
      await model.load();
      assert.equal(model.failed.value, true);
      assert.deepEqual(model.usable.value.map((e) => e.id), ['both'], 'what the menu offered before stays');
      await model.load();
      assert.equal(model.failed.value, false);
      assert.deepEqual(model.usable.value.map((e) => e.id), ['both', 'sales-only']);
    } finally {
      net.restore();
    }
  });
});
