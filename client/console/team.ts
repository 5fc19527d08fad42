// Presence in the console: my own status (online or away, set over the lobby socket) and my
// colleagues' (from `GET /api/agents`, then kept current by the lobby's `presence` frames).
// Signals and actions only; the lobby socket itself belongs to the console model.
import { computed, signal } from '@preact/signals';
import type { LobbyFrame, Presence } from '../../objects/protocol.ts';
import { getJson, type ColleaguesResponse } from '../shared/api.ts';

export interface TeamMember {
  id: string;
  name: string;
  presence: Presence;
}

const PRESENCE_ORDER: Readonly<Record<Presence, number>> = { online: 0, away: 1, offline: 2 };

export const PRESENCE_LABELS: Readonly<Record<Presence, string>> = { online: 'Online', away: 'Away', offline: 'Offline' };

export type Team = ReturnType<typeof createTeam>;

export function createTeam(meId: string) {
  const mine = signal<Presence>('online');
  const members = signal<ReadonlyMap<string, TeamMember>>(new Map());
  /** Colleagues, online first, then by name. */
  const list = computed(() =>
    [...members.value.values()].sort(
      (a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name),
    ),
  );

  return {
    mine,
    list,
    /** Fetches everyone's presence (after each lobby (re)connect, when frames may have been missed). */
    async load(): Promise<void> {
      try {
        const { agents } = await getJson<ColleaguesResponse>('/api/agents');
        members.value = new Map(
          agents.filter((a) => a.id !== meId).map((a) => [a.id, { id: a.id, name: a.name, presence: a.presence }]),
        );
      } catch {
        // The team list is a courtesy; the lists and chats work without it.
      }
    },
    apply(frame: Extract<LobbyFrame, { type: 'presence' }>): void {
      if (frame.agentId === meId) {
        // Another console of mine changed my status (offline is never mine while this one is open).
        if (frame.status !== 'offline') mine.value = frame.status;
        return;
      }
      const next = new Map(members.value);
      next.set(frame.agentId, { id: frame.agentId, name: frame.name, presence: frame.status });
      members.value = next;
    },
  };
}
