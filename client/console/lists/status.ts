// What the Status column says about a chat: a coloured icon for its idle level (the seed's grey,
// green, yellow and red, decided by the server) with a text for screen readers, and whether a
// follow-up is scheduled or already due. Pure: the clock is a parameter.
import type { ChatListRow, ChatStatus, IdleLevel } from '../../../objects/protocol.ts';

export type StatusColour = 'grey' | 'green' | 'yellow' | 'red';

export const LEVEL_COLOURS: Readonly<Record<IdleLevel, StatusColour>> = {
  none: 'grey',
  normal: 'green',
  warning: 'yellow',
  high: 'red',
  closed: 'red',
};

export const STATUS_LABELS: Readonly<Record<ChatStatus, string>> = { queued: 'Queued', active: 'Active', ended: 'Ended' };

/** "Active", "Active, idle warning", "Queued, high idle warning", "Ended". */
export function statusText(status: ChatStatus, level: IdleLevel): string {
  const base = STATUS_LABELS[status];
  switch (level) {
    case 'warning':
      return `${base}, idle warning`;
    case 'high':
      return `${base}, high idle warning`;
    case 'none':
    case 'normal':
    case 'closed':
      return base;
  }
}

export type FollowUp = { state: 'none' } | { state: 'scheduled'; at: number } | { state: 'due'; at: number };

export function followUpOf(row: Pick<ChatListRow, 'followUpAt'>, now: number): FollowUp {
  if (row.followUpAt === null) return { state: 'none' };
  return row.followUpAt <= now ? { state: 'due', at: row.followUpAt } : { state: 'scheduled', at: row.followUpAt };
}
