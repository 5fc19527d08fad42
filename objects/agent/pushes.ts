// Which places the agent's hub (hub.ts) pushes the rights to. A console's change pushes to every
// place at once. The timer's check, there for changes written straight to D1 (`npm run admin`)
// and for sessions that expire, pushes everywhere only when the rights it read differ from the
// ones last pushed everywhere; otherwise only to the places that have not had them: the ones that
// push could not reach and the ones registered since (a socket opened just before a change that
// was already pushed must not miss it). An agent's rights rarely change: most checks then cost one
// D1 read and no call to any chat (before, every open chat of every online agent was called every
// 20 seconds).
import type { StaffRights } from '../identity.ts';

/** The rights as compared between checks: the same rights, whatever order D1 listed them in. */
export function rightsKey(rights: StaffRights): string {
  return JSON.stringify({ ...rights, groupIds: [...rights.groupIds].sort(), sessionIds: [...rights.sessionIds].sort() });
}

/** What the hub last pushed everywhere, and the places that have not had it (missed, or registered since). */
export interface LastPush {
  key: string;
  pending: ReadonlySet<string>;
}

/**
 * The places to push `key`'s rights to: every place when the push is a console's (`always`), when
 * this instance has pushed nothing yet, or when the rights changed; else the ones still pending.
 */
export function pushTargets<P extends string>(places: readonly P[], key: string, last: LastPush | null, always: boolean): P[] {
  if (always || last === null || last.key !== key) return [...places];
  return places.filter((place) => last.pending.has(place));
}
