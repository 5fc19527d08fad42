// What a person can be told of in their console (the seed's My Preferences), each by any of three
// channels, and the choice made for them until they make their own. Shared by the preferences
// route and the console. Pure.

/** How much of the console the chat list takes beside (or above) the open chat, in percent. */
export const MIN_LIST_SHARE = 20;
export const MAX_LIST_SHARE = 80;
export const DEFAULT_LIST_SHARE = 42;

/** A dragged split, kept within bounds and whole. */
export function clampListShare(percent: number): number {
  if (!Number.isFinite(percent)) return DEFAULT_LIST_SHARE;
  return Math.min(MAX_LIST_SHARE, Math.max(MIN_LIST_SHARE, Math.round(percent)));
}

export const NOTIFY_EVENTS = ['newChat', 'transferredToMe', 'takenFromMe', 'followUpDue', 'taskDue'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
/**
 * Events added after people had saved their choices: a saved (or an older console's) section
 * without them still stands, and they take their defaults until chosen.
 */
export const LATER_NOTIFY_EVENTS: readonly NotifyEvent[] = ['taskDue'];
export interface NotifyChannels {
  sound: boolean;
  /** A desktop notification (the browser asks for permission once). */
  desktop: boolean;
  /** A notice on the console's page. */
  inPage: boolean;
}

/**
 * Until a person chooses: an in-page notice and a sound for what is now theirs to handle, a notice
 * when a chat is taken from them, nothing for new chats (the queue, the nav's count and the tab's
 * title already show them), no desktop notification until asked for.
 */
export const DEFAULT_NOTIFICATIONS: Readonly<Record<NotifyEvent, NotifyChannels>> = {
  newChat: { sound: false, desktop: false, inPage: false },
  transferredToMe: { sound: true, desktop: false, inPage: true },
  takenFromMe: { sound: false, desktop: false, inPage: true },
  followUpDue: { sound: true, desktop: false, inPage: true },
  taskDue: { sound: true, desktop: false, inPage: true },
};
