// Durations and times as the console shows them: short durations that grow sensibly, queue time
// and idle time that run while a chat is open and stop when it ends, and the follow-up picker's
// local date-time text to milliseconds and back. Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, fromLocalInput, idleTime, queueTime, toLocalInput } from '../../../../../client/console/ui/time.ts';

describe('formatDuration', () => {
  it('shows seconds, then minutes, hours and days with a padded second unit', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(45_999), '45s');
    assert.equal(formatDuration(185_000), '3m 05s');
    assert.equal(formatDuration(3_720_000), '1h 02m');
    assert.equal(formatDuration((2 * 24 + 4) * 3_600_000), '2d 04h');
  });

  it('never shows a negative span (a clock a little behind the server)', () => {
    assert.equal(formatDuration(-5_000), '0s');
  });
});

describe('queueTime and idleTime', () => {
  const now = 100_000;
  it('count until now while queued, and stop once taken', () => {
    assert.equal(queueTime({ startedAt: 40_000, takenAt: null, endedAt: null }, now), 60_000);
    assert.equal(queueTime({ startedAt: 40_000, takenAt: 55_000, endedAt: null }, now), 15_000);
    assert.equal(queueTime({ startedAt: 40_000, takenAt: null, endedAt: 70_000 }, now), 30_000);
  });

  it('idle runs while open and is frozen at the end', () => {
    assert.equal(idleTime({ status: 'active', idleSince: 90_000, endedAt: null }, now), 10_000);
    assert.equal(idleTime({ status: 'queued', idleSince: 70_000, endedAt: null }, now), 30_000);
    assert.equal(idleTime({ status: 'ended', idleSince: 50_000, endedAt: 80_000 }, now), 30_000);
  });
});

describe('datetime-local values', () => {
  it('round-trip a moment to the minute in the local time zone', () => {
    const at = new Date(2031, 2, 4, 14, 5).getTime();
    assert.equal(toLocalInput(at), '2031-03-04T14:05');
    assert.equal(fromLocalInput('2031-03-04T14:05'), at);
    assert.equal(fromLocalInput('2031-03-04T14:05:30'), at + 30_000);
  });

  it('refuse what is not a date', () => {
    assert.equal(fromLocalInput(''), null);
    assert.equal(fromLocalInput('tomorrow'), null);
    assert.equal(fromLocalInput('2031-02-31T10:00'), null);
  });
});
