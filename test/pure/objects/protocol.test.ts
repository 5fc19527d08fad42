// Frame parsing and the audience rule, without a runtime (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientFrameSchema, MAX_CLIENT_ID_LENGTH, MAX_TEXT_LENGTH, parseClientFrame, rolesFor, visibleTo } from '../../../objects/protocol.ts';

function code(raw: string): string {
  const out = parseClientFrame(raw);
  assert.equal(out.ok, false, `expected ${raw.slice(0, 60)} to be refused`);
  return out.ok ? '' : out.code;
}

describe('parseClientFrame', () => {
  it('decides every message and coaching frame as the schema does (its hand-written fast path)', () => {
    const ids: unknown[] = ['a', 'x'.repeat(MAX_CLIENT_ID_LENGTH), 'x'.repeat(MAX_CLIENT_ID_LENGTH + 1), '', 7, null, undefined, ['a']];
    const texts: unknown[] = ['hi', ' ', 'y'.repeat(MAX_TEXT_LENGTH), 'y'.repeat(MAX_TEXT_LENGTH + 1), '', 3, null, undefined, { t: 1 }, '\ud800'];
    const firsts: unknown[] = [undefined, true, false, 'yes', 1];
    for (const type of ['send', 'coach'] as const) {
      for (const id of ids) {
        for (const [text, first] of texts.flatMap((t) => firsts.map((f) => [t, f] as const))) {
          const frame = { type, id, text, ...(first === undefined ? {} : { first }), extra: 'dropped' };
          const schema = ClientFrameSchema.safeParse(frame);
          const out = parseClientFrame(JSON.stringify(frame));
          const what = `${type} ${JSON.stringify(id)?.slice(0, 20)} ${JSON.stringify(text)?.slice(0, 20)}`;
          if (schema.success && typeof text === 'string' && text !== '\ud800') {
            assert.deepEqual(out, { ok: true, frame: schema.data }, what);
            assert.equal('extra' in (out.ok ? out.frame : {}), false, what);
          } else {
            assert.equal(out.ok, false, what);
          }
        }
      }
    }
  });

  it('decides every typing frame as the schema does (its fast path too)', () => {
    for (const draft of ['', 'half a sen', 'y'.repeat(MAX_TEXT_LENGTH), 'y'.repeat(MAX_TEXT_LENGTH + 1), 3, null, undefined, '\ud800']) {
      const frame = { type: 'typing', draft, extra: 'dropped' };
      const schema = ClientFrameSchema.safeParse(frame);
      const out = parseClientFrame(JSON.stringify(frame));
      if (schema.success && draft !== '\ud800') assert.deepEqual(out, { ok: true, frame: schema.data });
      else assert.equal(out.ok, false, JSON.stringify(draft)?.slice(0, 20));
    }
    assert.equal(code(JSON.stringify({ type: 'typing', draft: 'y'.repeat(MAX_TEXT_LENGTH + 1) })), 'text_too_long');
    assert.equal(code(JSON.stringify({ type: 'typing', draft: '\ud800' })), 'invalid_text');
    assert.equal(code(JSON.stringify({ type: 'typing' })), 'invalid_frame');
  });

  it('accepts each kind of frame', () => {
    for (const frame of [
      { type: 'send', id: 'a', text: 'hi' },
      { type: 'send', id: 'a', text: 'hi', first: true },
      { type: 'coach', id: 'b', text: 'psst' },
      { type: 'coach', id: 'b', text: 'psst', first: true },
      { type: 'take' },
      { type: 'end' },
      { type: 'typing', draft: 'I have a qu' },
      { type: 'ping' },
    ]) {
      const out = parseClientFrame(JSON.stringify(frame));
      assert.ok(out.ok);
      assert.deepEqual(out.frame, frame);
    }
  });

  it('refuses what is not JSON, not an object or of no known type', () => {
    assert.equal(code('{nope'), 'bad_json');
    assert.equal(code('[1,2]'), 'invalid_frame');
    assert.equal(code('"send"'), 'invalid_frame');
    assert.equal(code('{"type":"shout","text":"hi"}'), 'unknown_type');
    assert.equal(code('{"text":"hi"}'), 'unknown_type');
  });

  it('refuses wrong field types and missing fields', () => {
    assert.equal(code('{"type":"send","id":5,"text":"hi"}'), 'invalid_frame');
    assert.equal(code('{"type":"send","id":"a","text":["hi"]}'), 'invalid_frame');
    assert.equal(code('{"type":"send","id":"a"}'), 'invalid_frame');
    assert.equal(code('{"type":"send","id":"","text":"hi"}'), 'invalid_frame');
    // `first` is true or absent: nothing else says a transmission is the first.
    assert.equal(code('{"type":"send","id":"a","text":"hi","first":false}'), 'invalid_frame');
    assert.equal(code('{"type":"coach","id":"a","text":"hi","first":"yes"}'), 'invalid_frame');
  });

  it('refuses text over the limit, keeping the client id so the sender can match it', () => {
    const out = parseClientFrame(JSON.stringify({ type: 'send', id: 'x1', text: 'y'.repeat(MAX_TEXT_LENGTH + 1) }));
    assert.deepEqual(out.ok ? null : [out.code, out.id], ['text_too_long', 'x1']);
    assert.ok(parseClientFrame(JSON.stringify({ type: 'send', id: 'x1', text: 'y'.repeat(MAX_TEXT_LENGTH) })).ok);
  });

  it('refuses binary frames', () => {
    const out = parseClientFrame(new ArrayBuffer(4));
    assert.equal(out.ok ? '' : out.code, 'invalid_frame');
  });
});

describe('audiences', () => {
  it('never lets a visitor see a staff-only event', () => {
    assert.deepEqual(rolesFor('staff'), ['agent']);
    assert.equal(visibleTo('visitor', 'staff'), false);
    assert.equal(visibleTo('visitor', 'all'), true);
    assert.equal(visibleTo('agent', 'all'), true);
  });
});
