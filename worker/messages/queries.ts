// Named queries over the messages customers left while nobody in their group was online.
import type { OfflineMessage } from './wire.ts';
import { and, desc, eq, inArray, isNull, isNotNull } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { groups, memberships, offlineMessages } from '../db/schema.ts';

/** The most messages one list returns. */
export const MESSAGE_PAGE = 200;


export async function insertOfflineMessage(
  db: D1Database,
  m: { id: string; groupId: string; name: string; email: string; message: string; fields: Record<string, string>; now: number },
): Promise<void> {
  await drizzle(db)
    .insert(offlineMessages)
    .values({ id: m.id, groupId: m.groupId, name: m.name, email: m.email, message: m.message, customFields: JSON.stringify(m.fields), createdAt: m.now });
}

/** The newest messages of the agent's groups, open (not handled yet) or handled. */
export async function listOfflineMessages(db: D1Database, agentId: string, state: 'open' | 'handled'): Promise<OfflineMessage[]> {
  const rows = await drizzle(db)
    .select({
      id: offlineMessages.id,
      groupId: offlineMessages.groupId,
      groupName: groups.name,
      name: offlineMessages.name,
      email: offlineMessages.email,
      message: offlineMessages.message,
      fields: offlineMessages.customFields,
      createdAt: offlineMessages.createdAt,
      handledBy: offlineMessages.handledBy,
      handledAt: offlineMessages.handledAt,
    })
    .from(offlineMessages)
    .innerJoin(memberships, and(eq(memberships.groupId, offlineMessages.groupId), eq(memberships.agentId, agentId)))
    .innerJoin(groups, eq(groups.id, offlineMessages.groupId))
    .where(state === 'open' ? isNull(offlineMessages.handledAt) : isNotNull(offlineMessages.handledAt))
    .orderBy(desc(offlineMessages.createdAt))
    .limit(MESSAGE_PAGE);
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> }));
}

/** Marks a message of one of the agent's groups handled; false when there is none such. */
export async function markHandled(db: D1Database, messageId: string, agent: { id: string; name: string }, now: number): Promise<boolean> {
  const orm = drizzle(db);
  const mine = orm.select({ groupId: memberships.groupId }).from(memberships).where(eq(memberships.agentId, agent.id));
  const done = await orm
    .update(offlineMessages)
    .set({ handledBy: agent.name, handledAt: now })
    .where(and(eq(offlineMessages.id, messageId), inArray(offlineMessages.groupId, mine)))
    .returning({ id: offlineMessages.id });
  return done.length > 0;
}
