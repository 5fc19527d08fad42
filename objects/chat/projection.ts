// The chat's state as D1's `chats` row (what the lists and search read) and as the live queue's
// frames. Never on a message's hot path: projector.ts decides when a row is written and published.
import type { ChatListRow } from '../protocol.ts';
import type { OpenState } from './logic.ts';
import { idleLevel, idleSince, type Thresholds } from './timers.ts';

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

/** The chat's files in R2 (every key under its prefix, also any whose D1 row was never written). */
export async function deleteChatFiles(files: R2Bucket, chatId: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await files.list({ prefix: `chats/${chatId}/`, cursor });
    if (page.objects.length > 0) await files.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
}
