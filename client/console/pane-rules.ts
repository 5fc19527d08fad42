// What the preview pane offers to whom, as pure rules over the chat's snapshot and events:
// who has joined openly (barge-in), the follow-up in force, and which toolbar actions and boxes
// are available. They mirror objects/chat/logic.ts so the pane offers what the server allows;
// the server still decides, and its refusal is shown.
import { supervises } from '../../objects/rules/ranks.ts';
import type { ChatEvent, ChatSnapshot, StaffRank } from '../../objects/protocol.ts';

/** Managers and administrators may take over, end and transfer chats assigned to someone else. */
/** Managers and administrators (objects/rules/ranks.ts). */
export const isSupervisor = (rank: StaffRank): boolean => supervises(rank);

/**
 * The staff who joined openly and are still in the conversation: a take from the queue or a
 * transfer starts afresh; a take-over drops the new agent from those who joined.
 */
export function joinedStaff(events: readonly ChatEvent[]): ReadonlySet<string> {
  const joined = new Set<string>();
  for (const e of events) {
    if (e.kind === 'joined') joined.add(e.person.id);
    else if (e.kind === 'transferred' || (e.kind === 'taken' && e.fromAgent === null)) joined.clear();
    else if (e.kind === 'taken') joined.delete(e.agent.id);
  }
  return joined;
}

/**
 * The follow-up in force: the last one scheduled, null if cleared since, undefined if the log
 * never mentions one (then the list row, if any, knows best).
 */
export function followUpFrom(events: readonly ChatEvent[]): number | null | undefined {
  let due: number | null | undefined;
  for (const e of events) if (e.kind === 'follow-up') due = e.dueAt;
  return due;
}

export interface PaneContext {
  chat: Pick<ChatSnapshot, 'status' | 'agent'> | null;
  meId: string;
  rank: StaffRank;
  joined: ReadonlySet<string>;
  /** The chat's socket is open (socket frames and fresh state). */
  online: boolean;
  /** A toolbar action is waiting for its answer. */
  busy: boolean;
}

export interface PaneAbilities {
  take: boolean;
  takeOver: boolean;
  /** Shown at all (enabled is `takeOver`). */
  showTakeOver: boolean;
  join: boolean;
  showJoin: boolean;
  end: boolean;
  transfer: boolean;
  followUp: boolean;
  /** Delete Chat is only offered once the chat has ended. */
  delete: boolean;
  write: boolean;
  coach: boolean;
}

export function paneAbilities(c: PaneContext): PaneAbilities {
  const status = c.chat?.status ?? null;
  const ready = c.online && !c.busy;
  const mine = c.chat?.agent?.id === c.meId;
  const supervisor = isSupervisor(c.rank);
  const othersActive = status === 'active' && c.chat?.agent != null && !mine;
  const joined = c.joined.has(c.meId);
  return {
    take: ready && status === 'queued',
    showTakeOver: supervisor && othersActive,
    takeOver: ready && supervisor && othersActive,
    showJoin: othersActive && !joined,
    join: ready && othersActive && !joined,
    end: ready && (status === 'queued' || (status === 'active' && (mine || supervisor))),
    transfer: !c.busy && (status === 'queued' || (status === 'active' && (mine || supervisor))),
    followUp: !c.busy && status !== null,
    delete: !c.busy && status === 'ended',
    write: status === 'active' && (mine || joined),
    coach: status === 'active',
  };
}

/** Why the reply box is closed, for the person who cannot write. */
export function writeBlocker(c: PaneContext): string {
  const status = c.chat?.status ?? null;
  if (status === 'queued') return 'Take the chat to reply.';
  if (status === 'ended') return 'This chat has ended.';
  if (status === 'active') {
    return isSupervisor(c.rank)
      ? 'Another agent has this chat: coach them, join the conversation or take it over.'
      : 'Another agent has this chat: coach them or join the conversation.';
  }
  return 'Loading…';
}
