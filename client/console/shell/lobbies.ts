// The console's live queue: one socket per group of ours, each to that group's lobby piece
// (objects/lobby/pieces.ts), opened and closed as our groups change. Together they look like one
// connection to the rest of the console: one state, one failure count, one presence to send.
import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { LobbyClientFrame, LobbyFrame } from '../../../objects/protocol.ts';
import { type ConnectionState, type LiveSocket, openSocket } from '../../shared/socket.ts';

export interface Lobbies {
  /** The worst of the sockets' states (open when we are in no group: there is nothing to hear). */
  readonly state: ReadonlySignal<ConnectionState>;
  readonly failures: ReadonlySignal<number>;
  /** Sends on every group's socket; true if it went out on all of them. */
  send(frame: LobbyClientFrame): boolean;
  close(): void;
}

const WORST_FIRST: readonly ConnectionState[] = ['closed', 'reconnecting', 'connecting', 'open'];

export function openLobbies(options: {
  groupIds: ReadonlySignal<ReadonlySet<string>>;
  onFrame: (frame: LobbyFrame, groupId: string) => void;
  /** A group's socket was refused for good (signed out, or no longer in the group). */
  onRefused: (groupId: string) => void;
}): Lobbies {
  const sockets = new Map<string, LiveSocket<LobbyClientFrame>>();
  const stops = new Map<string, () => void>();
  let version = 0;
  /** Bumped whenever a socket comes or goes, so the combined state follows the set. */
  const changed = signal(0);

  function open(groupId: string): void {
    const socket = openSocket<LobbyFrame, LobbyClientFrame>({
      path: () => `/api/lobby/ws?group=${encodeURIComponent(groupId)}`,
      onFrame: (frame) => options.onFrame(frame, groupId),
    });
    sockets.set(groupId, socket);
    let wasClosed = false;
    stops.set(
      groupId,
      effect(() => {
        const closed = socket.state.value === 'closed';
        if (closed && !wasClosed && sockets.get(groupId) === socket) options.onRefused(groupId);
        wasClosed = closed;
      }),
    );
  }

  function drop(groupId: string): void {
    stops.get(groupId)?.();
    stops.delete(groupId);
    sockets.get(groupId)?.close();
    sockets.delete(groupId);
  }

  const stopFollowing = effect(() => {
    const wanted = options.groupIds.value;
    for (const id of [...sockets.keys()]) if (!wanted.has(id)) drop(id);
    // A group whose socket was refused is opened again if we are (still, or again) in it.
    for (const id of wanted) if (sockets.get(id)?.state.peek() === 'closed') drop(id);
    for (const id of wanted) if (!sockets.has(id)) open(id);
    changed.value = ++version;
  });

  const state = computed<ConnectionState>(() => {
    void changed.value;
    const states = [...sockets.values()].map((s) => s.state.value);
    return WORST_FIRST.find((s) => states.includes(s)) ?? 'open';
  });
  const failures = computed(() => {
    void changed.value;
    return Math.max(0, ...[...sockets.values()].map((s) => s.failures.value));
  });

  return {
    state,
    failures,
    send(frame) {
      let all = sockets.size > 0;
      for (const socket of sockets.values()) all = socket.send(frame) && all;
      return all;
    },
    close() {
      stopFollowing();
      for (const id of [...sockets.keys()]) drop(id);
    },
  };
}
