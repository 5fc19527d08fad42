// Which places the agent's hub pushes rights to (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Held, SocketView } from '../../../../objects/agent/pushes.ts';
import { pushed, pushTargets, registered } from '../../../../objects/agent/pushes.ts';
import type { StaffRights } from '../../../../objects/identity.ts';

const rights = (over: Partial<StaffRights> = {}): StaffRights => ({ agentId: 'a1', name: 'Alice', rank: 'agent', groupIds: ['g1', 'g2'], sessionIds: ['s1'], ...over });
const view = (over: Partial<SocketView> = {}): SocketView => ({ name: 'Alice', rank: 'agent', groupIds: ['g2', 'g1'], sessionId: 's1', ...over });
const places = ['chat:c1', 'chat:c2', 'lobby:g1'];

/** A hub whose every place had `pushedRights` pushed to it. */
function allPushed(pushedRights = rights()): Map<string, Held> {
  const held = new Map<string, Held>();
  for (const place of places) pushed(held, place, pushedRights, false);
  return held;
}

describe("the agent hub's pushes", () => {
  it('push nothing on a timer check when every place holds the rights read, whatever their order', () => {
    assert.deepEqual(pushTargets(places, rights({ groupIds: ['g2', 'g1'] }), allPushed(), false), []);
  });

  it('push everywhere when the rights changed: a group, a rank, a session ended or expired, a name', () => {
    for (const changed of [{ groupIds: ['g1'] }, { rank: null }, { sessionIds: [] }, { sessionIds: ['s2'] }, { name: 'Alice B.' }]) {
      assert.deepEqual(pushTargets(places, rights(changed), allPushed(), false), places, JSON.stringify(changed));
    }
  });

  it('push nothing to a new place whose socket opened with the rights read, and no call for another session starting', () => {
    const held = new Map<string, Held>();
    registered(held, 'chat:c1', view(), true);
    registered(held, 'chat:c1', view(), false); // a second socket there, same session
    assert.deepEqual(pushTargets(['chat:c1'], rights(), held, false), []);
    assert.deepEqual(pushTargets(['chat:c1'], rights({ sessionIds: ['s1', 's2'] }), held, false), []);
  });

  it('push to a new place whose socket opened with rights that changed before it registered', () => {
    for (const stale of [{ groupIds: ['g1', 'g2', 'g3'] }, { rank: 'manager' as const }, { name: 'Al' }, { sessionId: 's0' }]) {
      const held = new Map<string, Held>();
      registered(held, 'chat:c1', view(stale), true);
      assert.deepEqual(pushTargets(['chat:c1'], rights(), held, false), ['chat:c1'], JSON.stringify(stale));
    }
  });

  it('push to a place it knows nothing of: registered before this instance, without a view, or with sockets that differ', () => {
    const held = allPushed();
    registered(held, 'chat:c9', view(), false); // in its table from before this instance started
    assert.deepEqual(pushTargets(['chat:c9'], rights(), held, false), ['chat:c9']);
    registered(held, 'chat:c1', undefined, false);
    registered(held, 'chat:c2', view({ name: 'Al' }), false); // beside a socket that holds 'Alice'
    assert.deepEqual(pushTargets(places, rights(), held, false), ['chat:c1', 'chat:c2']);
  });

  it('push again to a place where a socket registered while the push was on its way', () => {
    const held = new Map<string, Held>();
    registered(held, 'chat:c1', view(), true);
    pushed(held, 'chat:c1', rights(), true);
    assert.deepEqual(pushTargets(['chat:c1'], rights(), held, false), ['chat:c1']);
    pushed(held, 'chat:c1', rights(), false);
    assert.deepEqual(pushTargets(['chat:c1'], rights(), held, false), []);
  });

  it('push everywhere for a console change', () => {
    assert.deepEqual(pushTargets(places, rights(), allPushed(), true), places);
  });
});
