// A composer's draft as a model: text inserted at the cursor, never replacing the draft.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDraft, insertAt } from '../../../../client/shared/draft.ts';

describe('insertAt', () => {
  it('puts the snippet at the cursor and the cursor after it', () => {
    assert.deepEqual(insertAt('Hello world', { start: 5, end: 5 }, ','), { text: 'Hello, world', selection: { start: 6, end: 6 } });
  });

  it('keeps a selection and inserts after it, and keeps a cursor past the end within the text', () => {
    assert.deepEqual(insertAt('Hello world', { start: 6, end: 11 }, ' there'), { text: 'Hello world there', selection: { start: 17, end: 17 } });
    assert.deepEqual(insertAt('Hi', { start: 99, end: 120 }, '!'), { text: 'Hi!', selection: { start: 3, end: 3 } });
  });
});

describe('createDraft', () => {
  it('inserts one snippet after another where the person left the cursor', () => {
    const draft = createDraft();
    draft.typed('Dear , thanks', { start: 5, end: 5 });
    draft.insert('Vera');
    draft.insert(' Smith');
    assert.equal(draft.text.value, 'Dear Vera Smith, thanks');
    assert.deepEqual(draft.selection.value, { start: 15, end: 15 });
    draft.clear();
    assert.equal(draft.text.value, '');
  });
});
