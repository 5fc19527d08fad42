// When a client sends a typing frame: at once when it starts after a pause or stops, at most once
// per interval while the person types, and never the same draft twice.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTHING_SENT, TYPING_KEEPALIVE_MS, TYPING_SEND_INTERVAL_MS, TYPING_SHOWN_MS, typingDecision } from '../../../../client/shared/typing.ts';
import { TYPING_PER_SECOND } from '../../../../objects/chat/typing.ts';

describe('typing frames from a client', () => {
  it('sends the first keystroke at once and a stop at once', () => {
    assert.deepEqual(typingDecision(NOTHING_SENT, 'H', 10_000), { send: 'now' });
    assert.deepEqual(typingDecision({ draft: 'Hel', at: 10_000 }, '', 10_010), { send: 'now' });
  });

  it('holds a keystroke within the interval for later, and sends nothing the other side already has', () => {
    assert.deepEqual(typingDecision({ draft: 'H', at: 10_000 }, 'He', 10_100), { send: 'later', waitMs: TYPING_SEND_INTERVAL_MS - 100 });
    assert.deepEqual(typingDecision({ draft: 'H', at: 10_000 }, 'He', 10_000 + TYPING_SEND_INTERVAL_MS), { send: 'now' });
    assert.deepEqual(typingDecision({ draft: 'He', at: 10_000 }, 'He', 20_000), { send: 'no' });
    assert.deepEqual(typingDecision(NOTHING_SENT, '', 20_000), { send: 'no' });
  });

  it("says staff's typing only when it starts or stops, and again while it goes on, before the others' signal lapses", () => {
    assert.deepEqual(typingDecision(NOTHING_SENT, '…', 10_000, 'state'), { send: 'now' });
    assert.deepEqual(typingDecision({ draft: '…', at: 10_000 }, '…', 10_100, 'state'), { send: 'no' });
    assert.deepEqual(typingDecision({ draft: '…', at: 10_000 }, '…', 10_000 + TYPING_KEEPALIVE_MS, 'state'), { send: 'now' });
    assert.deepEqual(typingDecision({ draft: '…', at: 10_000 }, '', 10_100, 'state'), { send: 'now' });
    assert.deepEqual(typingDecision(NOTHING_SENT, '', 20_000, 'state'), { send: 'no' });
    assert.ok(TYPING_KEEPALIVE_MS < TYPING_SHOWN_MS);
  });

  it('stays under what the server passes on', () => {
    assert.ok(1000 / TYPING_SEND_INTERVAL_MS <= TYPING_PER_SECOND);
  });
});
