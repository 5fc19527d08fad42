// Named queries over the `chats` projection. Every query an agent makes is joined with their
// memberships, so an agent never lists or opens a chat outside their groups.
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { ChatListRow } from '../../objects/protocol.ts';
import { chats, memberships } from './schema.ts';

export type ChatView = 'my-active' | 'my-completed' | 'queued';
export const CHAT_VIEWS: readonly ChatView[] = ['my-active', 'my-completed', 'queued'];
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
  };
}

export async function listChats(db: D1Database, agentId: string, view: ChatView): Promise<ChatListRow[]> {
  const [where, order]: [SQL | undefined, SQL] =
    view === 'my-active'
      ? [and(eq(chats.agentId, agentId), eq(chats.status, 'active')), asc(chats.startedAt)]
      : view === 'my-completed'
        ? [and(eq(chats.agentId, agentId), eq(chats.status, 'ended')), desc(chats.endedAt)]
        : [eq(chats.status, 'queued'), asc(chats.startedAt)];
  const rows = await drizzle(db)
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
