// Named queries over groups and colleagues (the administrator's changes are admin-sql.ts).
import type { Colleague as ColleagueBody, Group } from '../auth/wire.ts';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { agents, groups, memberships } from '../db/schema.ts';

export type GroupRef = Group;

export async function groupsOf(db: D1Database, agentId: string): Promise<GroupRef[]> {
  return drizzle(db)
    .select({ id: groups.id, name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.agentId, agentId))
    .orderBy(groups.name);
}

export async function listGroups(db: D1Database): Promise<GroupRef[]> {
  return drizzle(db).select({ id: groups.id, name: groups.name }).from(groups).orderBy(groups.name);
}

export async function findGroup(db: D1Database, id: string): Promise<GroupRef | undefined> {
  const rows = await drizzle(db).select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, id)).limit(1);
  return rows[0];
}

/** An enabled agent who is a member of the group. */
export async function findEnabledMember(db: D1Database, groupId: string, agentId: string): Promise<{ id: string; name: string } | undefined> {
  const rows = await drizzle(db)
    .select({ id: agents.id, name: agents.name })
    .from(agents)
    .innerJoin(memberships, and(eq(memberships.agentId, agents.id), eq(memberships.groupId, groupId)))
    .where(and(eq(agents.id, agentId), eq(agents.disabled, false)))
    .limit(1);
  return rows[0];
}

/** A colleague as D1 has them (their presence comes from the lobby). */
export type Colleague = Omit<ColleagueBody, 'presence'>;

/** Everyone (enabled) who shares at least one group with the agent, with their shared groups. */
export async function colleaguesOf(db: D1Database, agentId: string): Promise<Colleague[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.name, a.email, a.role, group_concat(m.group_id, char(31)) AS groupIds
         FROM agents a
         JOIN memberships m ON m.agent_id = a.id
        WHERE a.disabled = 0
          AND m.group_id IN (SELECT group_id FROM memberships WHERE agent_id = ?1)
        GROUP BY a.id
        ORDER BY a.name`,
    )
    .bind(agentId)
    .all<Omit<Colleague, 'groupIds'> & { groupIds: string }>();
  return results.map((r) => ({ ...r, groupIds: r.groupIds.split('\x1f') }));
}
