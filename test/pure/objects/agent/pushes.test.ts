// Which places the agent's hub pushes rights to (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pushTargets, rightsKey } from '../../../../objects/agent/pushes.ts';
import type { StaffRights } from '../../../../objects/identity.ts';

const rights = (over: Partial<StaffRights> = {}): StaffRights => ({ agentId: 'a1', name: 'Alice', rank: 'agent', groupIds: ['g1', 'g2'], sessionIds: ['s1'], ...over });
const places = ['chat:c1', 'chat:c2', 'lobby:g1'];

describe("the agent hub's pushes", () => {
  it('push nothing on a timer check when the rights are the ones last pushed everywhere, whatever their order', () => {
    const last = { key: rightsKey(rights()), pending: new Set<string>() };
    assert.deepEqual(pushTargets(places, rightsKey(rights({ groupIds: ['g2', 'g1'] })), last, false), []);
  });

  it('push everywhere when the rights changed: a group, a rank, a session ended or expired, a name', () => {
    const last = { key: rightsKey(rights()), pending: new Set<string>() };
    for (const changed of [{ groupIds: ['g1'] }, { rank: null }, { sessionIds: [] }, { name: 'Alice B.' }]) {
      assert.deepEqual(pushTargets(places, rightsKey(rights(changed)), last, false), places, JSON.stringify(changed));
    }
  });

  it('push to the places the last push missed, and to those registered since, until they have it', () => {
    const last = { key: rightsKey(rights()), pending: new Set(['chat:c2']) };
    assert.deepEqual(pushTargets(places, rightsKey(rights()), last, false), ['chat:c2']);
  });

  it('push everywhere for a console change, and from an instance that has pushed nothing yet', () => {
    const last = { key: rightsKey(rights()), pending: new Set<string>() };
    assert.deepEqual(pushTargets(places, rightsKey(rights()), last, true), places);
    assert.deepEqual(pushTargets(places, rightsKey(rights()), null, false), places);
  });
});
