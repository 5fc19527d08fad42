// Who hears someone typing: a customer's draft goes to staff only; staff's text goes to nobody;
// the customer hears only an agent who may write to them; nobody hears anything once it ended.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenState } from '../../../../objects/chat/logic.ts';
import { typingAudience } from '../../../../objects/chat/typing.ts';
import { fullBucket, takeToken } from '../../../../objects/chat/rate.ts';
import { TYPING_BURST, TYPING_POLICY } from '../../../../objects/chat/typing.ts';

const visitor = { role: 'visitor' as const, id: 'c', name: 'Vera' };
const info = { id: 'c', groupId: 'g', groupName: 'G', visitor, visitorEmail: 'v@x.test', question: 'q', fields: {}, language: null };
const alice = { role: 'agent' as const, id: 'alice', name: 'Alice' };
const mona = { role: 'agent' as const, id: 'mona', name: 'Mona' };
const queued: OpenState = { status: 'queued', info, startedAt: 1, followUpAt: null, followUpBy: null };
const active: OpenState = { status: 'active', info, startedAt: 1, takenAt: 2, agent: alice, joined: [], followUpAt: null, followUpBy: null };
const ended: OpenState = { ...active, status: 'ended', endedAt: 3, rated: false };

describe('typing audiences', () => {
  it("shows the customer's draft to staff, while queued and while active, and to nobody else", () => {
    for (const state of [queued, active]) {
      assert.deepEqual(typingAudience(state, visitor), { draftToStaff: true, signalToVisitor: false, signalToStaff: false });
    }
  });

  it('tells the customer only of the agent who may write to them; colleagues of any of staff; never a draft', () => {
    assert.deepEqual(typingAudience(active, alice), { draftToStaff: false, signalToVisitor: true, signalToStaff: true });
    // Mona monitors or coaches: the customer must not learn that someone else is there.
    assert.deepEqual(typingAudience(active, mona), { draftToStaff: false, signalToVisitor: false, signalToStaff: true });
    assert.equal(typingAudience({ ...active, joined: [mona] }, mona).signalToVisitor, true);
    assert.equal(typingAudience(queued, alice).signalToVisitor, false);
  });

  it('passes nothing on once the chat has ended', () => {
    for (const who of [visitor, alice]) {
      assert.deepEqual(typingAudience(ended, who), { draftToStaff: false, signalToVisitor: false, signalToStaff: false });
    }
  });

  it('lets a socket say it is typing a few times a second, then drops the rest', () => {
    let bucket = fullBucket(0, TYPING_POLICY);
    let passed = 0;
    for (let i = 0; i < 20; i++) {
      const token = takeToken(bucket, 0, TYPING_POLICY);
      bucket = token.bucket;
      if (token.ok) passed++;
    }
    assert.equal(passed, TYPING_BURST);
    assert.equal(takeToken(bucket, 1000 / TYPING_POLICY.perSecond, TYPING_POLICY).ok, true);
  });
});
