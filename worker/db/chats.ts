// Named queries over the `chats` projection. Every query an agent makes is joined with their
// memberships, so an agent never lists or opens a chat outside their groups.
import { and, asc, desc, eq, exists, inArray, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { ChatListRow } from '../../objects/protocol.ts';
import { chatAgents, chats, memberships } from './schema.ts';

/**
 * The lists of the seed's "Agent Live Chats vs. Global Live Chats": the agent's own, the queue,
 * one group's active (queued or taken) or inactive (ended) chats, and Global Live Chats: every
 * chat of every group the person is a member of.
 */
export type ChatFilter =
  | { view: 'my-active' }
  | { view: 'my-completed' }
  | { view: 'queued' }
  | { view: 'group'; groupId: string; state: 'active' | 'inactive' }
  | { view: 'global' };
export type ChatView = ChatFilter['view'];
export const CHAT_VIEWS: readonly ChatView[] = ['my-active', 'my-completed', 'queued', 'group', 'global'];
/** The most rows one list request returns. */
export const LIST_LIMIT = 200;

type ChatRecord = typeof chats.$inferSelect;

function toListRow(r: ChatRecord): ChatListRow {
  return {
    id: r.id,
    status: r.status,
    groupId: r.groupId,
    groupName: r.groupName,
    visitorName: r.visitorName,
    visitorEmail: r.visitorEmail,
    agentId: r.agentId,
    agentName: r.agentName,
    startedAt: r.startedAt,
    takenAt: r.takenAt,
    endedAt: r.endedAt,
    lastAgentMessageAt: r.lastAgentMessageAt,
    messageCount: r.messageCount,
    idleSince: r.idleSince,
    idleLevel: r.idleLevel,
    followUpAt: r.followUpAt,
    version: r.version,
  };
}

function filterSql(db: ReturnType<typeof drizzle>, agentId: string, filter: ChatFilter): [SQL | undefined, SQL] {
  switch (filter.view) {
    case 'my-active':
      return [and(eq(chats.agentId, agentId), eq(chats.status, 'active')), asc(chats.startedAt)];
    case 'my-completed': {
      // Every chat the agent was ever assigned to, even one transferred away before it ended.
      const wasMine = db
        .select({ one: chatAgents.chatId })
        .from(chatAgents)
        .where(and(eq(chatAgents.chatId, chats.id), eq(chatAgents.agentId, agentId)));
      return [and(eq(chats.status, 'ended'), exists(wasMine)), desc(chats.endedAt)];
    }
    case 'queued':
      return [eq(chats.status, 'queued'), asc(chats.startedAt)];
    case 'group':
      return [
        and(
          eq(chats.groupId, filter.groupId),
          filter.state === 'active' ? inArray(chats.status, ['queued', 'active']) : eq(chats.status, 'ended'),
        ),
        desc(chats.startedAt),
      ];
    case 'global':
      return [undefined, desc(chats.startedAt)];
  }
}

export async function listChats(db: D1Database, agentId: string, filter: ChatFilter): Promise<ChatListRow[]> {
  const orm = drizzle(db);
  const [where, order] = filterSql(orm, agentId, filter);
  const rows = await orm
    .select({ chat: chats })
    .from(chats)
    .innerJoin(memberships, and(eq(memberships.groupId, chats.groupId), eq(memberships.agentId, agentId)))
    .where(where)
    .orderBy(order)
    .limit(LIST_LIMIT);
  return rows.map((r) => toListRow(r.chat));
}

/** The chat, if it exists and is in one of the agent's groups. */
export async function findChatForAgent(db: D1Database, agentId: string, chatId: string): Promise<ChatListRow | undefined> {
  const rows = await drizzle(db)
    .select({ chat: chats })
    .from(chats)
    .innerJoin(memberships, and(eq(memberships.groupId, chats.groupId), eq(memberships.agentId, agentId)))
    .where(eq(chats.id, chatId))
    .limit(1);
  return rows[0] && toListRow(rows[0].chat);
}

export async function findChat(db: D1Database, chatId: string): Promise<ChatListRow | undefined> {
  const rows = await drizzle(db).select().from(chats).where(eq(chats.id, chatId)).limit(1);
  return rows[0] && toListRow(rows[0]);
}
