// Failed sign-ins: free at first, then slowed with a doubling wait, then locked for a while.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  afterFailure,
  FIRST_DELAY_MS,
  type FailureRecord,
  gate,
  LOCK_AFTER_FAILURES,
  LOCK_MS,
  SLOW_AFTER_FAILURES,
} from '../../../../worker/auth/sign-in-throttle.ts';

function failTimes(n: number, at: number): FailureRecord | undefined {
  let record: FailureRecord | undefined;
  for (let i = 0; i < n; i++) record = afterFailure(record, at);
  return record;
}

describe('sign-in throttle', () => {
  it('lets the first failures retry at once', () => {
    assert.deepEqual(gate(undefined, 0), { open: true });
    assert.deepEqual(gate(failTimes(SLOW_AFTER_FAILURES - 1, 0), 0), { open: true });
  });

  it('then makes each attempt wait, doubling', () => {
    const three = failTimes(SLOW_AFTER_FAILURES, 1000);
    assert.deepEqual(gate(three, 1000), { open: false, code: 'slow_down', retryAfterMs: FIRST_DELAY_MS });
    assert.deepEqual(gate(three, 1000 + FIRST_DELAY_MS), { open: true });
    const four = afterFailure(three, 5000);
    assert.deepEqual(gate(four, 5000), { open: false, code: 'slow_down', retryAfterMs: 2 * FIRST_DELAY_MS });
  });

  it('locks after too many failures, and starts afresh when the lock runs out', () => {
    const locked = failTimes(LOCK_AFTER_FAILURES, 0);
    assert.deepEqual(gate(locked, 10), { open: false, code: 'locked', retryAfterMs: LOCK_MS - 10 });
    assert.deepEqual(gate(locked, LOCK_MS), { open: true });
    assert.equal(afterFailure(locked, LOCK_MS + 1).failures, 1);
  });
});
