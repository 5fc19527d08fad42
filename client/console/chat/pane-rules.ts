// What the preview pane offers to whom, as pure rules over the chat's snapshot (which carries who
// has joined openly and the follow-up in force): which toolbar actions and boxes are available. They mirror objects/chat/logic.ts so the pane offers what the server allows;
// the server still decides, and its refusal is shown.
import { supervises } from '../../../objects/rules/ranks.ts';
import type { ChatSnapshot, StaffRank } from '../../../objects/protocol.ts';

export interface PaneContext {
  chat: Pick<ChatSnapshot, 'status' | 'agent'> | null;
  meId: string;
  rank: StaffRank;
  joined: ReadonlySet<string>;
  /** The chat's socket is open (socket frames and fresh state). */
  online: boolean;
  /** A toolbar action is waiting for its answer. */
  busy: boolean;
  /** The administrator lets agents take chats from colleagues (managers and administrators always may). */
  colleaguesMayTake?: boolean;
}

/**
 * What the toolbar shows (`show…`: the action applies to this chat and person; buttons that do not
 * apply are hidden, not shown disabled) and what is enabled now (not while offline or busy).
 */
export interface PaneAbilities {
  showTake: boolean;
  take: boolean;
  takeOver: boolean;
  /** Shown at all (enabled is `takeOver`). */
  showTakeOver: boolean;
  join: boolean;
  showJoin: boolean;
  showEnd: boolean;
  end: boolean;
  showTransfer: boolean;
  transfer: boolean;
  showFollowUp: boolean;
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
  const supervisor = supervises(c.rank);
  const othersActive = status === 'active' && c.chat?.agent != null && !mine;
  const joined = c.joined.has(c.meId);
  const mayTakeOver = (supervisor || (c.colleaguesMayTake ?? false)) && othersActive;
  const endable = status === 'queued' || (status === 'active' && (mine || supervisor));
  return {
    showTake: status === 'queued',
    take: ready && status === 'queued',
    showTakeOver: mayTakeOver,
    takeOver: ready && mayTakeOver,
    showJoin: othersActive && !joined,
    join: ready && othersActive && !joined,
    showEnd: endable,
    end: ready && endable,
    showTransfer: endable,
    transfer: !c.busy && endable,
    showFollowUp: status !== null,
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
    return supervises(c.rank)
      ? 'Another agent has this chat: coach them, join the conversation or take it over.'
      : 'Another agent has this chat: coach them or join the conversation.';
  }
  return 'Loading…';
}
