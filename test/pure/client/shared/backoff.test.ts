// How long a dropped socket waits before reconnecting: growing, bounded, and jittered so a
// restart is not met by every tab at once. Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelay, retryLevel, STABLE_CONNECTION_MS } from '../../../../client/shared/backoff.ts';

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

describe('retryLevel', () => {
  /** The delays' levels for a run of losses, each after a connection open that long (null: never opened). */
  const levels = (openFor: (number | null)[]) => {
    let attempts = 0;
    return openFor.map((ms) => {
      const level = retryLevel(attempts, ms);
      attempts = level + 1;
      return level;
    });
  };

  it('keeps backing off while the server closes each connection soon after it opens', () => {
    // As when a chat or console closes a socket its agent's hub could not take on (3001).
    assert.deepEqual(levels([50, 50, 50, 50, 50]), [0, 1, 2, 3, 4]);
    assert.equal(reconnectDelay(retryLevel(4, 50), low), RECONNECT_BASE_MS * 8);
  });

  it('starts again from the first step after a connection that held, and counts handshakes that failed', () => {
    assert.deepEqual(levels([null, null, STABLE_CONNECTION_MS, 50, null, STABLE_CONNECTION_MS + 1]), [0, 1, 0, 1, 2, 0]);
  });
});
