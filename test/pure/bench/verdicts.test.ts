// The bench's memory verdict: a ratio is only a verdict when the baseline grew measurably. RSS
// growth of the baseline's idle sockets is often a few KiB either way (pages freed meanwhile), and
// a negative or tiny denominator must never read as a pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundVerdict, memoryVerdict } from '../../../bench/verdicts.ts';

describe('memoryVerdict', () => {
  it('passes or fails a measurable ratio against the target', () => {
    assert.deepEqual(memoryVerdict(120, 100, 1.3), { ratio: 1.2, verdict: 'PASS' });
    assert.deepEqual(memoryVerdict(200, 100, 1.3), { ratio: 2, verdict: 'FAIL' });
  });

  it('gives no verdict when the baseline grew too little (or shrank) to divide by', () => {
    assert.deepEqual(memoryVerdict(104, -6, 1.3), { ratio: null, verdict: 'UNMEASURED' });
    assert.deepEqual(memoryVerdict(104, 2, 1.3), { ratio: null, verdict: 'UNMEASURED' });
  });
});

describe('boundVerdict', () => {
  it('passes a figure at or under its bound and fails one over it', () => {
    assert.equal(boundVerdict(50, 50), 'PASS');
    assert.equal(boundVerdict(50.1, 50), 'FAIL');
  });

  it('gives no verdict when nothing was measured', () => {
    assert.equal(boundVerdict(NaN, 50), 'UNMEASURED');
  });
});
