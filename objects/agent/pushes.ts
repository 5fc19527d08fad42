// Which places the agent's hub (hub.ts) pushes the rights to. A console's change pushes to every
// place at once. The timer's check, there for changes written straight to D1 (`npm run admin`)
// and for sessions that expire, pushes only to the places whose sockets may disagree with the
// rights it read. The hub remembers, per place, what that place's sockets of the agent were
// checked or last updated against (`Held`, kept in the hub's storage): a socket registers with
// what the Worker checked it against as it opened, and a push leaves the place holding the rights
// pushed. A place it knows nothing of (a push that failed, a place registered before the hub kept
// this, a place whose last socket of the agent closed since: hub.ts `released`) is pushed. A
// socket whose registration never arrived is unknown to the hub, as before: it is held to its
// session's expiry and rights by the place itself when it next acts (`standing`).
// An agent's rights rarely change: most checks then cost one D1 read and no call to any chat.
// Before, every open chat of every online agent was called every 20 seconds, and then every chat
// the agent opened was called once after opening, for nothing.
import type { StaffRank } from '../protocol.ts';
import type { StaffRights } from '../identity.ts';

/** What a socket opened with: the Worker checked these against D1 just before. */
export interface SocketView {
  name: string;
  rank: StaffRank | null;
  groupIds: readonly string[];
  sessionId: string;
}

/** A place's sockets of the agent all have this name, rank and groups, and sessions among these. */
export interface Held {
  key: string;
  sessionIds: ReadonlySet<string>;
}

/** Name, rank and groups, whatever order D1 listed the groups in. */
export function heldKey(v: { name: string; rank: StaffRank | null; groupIds: readonly string[] }): string {
  return JSON.stringify([v.name, v.rank, [...v.groupIds].sort()]);
}

/** Whether pushing `rights` to a place holding `held` would change nothing there. */
export function agrees(held: Held | undefined, rights: StaffRights): boolean {
  if (held === undefined || held.key !== heldKey(rights)) return false;
  for (const session of held.sessionIds) if (!rights.sessionIds.includes(session)) return false;
  return true;
}

/** The places to push `rights` to: every place for a console's change (`always`), else the ones that may disagree. */
export function pushTargets<P extends string>(places: readonly P[], rights: StaffRights, held: ReadonlyMap<string, Held>, always: boolean): P[] {
  return always ? [...places] : places.filter((place) => !agrees(held.get(place), rights));
}

/**
 * A place accepted a socket opened with `view` (undefined: not said). `isNew`: the hub had no
 * record of the place, so its sockets are this one alone. A place whose sockets then differ, or
 * whose sockets the hub knows nothing of, is forgotten here and so pushed at the next check.
 */
export function registered(held: Map<string, Held>, place: string, view: SocketView | undefined, isNew: boolean): void {
  const known = held.get(place);
  if (view === undefined || (known === undefined && !isNew) || (known !== undefined && known.key !== heldKey(view))) {
    held.delete(place);
    return;
  }
  held.set(place, { key: heldKey(view), sessionIds: new Set([...(known?.sessionIds ?? []), view.sessionId]) });
}

/**
 * After a push that reached the place: its sockets of the agent now hold `rights` (one of a
 * session not among them was closed). Unless a socket registered there while the push was on its
 * way: the push may have arrived before that socket opened, so the place is not known.
 */
export function pushed(held: Map<string, Held>, place: string, rights: StaffRights, registeredMeanwhile: boolean): void {
  if (registeredMeanwhile) held.delete(place);
  else held.set(place, { key: heldKey(rights), sessionIds: new Set(rights.sessionIds) });
}
