// Presence in the console: my own status (online or away, set over the lobby socket) and my
// colleagues' (from `GET /api/agents`, then kept current by the lobby's `presence` frames).
// Signals and actions only; the lobby socket itself belongs to the console model.
import { computed, signal } from '@preact/signals';
import type { LobbyFrame, Presence } from '../../../objects/protocol.ts';
import { getJson, type ColleaguesResponse } from '../../shared/api.ts';

type PresenceFrame = Extract<LobbyFrame, { type: 'presence' }>;

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
  let loads = 0;
  const framesDuringLoad: PresenceFrame[] = [];
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
      loads += 1;
      try {
        const { agents } = await getJson<ColleaguesResponse>('/api/agents');
        let next: ReadonlyMap<string, TeamMember> = new Map(
          agents.filter((a) => a.id !== meId).map((a) => [a.id, { id: a.id, name: a.name, presence: a.presence }]),
        );
        // Frames that arrived while the request was in flight are newer than its answer.
        for (const frame of framesDuringLoad) next = applyPresence(next, frame);
        members.value = next;
      } catch {
        // The team list is a courtesy; the lists and chats work without it.
      } finally {
        loads -= 1;
        if (loads === 0) framesDuringLoad.length = 0;
      }
    },
    apply(frame: PresenceFrame): void {
      if (frame.agentId === meId) {
        // Another console of mine changed my status (offline is never mine while this one is open).
        if (frame.status !== 'offline') mine.value = frame.status;
        return;
      }
      if (loads > 0) framesDuringLoad.push(frame);
      members.value = applyPresence(members.value, frame);
    },
  };
}

/**
 * A colleague's presence changed. The lobby announces a colleague's going offline without a name
 * (and to consoles beyond their groups), so a known colleague keeps the name we have, and an
 * unknown agent is only added when the frame names them.
 */
export function applyPresence(
  members: ReadonlyMap<string, TeamMember>,
  frame: PresenceFrame,
): ReadonlyMap<string, TeamMember> {
  const known = members.get(frame.agentId);
  if (known === undefined && frame.name === '') return members;
  if (known?.presence === frame.status) return members;
  const next = new Map(members);
  next.set(frame.agentId, { id: frame.agentId, name: frame.name || (known?.name ?? ''), presence: frame.status });
  return next;
}
