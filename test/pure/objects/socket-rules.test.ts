// The rules an open socket is held to, without a runtime (Node and Deno): whether a staff
// socket may stay open as rights change, the per-socket send bucket, and what counts as text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketPolicy, fullBucket, SEND_BURST, SEND_RATE_PER_SECOND, takeToken } from '../../../objects/chat/rate.ts';
import { CLOSE_NO_ACCESS, CLOSE_SIGNED_OUT, type StaffGrant, type StaffRights, standing } from '../../../objects/identity.ts';
import { parseClientFrame } from '../../../objects/protocol.ts';
import { isValidText } from '../../../objects/rules/text.ts';

const grant: StaffGrant = { sessionId: 's1', sessionExpiresAt: 10_000, groupIds: ['g1'] };
const rights = (over: Partial<StaffRights> = {}): StaffRights => ({
  agentId: 'a1',
  name: 'Alice',
  rank: 'agent',
  groupIds: ['g1'],
  sessionIds: ['s1', 's2'],
  ...over,
});

describe('standing: may a staff socket stay open?', () => {
  it('yes while its session lives and the agent is enabled and in the chat group', () => {
    assert.deepEqual(standing(grant, 'g1', 0, rights()), { ok: true });
    assert.deepEqual(standing(grant, 'g1', 0), { ok: true });
  });

  it('no once its session ended, expired, or the agent was disabled: signed out', () => {
    assert.equal(standing(grant, 'g1', 0, rights({ sessionIds: ['s2'] })).ok, false);
    assert.deepEqual(standing(grant, 'g1', 10_000), { ok: false, code: CLOSE_SIGNED_OUT, reason: 'session expired' });
    assert.deepEqual(standing(grant, 'g1', 0, rights({ rank: null })), { ok: false, code: CLOSE_SIGNED_OUT, reason: 'account disabled' });
    assert.deepEqual(standing(null, 'g1', 0), { ok: false, code: CLOSE_SIGNED_OUT, reason: 'sign in again' });
  });

  it("no once the agent is not in the chat's group: no access (the newest groups decide)", () => {
    assert.deepEqual(standing(grant, 'g2', 0), { ok: false, code: CLOSE_NO_ACCESS, reason: "no longer in this chat's group" });
    assert.deepEqual(standing(grant, 'g1', 0, rights({ groupIds: ['g2'] })), { ok: false, code: CLOSE_NO_ACCESS, reason: "no longer in this chat's group" });
    assert.deepEqual(standing(grant, 'g2', 0, rights({ groupIds: ['g1', 'g2'] })), { ok: true });
  });
});

describe('the send bucket', () => {
  it('lets a burst through, then refuses until it refills at the sustained rate', () => {
    let bucket = fullBucket(0);
    let passed = 0;
    for (let i = 0; i < SEND_BURST * 3; i++) {
      const out = takeToken(bucket, 0);
      bucket = out.bucket;
      if (out.ok) passed += 1;
    }
    assert.equal(passed, SEND_BURST);
    assert.equal(takeToken(bucket, 1000 / SEND_RATE_PER_SECOND - 1).ok, false);
    const refilled = takeToken(bucket, 1000 / SEND_RATE_PER_SECOND);
    assert.equal(refilled.ok, true);
    assert.equal(takeToken(refilled.bucket, 1000 / SEND_RATE_PER_SECOND).ok, false);
  });

  it('takes its figures from the deployment where it sets valid ones', () => {
    assert.deepEqual(bucketPolicy({}), { burst: SEND_BURST, perSecond: SEND_RATE_PER_SECOND });
    assert.deepEqual(bucketPolicy({ SOCKET_SEND_BURST: '100', SOCKET_SEND_PER_SECOND: '50' }), { burst: 100, perSecond: 50 });
    assert.deepEqual(bucketPolicy({ SOCKET_SEND_BURST: 'lots', SOCKET_SEND_PER_SECOND: '-1' }), { burst: SEND_BURST, perSecond: SEND_RATE_PER_SECOND });
    const roomy = { burst: 3, perSecond: 1 };
    let bucket = fullBucket(0, roomy);
    for (let i = 0; i < 3; i++) bucket = takeToken(bucket, 0, roomy).bucket;
    assert.equal(takeToken(bucket, 0, roomy).ok, false);
  });

  it('never holds more than the burst, however long it rests', () => {
    const rested = takeToken(fullBucket(0), 3_600_000);
    assert.equal(rested.bucket.tokens, SEND_BURST - 1);
  });
});

describe('text', () => {
  it('is refused when it holds a lone surrogate or the replacement character a bad UTF-8 byte becomes', () => {
    assert.equal(isValidText('café 👍 日本'), true);
    assert.equal(isValidText('bad \uFFFD byte'), false);
    assert.equal(isValidText('half \uD83D'), false);
    assert.equal(isValidText('\uDC00 other half'), false);
    const out = parseClientFrame('{"type":"send","id":"x","text":"a\\ud800b"}');
    assert.deepEqual(out, { ok: false, code: 'invalid_text', message: 'The text is not valid UTF-8.', id: 'x' });
  });
});
