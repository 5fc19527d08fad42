// The chat object's D1 access (objects/chat/store.ts), on drizzle: the `chats` row it projects
// (read by worker/db/chats.ts), the agents it was assigned to, its record (with the Resolution
// comments agent assistance searches: worker/assistance/resolutions.ts), and what deleting it removes.
import { and, count, eq, lte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { ChatStore } from '../../objects/chat/store.ts';
import { agents, attachments, chatAgents, chatComments, chats, relations, surveys, timeLogs, verifiedChats, webhookDeliveries } from '../db/schema.ts';
import { readColleaguesMayTake, readThresholdSettings } from '../settings/queries.ts';
import { chatResolutionsFollowRow, removeChatResolutions, replaceChatResolutions } from '../assistance/resolutions.ts';

/** Columns an upsert overwrites; who started the chat, and when, never change (staff may edit custom fields). */
const UPDATED = [
  'status', 'groupId', 'groupName', 'agentId', 'agentName', 'takenAt', 'endedAt', 'lastAgentMessageAt',
  'messageCount', 'idleSince', 'idleLevel', 'followUpAt', 'version', 'customFields',
] as const;

export function chatStore(db: D1Database): ChatStore {
  const orm = drizzle(db);
  return {
    async agentLoad(agentId) {
      const active = orm
        .select({ n: count() })
        .from(chats)
        .where(and(eq(chats.agentId, agentId), eq(chats.status, 'active')));
      const rows = await orm
        .select({ maxChats: agents.maxChats, active: sql<number>`(${active})` })
        .from(agents)
        .where(eq(agents.id, agentId))
        .limit(1);
      return rows[0] ?? { active: 0, maxChats: 0 };
    },

    async writeRow(row, info) {
      const values = { ...row, customFields: JSON.stringify(info.fields), language: info.language };
      // `excluded.<column>` is the row this statement tried to insert.
      const set = Object.fromEntries(UPDATED.map((key) => [key, sql.raw(`excluded.${chats[key].name}`)]));
      const upsert = orm
        .insert(chats)
        .values(values)
        .onConflictDoUpdate({ target: chats.id, set, setWhere: sql`excluded.version >= ${chats.version}` });
      // Its resolutions are in the group the row says (a transfer moves them; usually a no-op look-up).
      const resolutionsFollow = chatResolutionsFollowRow(orm, row.id);
      // Remember every agent the chat was ever assigned to (My Completed lists it for each of them).
      if (row.agentId === null) {
        await orm.batch([upsert, resolutionsFollow]);
        return;
      }
      const assigned = orm
        .insert(chatAgents)
        .values({ chatId: row.id, agentId: row.agentId, assignedAt: row.takenAt ?? row.startedAt })
        .onConflictDoNothing();
      await orm.batch([upsert, assigned, resolutionsFollow]);
    },

    async writeCounters(row) {
      // One statement: no custom fields, assignment or resolutions to carry (state changes write those).
      const result = await orm
        .update(chats)
        .set({ messageCount: row.messageCount, lastAgentMessageAt: row.lastAgentMessageAt, idleSince: row.idleSince, version: row.version })
        .where(and(eq(chats.id, row.id), lte(chats.version, row.version)));
      return result.meta.changes > 0;
    },

    async deleteChat(chatId) {
      await orm.batch([
        orm.delete(chats).where(eq(chats.id, chatId)),
        orm.delete(chatAgents).where(eq(chatAgents.chatId, chatId)),
        orm.delete(attachments).where(eq(attachments.chatId, chatId)),
        orm.delete(surveys).where(eq(surveys.chatId, chatId)),
        orm.delete(chatComments).where(eq(chatComments.chatId, chatId)),
        removeChatResolutions(orm, chatId),
        orm.delete(timeLogs).where(eq(timeLogs.chatId, chatId)),
        orm.delete(verifiedChats).where(eq(verifiedChats.chatId, chatId)),
        orm.delete(relations).where(and(eq(relations.fromKind, 'chat'), eq(relations.fromId, chatId))),
        orm.delete(relations).where(and(eq(relations.toKind, 'chat'), eq(relations.toId, chatId))),
        // Manual events' webhook deliveries carry the customer's name and email in their body.
        orm.delete(webhookDeliveries).where(eq(webhookDeliveries.chatId, chatId)),
      ]);
    },

    async replaceRecord(chatId, groupId, { comments, timeLogs: logs }) {
      const rows = comments.map((c) => ({
        id: c.id,
        chatId,
        kind: c.kind,
        authorId: c.by.id,
        authorName: c.by.name,
        text: c.text,
        dueAt: c.dueAt,
        createdAt: c.at,
        editedAt: c.editedAt,
      }));
      const logRows = logs.map((l) => ({
        id: l.id,
        chatId,
        ticketId: null,
        groupId,
        agentId: l.by.id,
        agentName: l.by.name,
        minutes: l.minutes,
        note: l.note,
        billable: l.billable,
        loggedAt: l.at,
      }));
      await orm.batch([
        orm.delete(chatComments).where(eq(chatComments.chatId, chatId)),
        ...rows.map((row) => orm.insert(chatComments).values(row)),
        ...replaceChatResolutions(orm, chatId, groupId, comments),
        orm.delete(timeLogs).where(eq(timeLogs.chatId, chatId)),
        ...logRows.map((row) => orm.insert(timeLogs).values(row)),
      ]);
    },

    thresholdSettings: () => readThresholdSettings(db),
    colleaguesMayTake: () => readColleaguesMayTake(db),
  };
}
