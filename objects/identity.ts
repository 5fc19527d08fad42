// How the Worker tells an object who is asking. Only the Worker can reach an object, and it
// always overwrites this header after checking the session or token, so the object trusts it.
import type { Person } from './protocol.ts';

export const IDENTITY_HEADER = 'x-switchboard-identity';

export function identityHeaders(person: Person, headers: Headers): Headers {
  const out = new Headers(headers);
  out.set(IDENTITY_HEADER, JSON.stringify(person));
  return out;
}

export function parseIdentity(headers: Headers): Person | null {
  const raw = headers.get(IDENTITY_HEADER);
  if (!raw) return null;
  try {
    const p: unknown = JSON.parse(raw);
    if (typeof p !== 'object' || p === null) return null;
    const { role, id, name } = p as Record<string, unknown>;
    if ((role !== 'visitor' && role !== 'agent') || typeof id !== 'string' || typeof name !== 'string') return null;
    return { role, id, name };
  } catch {
    return null;
  }
}
