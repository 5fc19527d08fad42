// How long a dropped socket waits before reconnecting: growing, bounded, and jittered so a
// restart is not met by every tab at once. Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelay } from '../../../../client/shared/backoff.ts';

const low = () => 0;
const high = () => 1;

describe('reconnectDelay', () => {
  it('waits between half and all of a step that doubles with each failure', () => {
    for (let failures = 0; failures < 4; failures++) {
      const step = RECONNECT_BASE_MS * 2 ** failures;
      assert.equal(reconnectDelay(failures, low), step / 2);
      assert.equal(reconnectDelay(failures, high), step);
    }
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    assert.equal(reconnectDelay(50, high), RECONNECT_MAX_MS);
    assert.equal(reconnectDelay(Number.MAX_SAFE_INTEGER, high), RECONNECT_MAX_MS);
  });

  it('treats a negative count as the first retry', () => {
    assert.equal(reconnectDelay(-3, high), RECONNECT_BASE_MS);
  });

  it('spreads tabs out: two random draws give different delays', () => {
    assert.notEqual(reconnectDelay(3, () => 0.1), reconnectDelay(3, () => 0.9));
  });
});
