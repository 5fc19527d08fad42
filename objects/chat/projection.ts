// Projects a chat's state into D1's `chats` row (what the lists and search read) and tells the
// live queue about it. Never on a message's hot path: state changes are projected at once,
// counters at most once per PROJECTION_INTERVAL_MS through the object's alarm.
import type { ChatListRow } from '../protocol.ts';
import type { ChatState } from './logic.ts';

/** How often, at most, a chat's counters (message count, last agent message) reach D1. */
export const PROJECTION_INTERVAL_MS = 1000;

export function listRow(
  state: Exclude<ChatState, { status: 'new' }>,
  counters: { messageCount: number; lastAgentMessageAt: number | null },
  version: number,
): ChatListRow {
  const agent = state.status === 'queued' ? null : state.agent;
  return {
    id: state.info.id,
    status: state.status,
    groupId: state.info.groupId,
    groupName: state.info.groupName,
    visitorName: state.info.visitor.name,
    visitorEmail: state.info.visitorEmail,
    agentId: agent?.id ?? null,
    agentName: agent?.name ?? null,
    startedAt: state.startedAt,
    takenAt: state.status === 'queued' ? null : state.takenAt,
    endedAt: state.status === 'ended' ? state.endedAt : null,
    lastAgentMessageAt: counters.lastAgentMessageAt,
    messageCount: counters.messageCount,
    version,
  };
}

/**
 * Upserts the row. `version` is the object's last sequence number: a write that arrives late
 * (D1 calls from one object may overlap) never overwrites a newer one.
 */
export async function writeChatRow(db: D1Database, row: ChatListRow): Promise<void> {
  const upsert = db
    .prepare(
      `INSERT INTO chats (id, status, group_id, group_name, visitor_name, visitor_email, agent_id, agent_name,
                          started_at, taken_at, ended_at, last_agent_message_at, message_count, version)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
       ON CONFLICT (id) DO UPDATE SET
         status = excluded.status, group_id = excluded.group_id, group_name = excluded.group_name,
         agent_id = excluded.agent_id, agent_name = excluded.agent_name, taken_at = excluded.taken_at,
         ended_at = excluded.ended_at, last_agent_message_at = excluded.last_agent_message_at,
         message_count = excluded.message_count, version = excluded.version
       WHERE excluded.version >= chats.version`,
    )
    .bind(
      row.id,
      row.status,
      row.groupId,
      row.groupName,
      row.visitorName,
      row.visitorEmail,
      row.agentId,
      row.agentName,
      row.startedAt,
      row.takenAt,
      row.endedAt,
      row.lastAgentMessageAt,
      row.messageCount,
      row.version,
    );
  // Remember every agent the chat was ever assigned to (My Completed lists it for each of them).
  const assigned = row.agentId
    ? [
        db
          .prepare('INSERT OR IGNORE INTO chat_agents (chat_id, agent_id, assigned_at) VALUES (?, ?, ?)')
          .bind(row.id, row.agentId, row.takenAt ?? row.startedAt),
      ]
    : [];
  await db.batch([upsert, ...assigned]);
}
