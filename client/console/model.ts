// The signed-in console as signals and actions: the current view (or the administrator's page),
// the lists every view is cut from, the live lobby socket that keeps them and the team current,
// and the chat open in the preview pane. It never touches the DOM; the entry point owns page
// effects (title) and disposal.
import { computed, effect, signal } from '@preact/signals';
import type { ChatListRow, LobbyClientFrame, LobbyFrame } from '../../objects/protocol.ts';
import { ApiError, describeError, getJson, type ChatListResponse, type Group, type MeResponse } from '../shared/api.ts';
import { EMPTY_SEED, type ConversationSeed } from '../shared/conversation.ts';
import { openSocket } from '../shared/socket.ts';
import { createAdmin, type AdminModel } from './admin/model.ts';
import { openChat, type OpenChat } from './chat.ts';
import { applyFetched, applyLive, EMPTY_LISTS, forgetChat, isLoaded, keepGroups, rowsIn, type Lists } from './lists.ts';
import type { Session } from './session.ts';
import { createTeam } from './team.ts';
import { type ChatView, MY_ACTIVE, QUEUED, sameView, type ViewContext, viewQuery } from './views.ts';

/** After this many failed lobby reconnects, check whether the session itself has ended. */
export const SESSION_CHECK_AFTER_FAILURES = 3;

export type ConsoleModel = ReturnType<typeof createConsole>;
/** The chat lists, or the administrator's page (people and groups). */
export type Screen = 'chats' | 'admin';

const sameIds = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((id) => b.has(id));

export function createConsole(me: MeResponse, session: Session) {
  const meId = me.agent.id;
  const screen = signal<Screen>('chats');
  const view = signal<ChatView>(MY_ACTIVE);
  const lists = signal<Lists>(EMPTY_LISTS);
  const loading = signal(false);
  const listError = signal<string | null>(null);
  /** A message from the lobby itself (its `error` frames). */
  const lobbyNotice = signal<string | null>(null);
  /** Names for the nav, from `/api/me`. */
  const groups = signal<readonly Group[]>(me.groups);
  /** The groups the lobby follows for us: updated by its frames before `/api/me` answers. */
  const groupIds = signal<ReadonlySet<string>>(new Set(me.groups.map((g) => g.id)));
  const ctx = computed<ViewContext>(() => ({ meId, groupIds: groupIds.value }));
  const team = createTeam(meId);
  const visible = computed(() => rowsIn(lists.value, view.value));
  const viewLoaded = computed(() => isLoaded(lists.value, view.value));
  const queueCount = computed(() => rowsIn(lists.value, QUEUED).length);
  const selected = signal<OpenChat | null>(null);
  /** Conversations opened before, so reopening one resumes with `after=<lastSeq>`. */
  const seeds = new Map<string, ConversationSeed>();

  // Live changes that land while a fetch is in flight are re-applied on top of its answer.
  let fetching = 0;
  const liveWhileFetching = new Map<string, ChatListRow>();

  function failed(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) session.expire();
    else listError.value = describeError(error);
  }

  async function fetchView(target: ChatView): Promise<void> {
    fetching += 1;
    try {
      const { chats } = await getJson<ChatListResponse>(`/api/chats?${viewQuery(target)}`);
      // We may have left the group while the request was in flight.
      if (target.kind === 'group' && !groupIds.value.has(target.groupId)) return;
      lists.value = applyFetched(lists.value, target, chats, ctx.value, liveWhileFetching.values());
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
      await Promise.all(sameView(current, QUEUED) ? [fetchView(current)] : [fetchView(current), fetchView(QUEUED)]);
      listError.value = null;
    } catch (error) {
      failed(error);
    } finally {
      loading.value = false;
    }
  }

  /** Our groups are now these: views and rows of groups we left go, and so does their view. */
  function followGroups(ids: ReadonlySet<string>): void {
    if (sameIds(ids, groupIds.value)) return;
    groupIds.value = ids;
    lists.value = keepGroups(lists.value, ids);
    const current = view.value;
    if (current.kind === 'group' && !ids.has(current.groupId)) {
      view.value = MY_ACTIVE;
      void refresh();
    }
    const open = selected.value?.conversation.chat.value ?? null;
    if (open !== null && !ids.has(open.groupId)) select(null);
  }

  /** Our groups (or their names) changed: ask `/api/me` again for the nav. */
  async function reloadGroups(): Promise<void> {
    try {
      const fresh = await getJson<MeResponse>('/api/me');
      groups.value = fresh.groups;
      followGroups(new Set(fresh.groups.map((g) => g.id)));
    } catch (error) {
      failed(error);
    }
  }

  const lobby = openSocket<LobbyFrame, LobbyClientFrame>({
    path: () => '/api/lobby/ws',
    onFrame(frame) {
      switch (frame.type) {
        case 'welcome': {
          // First connect or a reconnect: changes may have been missed, so fetch what we show.
          team.mine.value = frame.presence;
          const ids = new Set(frame.groupIds);
          if (sameIds(ids, groupIds.value)) void refresh();
          else void reloadGroups().then(refresh);
          void team.load();
          return;
        }
        case 'chat':
          if (fetching > 0) liveWhileFetching.set(frame.chat.id, frame.chat);
          lists.value = applyLive(lists.value, frame.chat, ctx.value);
          return;
        case 'removed':
          liveWhileFetching.delete(frame.chatId);
          lists.value = forgetChat(lists.value, frame.chatId);
          return;
        case 'presence':
          team.apply(frame);
          return;
        case 'memberships':
          // An administrator added or removed us: follow at once, then fetch names and lists.
          followGroups(new Set(frame.groupIds));
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
      chatId === null ? null : openChat(chatId, seeds.get(chatId) ?? EMPTY_SEED, lists.value.rows.get(chatId) ?? null);
  }

  const admin: AdminModel | null =
    me.agent.role === 'admin'
      ? createAdmin({ onSignedOut: () => session.expire(), onGroupsChanged: () => void reloadGroups() })
      : null;

  void refresh();

  return {
    me,
    groups,
    team,
    admin,
    lobbyNotice,
    screen,
    view,
    lists,
    visible,
    viewLoaded,
    queueCount,
    loading,
    listError,
    lobbyState: lobby.state,
    selected,
    refresh,
    groupName(id: string): string | undefined {
      return groups.value.find((g) => g.id === id)?.name;
    },
    showView(next: ChatView): void {
      const wasAdmin = screen.value === 'admin';
      screen.value = 'chats';
      if (sameView(view.value, next) && !wasAdmin) return;
      view.value = next;
      void refresh();
    },
    showAdmin(): void {
      if (admin === null) return;
      screen.value = 'admin';
      void admin.load();
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
