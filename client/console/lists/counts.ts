// The numbers beside the navigation's views (GET /api/chats/counts): fetched at sign-in and
// again after lobby frames, at most once a second however many frames arrive. A count that
// cannot be fetched keeps its last value: the lists themselves stay right either way.
import { computed, signal } from '@preact/signals';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { getJson, type ChatCounts } from '../../shared/api.ts';
import { throttle } from '../ui/throttle.ts';

/** Lobby frames refresh the counts at most this often. */
export const COUNTS_REFRESH_MS = 1_000;

export type CountsModel = ReturnType<typeof createCounts>;

/**
 * Whether a live row can change any count: a new chat, or a change of status, group or agent.
 * Most lobby frames only carry new message counters or idle levels, which no count depends on.
 */
export function affectsCounts(held: ChatListRow | undefined, row: ChatListRow): boolean {
  return held === undefined || held.status !== row.status || held.groupId !== row.groupId || held.agentId !== row.agentId;
}

export function createCounts() {
  const counts = signal<ChatCounts | null>(null);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    try {
      const answer = await getJson<ChatCounts>('/api/chats/counts');
      if (ticket === latest) counts.value = answer;
    } catch {
      // The counts stay as they were. A lost session (401) is handled once, in shared/api.ts: the console signs out.
    }
  }

  const soon = throttle(() => void load(), COUNTS_REFRESH_MS);

  return {
    counts,
    /** Every chat of every group of mine, active or not (Global Live Chats). */
    global: computed(() => Object.values(counts.value?.groups ?? {}).reduce((n, g) => n + g.active + g.inactive, 0)),
    queued: computed(() => counts.value?.queued ?? 0),
    load,
    /** Something changed: fetch the counts now, or at the end of the current second. */
    refreshSoon(): void {
      soon.request();
    },
    dispose(): void {
      soon.cancel();
    },
  };
}
