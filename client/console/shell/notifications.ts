// What the console tells its person, as their preferences say (the seed's My Preferences): a new
// chat in their groups (seen arriving in the lobby), a chat transferred to them, a chat taken from
// them, a follow-up or a task of theirs falling due (the lobby's `notice` frames). Each can ring, show a
// desktop notification and an in-page notice; a new chat can also open in a pop-out. Signals and
// actions only: the entry point supplies the effects that reach outside the page (sound, the
// desktop, windows).
import { signal } from '@preact/signals';
import type { ChatListRow, ChatNotice, Notice } from '../../../objects/protocol.ts';
import { DEFAULT_NOTIFICATIONS, type NotifyChannels, type NotifyEvent } from '../../../objects/rules/preferences.ts';
import type { Preferences, PreferencesResponse } from '../../../worker/preferences/wire.ts';
import { describeError, getJson, putJson } from '../../shared/api.ts';

/** What the lobby tells, and a new chat seen arriving in it. */
export type ConsoleNotice = Notice | (Omit<ChatNotice, 'kind'> & { kind: 'new-chat' });
export type ConsoleNoticeKind = ConsoleNotice['kind'];

/** The in-page notices kept at once (older ones go). */
export const MAX_NOTICES = 5;
const PATH = '/api/me/preferences';

/** Which preference decides each kind of notice. */
export const EVENT_OF: Readonly<Record<ConsoleNoticeKind, NotifyEvent>> = {
  'new-chat': 'newChat',
  'transferred-to-you': 'transferredToMe',
  'taken-from-you': 'takenFromMe',
  'follow-up-due': 'followUpDue',
  'task-due': 'taskDue',
};

/** The words for My Preferences' rows. */
export const EVENT_LABELS: Readonly<Record<NotifyEvent, string>> = {
  newChat: 'A new chat in my groups',
  transferredToMe: 'A chat transferred to me',
  takenFromMe: 'A chat taken from me',
  followUpDue: 'A follow-up of mine falls due',
  taskDue: 'A task of mine falls due',
};

export function channelsFor(prefs: Preferences, kind: ConsoleNoticeKind): NotifyChannels {
  const event = EVENT_OF[kind];
  return prefs.notifications?.[event] ?? DEFAULT_NOTIFICATIONS[event];
}

/** One line saying what happened. */
export function noticeText(n: ConsoleNotice): string {
  switch (n.kind) {
    case 'new-chat':
      return `New chat from ${n.visitorName}`;
    case 'transferred-to-you':
      return `${n.by?.name ?? 'A colleague'} transferred the chat with ${n.visitorName} to you`;
    case 'taken-from-you':
      return `${n.by?.name ?? 'A colleague'} took the chat with ${n.visitorName} from you`;
    case 'follow-up-due':
      return `Follow-up due: the chat with ${n.visitorName}`;
    case 'task-due':
      return `Task due: ${n.title}`;
  }
}

/** A new chat as a notice: only one that started after the console opened is new to it. */
export function newChatNotice(row: ChatListRow, openedAt: number, known: ReadonlySet<string>): ConsoleNotice | null {
  if (row.status !== 'queued' || known.has(row.id) || row.startedAt < openedAt) return null;
  return { id: `${row.id}:new-chat`, kind: 'new-chat', chatId: row.id, visitorName: row.visitorName, by: null, at: row.startedAt };
}

export interface NoticeEffects {
  sound(): void;
  desktop(title: string, body: string, tag: string): void;
  /** Asks the browser for permission to show desktop notifications (once: the browser remembers). */
  askDesktopPermission(): void;
  popout(chatId: string): void;
}

export type Notifications = ReturnType<typeof createNotifications>;

export function createNotifications(effects: NoticeEffects, openedAt = Date.now()) {
  const preferences = signal<Preferences>({});
  const notices = signal<readonly ConsoleNotice[]>([]);
  const saving = signal(false);
  const problem = signal<string | null>(null);
  const seen = new Set<string>();
  const knownChats = new Set<string>();

  function receive(notice: ConsoleNotice): void {
    if (seen.has(notice.id)) return;
    seen.add(notice.id);
    const channels = channelsFor(preferences.peek(), notice.kind);
    if (channels.inPage) notices.value = [notice, ...notices.peek()].slice(0, MAX_NOTICES);
    if (channels.sound) effects.sound();
    if (channels.desktop) effects.desktop('Switchboard', noticeText(notice), notice.id);
  }

  return {
    preferences,
    notices,
    saving,
    problem,
    async load(): Promise<void> {
      try {
        preferences.value = (await getJson<PreferencesResponse>(PATH)).preferences;
      } catch {
        // The defaults serve; a lost session is handled once, in shared/api.ts.
      }
    },
    /** Saves the sections given; desktop notifications switched on ask for the browser's permission. */
    async save(change: Pick<Preferences, 'popoutNewChats' | 'notifications'>): Promise<boolean> {
      saving.value = true;
      problem.value = null;
      try {
        preferences.value = (await putJson<PreferencesResponse>(PATH, change)).preferences;
        if (Object.values(change.notifications ?? {}).some((c) => c.desktop)) effects.askDesktopPermission();
        return true;
      } catch (error) {
        problem.value = describeError(error);
        return false;
      } finally {
        saving.value = false;
      }
    },
    /** A lobby notice (transferred to me, taken from me, follow-up or task due). */
    receive,
    /** A chat row the lobby pushed: a queued chat this console has not seen before is a new chat. */
    sawChat(row: ChatListRow): void {
      const notice = newChatNotice(row, openedAt, knownChats);
      knownChats.add(row.id);
      if (!notice) return;
      receive(notice);
      if (preferences.peek().popoutNewChats) effects.popout(row.id);
    },
    dismiss(id: string): void {
      notices.value = notices.peek().filter((n) => n.id !== id);
    },
  };
}
