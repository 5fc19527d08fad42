// The signed-in console as signals and actions: the current view, the rows every view is cut from,
// the live lobby socket that keeps them current, and the chat open in the preview pane.
// It never touches the DOM; the entry point owns page effects (title) and disposal.
import { computed, effect, signal } from '@preact/signals';
import type { ChatListRow, LobbyClientFrame, LobbyFrame } from '../../objects/protocol.ts';
import { ApiError, describeError, getJson, type ChatListResponse, type Group, type MeResponse } from '../shared/api.ts';
import { EMPTY_SEED, type ConversationSeed } from '../shared/conversation.ts';
import { openSocket } from '../shared/socket.ts';
import { openChat, type OpenChat } from './chat.ts';
import type { Session } from './session.ts';
import { createTeam } from './team.ts';
import { replaceView, rowsOf, upsertRow, type ViewId } from './views.ts';

/** After this many failed lobby reconnects, check whether the session itself has ended. */
export const SESSION_CHECK_AFTER_FAILURES = 3;

export type ConsoleModel = ReturnType<typeof createConsole>;

export function createConsole(me: MeResponse, session: Session) {
  const meId = me.agent.id;
  const view = signal<ViewId>('my-active');
  const rows = signal<ReadonlyMap<string, ChatListRow>>(new Map());
  const loading = signal(false);
  const listError = signal<string | null>(null);
  /** A message from the lobby itself (its `error` frames). */
  const lobbyNotice = signal<string | null>(null);
  const groups = signal<readonly Group[]>(me.groups);
  const team = createTeam(meId);
  const visible = computed(() => rowsOf(rows.value, view.value, meId));
  const queueCount = computed(() => rowsOf(rows.value, 'queued', meId).length);
  const selected = signal<OpenChat | null>(null);
  /** Conversations opened before, so reopening one resumes with `after=<lastSeq>`. */
  const seeds = new Map<string, ConversationSeed>();

  // Live changes that land while a fetch is in flight are re-applied on top of its (older) answer.
  let fetching = 0;
  const liveWhileFetching = new Map<string, ChatListRow>();

  function failed(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) session.expire();
    else listError.value = describeError(error);
  }

  async function fetchView(id: ViewId): Promise<void> {
    fetching += 1;
    try {
      const { chats } = await getJson<ChatListResponse>(`/api/chats?view=${id}`);
      let next = replaceView(rows.value, id, chats, meId);
      for (const row of liveWhileFetching.values()) next = upsertRow(next, row, meId);
      rows.value = next;
    } finally {
      fetching -= 1;
      if (fetching === 0) liveWhileFetching.clear();
    }
  }

  /** Refetches the current view, and the queue too, since its count is always shown. */
  async function refresh(): Promise<void> {
    const current = view.value;
    loading.value = true;
    try {
      await Promise.all(current === 'queued' ? [fetchView(current)] : [fetchView(current), fetchView('queued')]);
      listError.value = null;
    } catch (error) {
      failed(error);
    } finally {
      loading.value = false;
    }
  }

  /** Our groups changed (an administrator edited them): names for the nav, then the lists. */
  async function reloadGroups(): Promise<void> {
    try {
      groups.value = (await getJson<MeResponse>('/api/me')).groups;
    } catch (error) {
      failed(error);
    }
  }

  const lobby = openSocket<LobbyFrame, LobbyClientFrame>({
    path: () => '/api/lobby/ws',
    onFrame(frame) {
      switch (frame.type) {
        case 'welcome':
          // First connect or a reconnect: changes may have been missed, so fetch what we show.
          team.mine.value = frame.presence;
          void refresh();
          void team.load();
          return;
        case 'chat':
          if (fetching > 0) liveWhileFetching.set(frame.chat.id, frame.chat);
          rows.value = upsertRow(rows.value, frame.chat, meId);
          return;
        case 'presence':
          team.apply(frame);
          return;
        case 'memberships':
          void reloadGroups().then(refresh);
          void team.load();
          return;
        case 'error':
          lobbyNotice.value = frame.message;
          return;
        case 'pong':
          return;
        default: {
          const unhandled: never = frame;
          void unhandled;
        }
      }
    },
  });

  // A lobby that keeps failing may mean the session has expired (the upgrade answers 401); one
  // closed for good was refused on purpose (4001: signed out everywhere).
  const stopSessionCheck = effect(() => {
    if (lobby.failures.value === SESSION_CHECK_AFTER_FAILURES || lobby.state.value === 'closed') void session.check();
  });

  function select(chatId: string | null): void {
    const current = selected.value;
    if (current?.chatId === chatId) return;
    if (current) seeds.set(current.chatId, current.close());
    selected.value =
      chatId === null ? null : openChat(chatId, seeds.get(chatId) ?? EMPTY_SEED, rows.value.get(chatId) ?? null);
  }

  void refresh();

  return {
    me,
    groups,
    team,
    lobbyNotice,
    view,
    rows,
    visible,
    queueCount,
    loading,
    listError,
    lobbyState: lobby.state,
    selected,
    refresh,
    showView(id: ViewId): void {
      if (view.value === id) return;
      view.value = id;
      void refresh();
    },
    select,
    setPresence(status: 'online' | 'away'): void {
      if (lobby.send({ type: 'presence', status })) team.mine.value = status;
    },
    dismissLobbyNotice(): void {
      lobbyNotice.value = null;
    },
    dispose(): void {
      select(null);
      stopSessionCheck();
      lobby.close();
    },
  };
}
