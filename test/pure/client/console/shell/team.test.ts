// Colleagues' presence from the lobby's `presence` frames: a status change shows at once, and
// the lobby's nameless "offline" frames neither erase a name nor invent a colleague.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPresence, type TeamMember } from '../../../../../client/console/shell/team.ts';

const team: ReadonlyMap<string, TeamMember> = new Map([['bob', { id: 'bob', name: 'Bob Agent', presence: 'online' }]]);

describe('applyPresence', () => {
  it('updates a colleague who goes away, and keeps their name when the frame has none', () => {
    const away = applyPresence(team, { type: 'presence', agentId: 'bob', name: 'Bob Agent', status: 'away' });
    assert.deepEqual(away.get('bob'), { id: 'bob', name: 'Bob Agent', presence: 'away' });
    const offline = applyPresence(away, { type: 'presence', agentId: 'bob', name: '', status: 'offline' });
    assert.deepEqual(offline.get('bob'), { id: 'bob', name: 'Bob Agent', presence: 'offline' });
  });

  it('adds a named newcomer, but not a nameless stranger', () => {
    const joined = applyPresence(team, { type: 'presence', agentId: 'cy', name: 'Cy', status: 'online' });
    assert.equal(joined.get('cy')?.name, 'Cy');
    const stranger = applyPresence(team, { type: 'presence', agentId: 'zed', name: '', status: 'offline' });
    assert.equal(stranger, team);
  });

  it('returns the same map when nothing changed, so nothing re-renders', () => {
    assert.equal(applyPresence(team, { type: 'presence', agentId: 'bob', name: 'Bob Agent', status: 'online' }), team);
  });
});
