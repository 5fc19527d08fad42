// How the Worker tells an object who is asking. Only the Worker can reach an object, and it
// always overwrites this header after checking the session or token, so the object trusts it.
import type { Person, StaffRank } from './protocol.ts';
import { STAFF_RANKS } from './protocol.ts';

export const IDENTITY_HEADER = 'x-switchboard-identity';

/** Who is asking: the person as others see them, and for staff their rank (null for visitors). */
export interface Caller {
  person: Person;
  rank: StaffRank | null;
}

export function isSupervisor(caller: Caller): boolean {
  return caller.rank === 'manager' || caller.rank === 'admin';
}

export function identityHeaders(caller: Caller, headers: Headers): Headers {
  const out = new Headers(headers);
  out.set(IDENTITY_HEADER, JSON.stringify(caller));
  return out;
}

export function parseIdentity(headers: Headers): Caller | null {
  const raw = headers.get(IDENTITY_HEADER);
  if (!raw) return null;
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { person, rank } = data as { person?: Record<string, unknown>; rank?: unknown };
    if (!person || typeof person !== 'object') return null;
    const { role, id, name } = person;
    if ((role !== 'visitor' && role !== 'agent') || typeof id !== 'string' || typeof name !== 'string') return null;
    const validRank = rank === null || (STAFF_RANKS as readonly unknown[]).includes(rank);
    if (!validRank || (role === 'visitor') !== (rank === null)) return null;
    return { person: { role, id, name }, rank: rank as StaffRank | null };
  } catch {
    return null;
  }
}
