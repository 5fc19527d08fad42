// Named queries over the `chats` projection. Every query an agent makes is joined with their
// memberships, so an agent never lists or opens a chat outside their groups.
import type { ChatCounts, ChatFilter, ChatView } from './wire.ts';
import { and, asc, count, desc, eq, exists, inArray, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { ChatListRow, SortKey } from '../../objects/protocol.ts';
import { chatAgents, chats, memberships, surveys } from '../db/schema.ts';


export type { ChatCounts, ChatFilter, ChatView } from './wire.ts';
export const CHAT_VIEWS: readonly ChatView[] = ['my-active', 'my-completed', 'queued', 'group', 'global'];
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../objects/protocol.ts';

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

function filterSql(agentId: string, filter: ChatFilter): SQL | undefined {
  switch (filter.view) {
    case 'my-active':
      return and(eq(chats.agentId, agentId), eq(chats.status, 'active'));
    case 'my-completed':
      // Which chats were ever the agent's is the join from chat_agents (see listChats).
      return eq(chats.status, 'ended');
    case 'queued':
      return eq(chats.status, 'queued');
    case 'group':
      return and(
        eq(chats.groupId, filter.groupId),
        filter.state === 'active' ? inArray(chats.status, ['queued', 'active']) : eq(chats.status, 'ended'),
      );
    case 'global':
      return undefined;
  }
}

export { COLUMN_IDS, SORT_KEYS } from '../../objects/protocol.ts';

export interface ListOptions {
  sort: SortKey;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
  now: number;
}

/** What each column sorts by. Times that still run (queue time, idle) are measured at `now`. */
function sortExpression(key: SortKey, now: number): SQL {
  const stop = sql`(CASE WHEN ${chats.status} = 'ended' THEN ${chats.endedAt} ELSE ${now} END)`;
  switch (key) {
    case 'status':
      return sql`(CASE ${chats.status} WHEN 'queued' THEN 0 WHEN 'active' THEN 1 ELSE 2 END) * 10 +
                 (CASE ${chats.idleLevel} WHEN 'none' THEN 0 WHEN 'normal' THEN 1 WHEN 'warning' THEN 2 WHEN 'high' THEN 3 ELSE 4 END)`;
    case 'user':
      return sql`${chats.visitorName} COLLATE NOCASE`;
    case 'group':
      return sql`${chats.groupName} COLLATE NOCASE`;
    case 'started':
      return sql`${chats.startedAt}`;
    case 'queueTime':
      return sql`COALESCE(${chats.takenAt}, ${stop}) - ${chats.startedAt}`;
    case 'idle':
      return sql`${stop} - ${chats.idleSince}`;
    case 'messages':
      return sql`${chats.messageCount}`;
    case 'agent':
      return sql`${chats.agentName} COLLATE NOCASE`;
    case 'ended':
      return sql`${chats.endedAt}`;
  }
}

/**
 * One page of a list, sorted by any column in either direction; ties are always decided by idle
 * time in the same direction (as the seed says), then by id so pages never overlap.
 */
export async function listChats(
  db: D1Database,
  agentId: string,
  filter: ChatFilter,
  options: ListOptions,
): Promise<{ chats: ChatListRow[]; total: number }> {
  const orm = drizzle(db);
  const where = filterSql(agentId, filter);
  const order = options.dir === 'asc' ? asc : desc;
  const mine = and(eq(memberships.groupId, chats.groupId), eq(memberships.agentId, agentId));
  const orderBy = [order(sortExpression(options.sort, options.now)), order(sortExpression('idle', options.now)), asc(chats.id)];

  // How each list is read, measured at 100,000 chats (npm run bench -- lists):
  // - My Completed starts from the agent's chat_agents rows (CROSS JOIN keeps SQLite to that order),
  //   instead of testing every ended chat of the agent's groups for an assignment (6–8× faster);
  // - Global sorted by start or by customer walks those columns' indexes and stops after a page;
  // - every other list starts from the agent's memberships, then the group's chats.
  if (filter.view === 'my-completed') {
    const wasMine = and(eq(chatAgents.agentId, agentId), eq(chatAgents.chatId, chats.id), where);
    const [rows, counted] = await Promise.all([
      orm.select({ chat: chats }).from(chatAgents).crossJoin(chats).innerJoin(memberships, mine).where(wasMine)
        .orderBy(...orderBy).limit(options.limit).offset(options.offset),
      orm.select({ n: count() }).from(chatAgents).crossJoin(chats).innerJoin(memberships, mine).where(wasMine),
    ]);
    return { chats: rows.map((r) => toListRow(r.chat)), total: counted[0]?.n ?? 0 };
  }
  const byIndex = filter.view === 'global' && (options.sort === 'started' || options.sort === 'user');
  const page = byIndex
    ? orm.select({ chat: chats }).from(chats).crossJoin(memberships).where(and(mine, where))
    : orm.select({ chat: chats }).from(chats).innerJoin(memberships, mine).where(where);
  const [rows, counted] = await Promise.all([
    page.orderBy(...orderBy).limit(options.limit).offset(options.offset),
    orm.select({ n: count() }).from(chats).innerJoin(memberships, mine).where(where),
  ]);
  return { chats: rows.map((r) => toListRow(r.chat)), total: counted[0]?.n ?? 0 };
}


/** The numbers the navigation shows beside each view, in one query. */
export async function countChats(db: D1Database, agentId: string): Promise<ChatCounts> {
  const { results } = await db
    .prepare(
      `SELECT c.group_id AS groupId,
              SUM(c.status IN ('queued', 'active')) AS active,
              SUM(c.status = 'ended') AS inactive,
              SUM(c.status = 'queued') AS queued,
              SUM(c.status = 'active' AND c.agent_id = ?1) AS myActive
         FROM memberships m JOIN chats c ON c.group_id = m.group_id
        WHERE m.agent_id = ?1
        GROUP BY c.group_id`,
    )
    .bind(agentId)
    .all<{ groupId: string; active: number; inactive: number; queued: number; myActive: number }>();
  const counts: ChatCounts = { myActive: 0, queued: 0, groups: {} };
  for (const r of results) {
    counts.myActive += r.myActive;
    counts.queued += r.queued;
    counts.groups[r.groupId] = { active: r.active, inactive: r.inactive };
  }
  return counts;
}

/** Of the given chats, those in the agent's groups, with their status. */
export async function chatsForAgent(db: D1Database, agentId: string, chatIds: string[]): Promise<ChatListRow[]> {
  if (chatIds.length === 0) return [];
  const rows = await drizzle(db)
    .select({ chat: chats })
    .from(chats)
    .innerJoin(memberships, and(eq(memberships.groupId, chats.groupId), eq(memberships.agentId, agentId)))
    .where(inArray(chats.id, chatIds));
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

/** The customer's post-chat survey (the chat object allows one; a repeat changes nothing). */
export async function insertSurvey(db: D1Database, s: { chatId: string; rating: number; comment: string; now: number }): Promise<void> {
  await drizzle(db).insert(surveys).values({ chatId: s.chatId, rating: s.rating, comment: s.comment, createdAt: s.now }).onConflictDoNothing();
}

/** How many chats exist (the knowledge base's statistics compare deflections with them). */
export async function countAllChats(db: D1Database): Promise<number> {
  const rows = await drizzle(db).select({ n: count() }).from(chats);
  return rows[0]?.n ?? 0;
}
