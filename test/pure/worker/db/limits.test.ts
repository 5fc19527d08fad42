// Ids in slices that fit D1's 100 parameters a statement (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IDS_PER_STATEMENT, idSlices } from '../../../../worker/db/limits.ts';

describe('idSlices', () => {
  it('keeps every id, in order, in slices no larger than a statement takes', () => {
    const ids = Array.from({ length: IDS_PER_STATEMENT * 2 + 5 }, (_, i) => `id-${i}`);
    const slices = idSlices(ids);
    assert.deepEqual(slices.map((s) => s.length), [IDS_PER_STATEMENT, IDS_PER_STATEMENT, 5]);
    assert.deepEqual(slices.flat(), ids);
    assert.deepEqual(idSlices([]), []);
  });
});
