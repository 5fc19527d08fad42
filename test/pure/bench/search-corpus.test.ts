// The search bench's text (bench/search-corpus.ts): the same seed writes the same messages, each
// of the length the bench promises, and the commonest words are the vocabulary's first ones, as a
// Zipf-like law makes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rng } from '../../../bench/seeding.ts';
import { textWriter } from '../../../bench/search-corpus.ts';

const SAMPLE = 2000;

describe('textWriter', () => {
  it('writes the same messages from the same seed', () => {
    const a = textWriter(rng(1));
    const b = textWriter(rng(1));
    for (let i = 0; i < 20; i++) assert.deepEqual(a.message(), b.message());
  });

  it('writes messages of 5 to 20 words, plus a rare word and an order number at most', () => {
    const writer = textWriter(rng(2));
    for (let i = 0; i < SAMPLE; i++) {
      const words = writer.message().text.split(' ').length;
      assert.ok(words >= 5 && words <= 20 + 1 + 2 + 3, `${words} words`);
    }
  });

  it('uses its first words far more than its last', () => {
    const writer = textWriter(rng(3));
    const counts = new Map<string, number>();
    for (let i = 0; i < SAMPLE; i++) {
      for (const w of writer.message().text.toLowerCase().split(/[ .?]+/)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const head = writer.vocabulary.slice(0, 10).reduce((n, w) => n + (counts.get(w) ?? 0), 0);
    const tail = writer.vocabulary.slice(-10).reduce((n, w) => n + (counts.get(w) ?? 0), 0);
    assert.ok(head > 50 * Math.max(tail, 1), `head ${head}, tail ${tail}`);
  });
});
