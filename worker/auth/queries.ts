// Named queries for signing in: agents by email, sessions, and the failed sign-ins throttle.
import { and, eq, gt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { agents, sessions, signInFailures } from '../db/schema.ts';
import type { SessionAgent } from '../http/app-env.ts';
import { afterFailure, type FailureRecord, FIRST_DELAY_MS, type Gate, gate } from './sign-in-throttle.ts';

export async function findAgentForSignIn(
  db: D1Database,
  email: string,
): Promise<(SessionAgent & { passwordHash: string; disabled: boolean }) | undefined> {
  const rows = await drizzle(db)
    .select({
      id: agents.id,
      email: agents.email,
      name: agents.name,
      role: agents.role,
      passwordHash: agents.passwordHash,
      disabled: agents.disabled,
    })
    .from(agents)
    .where(eq(agents.email, email.trim().toLowerCase()))
    .limit(1);
  return rows[0];
}

export async function insertSession(
  db: D1Database,
  session: { id: string; agentId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await drizzle(db).insert(sessions).values(session);
}

export async function deleteSession(db: D1Database, id: string): Promise<void> {
  await drizzle(db).delete(sessions).where(eq(sessions.id, id));
}

/** The signed-in agent behind a session, if it exists, has not expired and is not disabled. */
export async function findSessionAgent(
  db: D1Database,
  sessionId: string,
  now: number,
): Promise<{ agent: SessionAgent; expiresAt: number } | undefined> {
  const rows = await drizzle(db)
    .select({ id: agents.id, email: agents.email, name: agents.name, role: agents.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(agents.disabled, false)))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  const { expiresAt, ...agent } = row;
  return { agent, expiresAt };
}

export async function readFailures(db: D1Database, email: string): Promise<FailureRecord | undefined> {
  const rows = await drizzle(db)
    .select({ failures: signInFailures.failures, lastFailureAt: signInFailures.lastFailureAt, lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(eq(signInFailures.email, email))
    .limit(1);
  return rows[0];
}

/** How many times a sign-in tries to claim its attempt before it gives up (and is slowed down). */
const MAX_CLAIM_TRIES = 50;

/**
 * Claims one sign-in attempt for the email, atomically, before the password is checked: the
 * record is read, `gate` decides, and the record after this attempt (`afterFailure`: every
 * attempt counts until it succeeds) is written only if nobody changed it meanwhile
 * (compare-and-set on the whole record). Parallel guesses therefore each count, one after
 * another, and "slow after 3, lock after 10" holds however they arrive. D1 has no interactive
 * transactions; the conditional write is the transaction.
 */
export async function claimSignInAttempt(db: D1Database, email: string, now: number): Promise<Gate> {
  const orm = drizzle(db);
  for (let i = 0; i < MAX_CLAIM_TRIES; i++) {
    const record = await readFailures(db, email);
    const allowed = gate(record, now);
    if (!allowed.open) return allowed;
    const next = afterFailure(record, now);
    const written = record
      ? await orm
          .update(signInFailures)
          .set(next)
          .where(
            and(
              eq(signInFailures.email, email),
              eq(signInFailures.failures, record.failures),
              eq(signInFailures.lastFailureAt, record.lastFailureAt),
              eq(signInFailures.lockedUntil, record.lockedUntil),
            ),
          )
          .returning({ email: signInFailures.email })
      : await orm.insert(signInFailures).values({ email, ...next }).onConflictDoNothing().returning({ email: signInFailures.email });
    if (written.length > 0) return allowed;
  }
  return { open: false, code: 'slow_down', retryAfterMs: FIRST_DELAY_MS };
}

export async function clearFailures(db: D1Database, email: string): Promise<void> {
  await drizzle(db).delete(signInFailures).where(eq(signInFailures.email, email));
}

export async function deleteSessionsOf(db: D1Database, agentId: string): Promise<void> {
  await drizzle(db).delete(sessions).where(eq(sessions.agentId, agentId));
}
