// How the Worker tells an object who is asking, and what a staff socket's authority rests on.
// Only the Worker can reach an object, and it always overwrites the identity header after
// checking the session or token, so the object trusts it. A socket outlives the check that opened
// it, so a staff socket also carries its grant (the session and the groups it was opened with),
// and objects hold it against the agent's rights as they change (see objects/agent/hub.ts).
import type { Person, StaffRank } from './protocol.ts';
import { STAFF_RANKS } from './protocol.ts';
import { supervises } from './rules/ranks.ts';

export const IDENTITY_HEADER = 'x-switchboard-identity';

/** Who is asking: the person as others see them, and for staff their rank (null for visitors). */
export interface Caller {
  person: Person;
  rank: StaffRank | null;
}

/** What a staff socket was opened with: the session behind it and the agent's groups then. */
export interface StaffGrant {
  /** The session's id (the SHA-256 of its cookie token, as D1 keeps it). */
  sessionId: string;
  sessionExpiresAt: number;
  groupIds: string[];
}

/** A socket's caller as kept in its attachment (which survives hibernation; 16 KiB at most). */
export interface SocketAuth extends Caller {
  /** Staff only; null for visitors. */
  grant: StaffGrant | null;
}

/** What an agent may do right now, read from D1 and pushed to every object holding their sockets. */
export interface StaffRights {
  agentId: string;
  name: string;
  /** null once the agent is disabled or no longer exists. */
  rank: StaffRank | null;
  groupIds: string[];
  /** The agent's sessions that have not ended or expired. */
  sessionIds: string[];
}

/** Close codes a staff socket is closed with when its authority ends (4xxx: clients do not retry). */
export const CLOSE_SIGNED_OUT = 4001;
export const CLOSE_NO_ACCESS = 4003;
/**
 * A staff socket whose rights could not be registered with the agent's hub (objects/agent/hub.ts):
 * it would not hear a change of them, so it closes at once, and its client opens it again (3xxx:
 * clients retry, client/shared/socket.ts).
 */
export const CLOSE_RIGHTS_UNKNOWN = 3001;

export type Standing = { ok: true } | { ok: false; code: typeof CLOSE_SIGNED_OUT | typeof CLOSE_NO_ACCESS; reason: string };

/**
 * May a staff socket stay open on a chat of `groupId`? Its session must still be valid and the
 * agent enabled and a member of the chat's group. `rights` is undefined when only the grant is
 * known (between pushes): then the grant's own expiry and groups decide.
 */
export function standing(grant: StaffGrant | null, groupId: string, now: number, rights?: StaffRights): Standing {
  if (grant === null) return { ok: false, code: CLOSE_SIGNED_OUT, reason: 'sign in again' };
  if (grant.sessionExpiresAt <= now) return { ok: false, code: CLOSE_SIGNED_OUT, reason: 'session expired' };
  if (rights) {
    if (rights.rank === null) return { ok: false, code: CLOSE_SIGNED_OUT, reason: 'account disabled' };
    if (!rights.sessionIds.includes(grant.sessionId)) return { ok: false, code: CLOSE_SIGNED_OUT, reason: 'signed out' };
  }
  const groups = rights?.groupIds ?? grant.groupIds;
  if (!groups.includes(groupId)) return { ok: false, code: CLOSE_NO_ACCESS, reason: "no longer in this chat's group" };
  return { ok: true };
}

export function isSupervisor(caller: Caller): boolean {
  return supervises(caller.rank);
}

export function identityHeaders(auth: SocketAuth, headers: Headers): Headers {
  const out = new Headers(headers);
  out.set(IDENTITY_HEADER, JSON.stringify(auth));
  return out;
}

export function parseIdentity(headers: Headers): SocketAuth | null {
  const raw = headers.get(IDENTITY_HEADER);
  if (!raw) return null;
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { person, rank, grant } = data as { person?: Record<string, unknown>; rank?: unknown; grant?: unknown };
    if (!person || typeof person !== 'object') return null;
    const { role, id, name } = person;
    if ((role !== 'visitor' && role !== 'agent') || typeof id !== 'string' || typeof name !== 'string') return null;
    const validRank = rank === null || (STAFF_RANKS as readonly unknown[]).includes(rank);
    if (!validRank || (role === 'visitor') !== (rank === null)) return null;
    const parsedGrant = parseGrant(grant);
    // Staff sockets always carry a grant; a visitor's never does.
    if ((role === 'agent') !== (parsedGrant !== null)) return null;
    return { person: { role, id, name }, rank: rank as StaffRank | null, grant: parsedGrant };
  } catch {
    return null;
  }
}

function parseGrant(data: unknown): StaffGrant | null {
  if (typeof data !== 'object' || data === null) return null;
  const { sessionId, sessionExpiresAt, groupIds } = data as Record<string, unknown>;
  if (typeof sessionId !== 'string' || typeof sessionExpiresAt !== 'number') return null;
  if (!Array.isArray(groupIds) || !groupIds.every((g): g is string => typeof g === 'string')) return null;
  return { sessionId, sessionExpiresAt, groupIds };
}
