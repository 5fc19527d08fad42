// Idle time, its colours and the object's next wake-up, without a runtime.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenState } from '../../../../objects/chat/logic.ts';
import { idleLevel, idleSince, nextLevelChange, nextWake, thresholdsFrom } from '../../../../objects/chat/timers.ts';

const t = { idleWarningMs: 60_000, idleHighMs: 180_000 };
const info = {
  id: 'c',
  groupId: 'g',
  groupName: 'G',
  visitor: { role: 'visitor' as const, id: 'c', name: 'V' },
  visitorEmail: 'v@x.test',
  question: 'q',
  fields: {},
  language: null,
};
const agent = { role: 'agent' as const, id: 'a', name: 'A' };
const queued: OpenState = { status: 'queued', info, startedAt: 1000, followUpAt: null, followUpBy: null };
const active: OpenState = { status: 'active', info, startedAt: 1000, takenAt: 5000, agent, joined: [], followUpAt: null, followUpBy: null };
const ended: OpenState = { status: 'ended', info, startedAt: 1000, takenAt: 5000, agent, endedAt: 9000, followUpAt: null, followUpBy: null, rated: false };

describe('idle time', () => {
  it('runs from the take until an agent writes; customers do not reset it', () => {
    assert.equal(idleSince(active, null), 5000);
    assert.equal(idleSince(active, 7000), 7000);
    assert.equal(idleSince(queued, null), 1000);
  });

  it('turns green → yellow → red at the thresholds, grey while queued without an issue, red when closed', () => {
    assert.equal(idleLevel(active, null, 5000 + 59_999, t), 'normal');
    assert.equal(idleLevel(active, null, 5000 + 60_000, t), 'warning');
    assert.equal(idleLevel(active, null, 5000 + 180_000, t), 'high');
    assert.equal(idleLevel(active, 200_000, 200_001, t), 'normal');
    assert.equal(idleLevel(queued, null, 2000, t), 'none');
    assert.equal(idleLevel(queued, null, 1000 + 60_000, t), 'warning');
    assert.equal(idleLevel(ended, null, 10_000_000, t), 'closed');
  });

  it('knows when the level will next change by itself', () => {
    assert.equal(nextLevelChange(active, null, 6000, t), 65_000);
    assert.equal(nextLevelChange(active, null, 65_000, t), 185_000);
    assert.equal(nextLevelChange(active, null, 185_000, t), null);
    assert.equal(nextLevelChange(ended, null, 0, t), null);
  });

  it('wakes the object at the nearest of a level change, a follow-up and a pending projection', () => {
    assert.equal(nextWake(active, null, 6000, t, null), 65_000);
    assert.equal(nextWake({ ...active, followUpAt: 30_000 }, null, 6000, t, null), 30_000);
    assert.equal(nextWake(active, null, 6000, t, 6500), 6500);
    assert.equal(nextWake({ ...ended, followUpAt: 5000 }, null, 6000, t, null), null);
  });

  it('reads thresholds from settings, with defaults and the high one never below the warning', () => {
    assert.deepEqual(thresholdsFrom({ idle_warning_seconds: '30', idle_high_seconds: '90' }), { idleWarningMs: 30_000, idleHighMs: 90_000 });
    assert.deepEqual(thresholdsFrom({ idle_warning_seconds: '300', idle_high_seconds: '60' }), { idleWarningMs: 300_000, idleHighMs: 300_000 });
    assert.deepEqual(thresholdsFrom({ idle_warning_seconds: 'x' }), { idleWarningMs: 120_000, idleHighMs: 300_000 });
  });
});
