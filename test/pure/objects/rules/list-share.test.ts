// The dragged split between list and chat, kept within bounds (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clampListShare, DEFAULT_LIST_SHARE, MAX_LIST_SHARE, MIN_LIST_SHARE } from '../../../../objects/rules/preferences.ts';

describe('the list share', () => {
  it('is a whole percent between its limits, and the default for what is not a number', () => {
    assert.deepEqual([clampListShare(55.4), clampListShare(3), clampListShare(140), clampListShare(Number.NaN)], [55, MIN_LIST_SHARE, MAX_LIST_SHARE, DEFAULT_LIST_SHARE]);
  });
});
