// Roving focus in tabs (left/right) and menus (up/down): wraps at both ends, Home and End jump,
// other keys do nothing. Runs under Node and Deno.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rovingIndex } from '../../../../../client/console/ui/roving.ts';

describe('rovingIndex', () => {
  it('moves along its axis, wrapping, and jumps with Home and End', () => {
    assert.equal(rovingIndex('ArrowRight', 2, 3, 'horizontal'), 0);
    assert.equal(rovingIndex('ArrowLeft', 0, 3, 'horizontal'), 2);
    assert.equal(rovingIndex('ArrowDown', 0, 3, 'vertical'), 1);
    assert.equal(rovingIndex('ArrowUp', -1, 3, 'vertical'), 1);
    assert.equal(rovingIndex('Home', 2, 3, 'vertical'), 0);
    assert.equal(rovingIndex('End', 0, 3, 'horizontal'), 2);
  });

  it('ignores the other axis, other keys and an empty row', () => {
    assert.equal(rovingIndex('ArrowDown', 0, 3, 'horizontal'), -1);
    assert.equal(rovingIndex('a', 0, 3, 'vertical'), -1);
    assert.equal(rovingIndex('ArrowDown', 0, 0, 'vertical'), -1);
  });
});
