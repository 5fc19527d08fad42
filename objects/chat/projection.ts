// Projects a chat's state into D1's `chats` row (what the lists and search read) and tells the
// live queue about it. Never on a message's hot path: state changes are projected at once,
// counters at most once per PROJECTION_INTERVAL_MS through the object's alarm.
import type { ChatListRow } from '../protocol.ts';
import type { ChatInfo, OpenState } from './logic.ts';
import { idleLevel, idleSince, type Thresholds } from './timers.ts';

/** How long, at most, a new message count or idle reset waits before it reaches D1 and the lists
 * (under the one second the lists promise, with room for the write and the push). */
export const PROJECTION_INTERVAL_MS = 800;

export interface Counters {
  messageCount: number;
  lastAgentMessageAt: number | null;
}

export function listRow(state: OpenState, counters: Counters, version: number, now: number, t: Thresholds): ChatListRow {
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
    idleSince: idleSince(state, counters.lastAgentMessageAt),
    idleLevel: idleLevel(state, counters.lastAgentMessageAt, now, t),
    followUpAt: state.followUpAt,
    version,
  };
}

/**
 * Upserts the row. `version` is the object's last sequence number: a write that arrives late
 * never overwrites a newer one (the object also sends its writes one after another).
 */
export async function writeChatRow(db: D1Database, row: ChatListRow, info: Pick<ChatInfo, 'fields' | 'language'>): Promise<void> {
  const upsert = db
    .prepare(
      `INSERT INTO chats (id, status, group_id, group_name, visitor_name, visitor_email, agent_id, agent_name,
                          started_at, taken_at, ended_at, last_agent_message_at, message_count,
                          idle_since, idle_level, follow_up_at, version, custom_fields, language)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
       ON CONFLICT (id) DO UPDATE SET
         status = excluded.status, group_id = excluded.group_id, group_name = excluded.group_name,
         agent_id = excluded.agent_id, agent_name = excluded.agent_name, taken_at = excluded.taken_at,
         ended_at = excluded.ended_at, last_agent_message_at = excluded.last_agent_message_at,
         message_count = excluded.message_count, idle_since = excluded.idle_since,
         idle_level = excluded.idle_level, follow_up_at = excluded.follow_up_at, version = excluded.version
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
      row.idleSince,
      row.idleLevel,
      row.followUpAt,
      row.version,
      JSON.stringify(info.fields),
      info.language,
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

/** Every D1 row about the chat, in one batch (all or nothing). */
export async function deleteChatRecords(db: D1Database, chatId: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM chats WHERE id = ?').bind(chatId),
    db.prepare('DELETE FROM chat_agents WHERE chat_id = ?').bind(chatId),
    db.prepare('DELETE FROM attachments WHERE chat_id = ?').bind(chatId),
    db.prepare('DELETE FROM surveys WHERE chat_id = ?').bind(chatId),
  ]);
}

/** The chat's files in R2 (every key under its prefix, also any whose D1 row was never written). */
export async function deleteChatFiles(files: R2Bucket, chatId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await files.list({ prefix: `chats/${chatId}/`, cursor });
    if (page.objects.length > 0) await files.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
}

export async function readThresholdSettings(db: D1Database): Promise<Record<string, string>> {
  const { results } = await db
    .prepare("SELECT key, value FROM settings WHERE key IN ('idle_warning_seconds', 'idle_high_seconds')")
    .all<{ key: string; value: string }>();
  return Object.fromEntries(results.map((r) => [r.key, r.value]));
}
