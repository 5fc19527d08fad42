// The signed-in console as signals and actions: the current screen (lists or the administrator's
// page), the list with its sorting, paging and checked rows, the counts beside the nav, the
// person's visible fields, the live lobby socket that keeps all of them and the team current,
// and the chat open in the preview pane. It never touches the DOM; the entry point owns page
// effects (title, windows) and disposal.
import { createSearch } from '../search/search.ts';
import { computed, effect, signal } from '@preact/signals';
import { MAX_SHOWING } from '../../../objects/protocol.ts';
import { getJson, type Group, type MeResponse } from '../../shared/api.ts';
import { EMPTY_SEED, type ConversationSeed } from '../../shared/conversation.ts';
import { createAdmin, type AdminModel } from '../admin/model.ts';
import { createBulk } from '../lists/bulk.ts';
import { openChat, type OpenChat } from '../chat/chat.ts';
import { affectsCounts, createCounts } from '../lists/counts.ts';
import { createListModel } from '../lists/list-model.ts';
import { createMessages } from '../messages/messages.ts';
import { createDesk, type DeskView } from '../desk/desk.ts';
import { createCustomerPopout } from '../customers/customer.ts';
import type { ItemRef } from '../../../objects/rules/items.ts';
import type { PaneHost } from '../chat/pane-host.ts';
import type { Session } from './sign-in.ts';
import { createTransferTargets } from '../chat/targets.ts';
import { createTeam } from './team.ts';
import { createNotifications, type NoticeEffects } from './notifications.ts';
import { openLobbies } from './lobbies.ts';
import { type ChatView, sameView, type ViewContext } from '../lists/views.ts';
import { createVisibleFields } from '../lists/visible-fields.ts';

/** After this many failed lobby reconnects, check whether the session itself has ended. */
export const SESSION_CHECK_AFTER_FAILURES = 3;
/** While we are in no group there is no lobby to tell us we were added to one: ask this often. */
export const NO_GROUP_RECHECK_MS = 30_000;
/** Lobby sockets that (re)connect within this long of each other cost one fetch of the lists. */
const REFRESH_COALESCE_MS = 100;

export type ConsoleModel = ReturnType<typeof createConsole>;
/** The chat lists, the messages left while nobody was online, the Help Desk's items, search, or the administrator's page. */
export type Screen = 'chats' | 'messages' | 'admin' | 'desk' | 'search';

const sameIds = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((id) => b.has(id));

export function createConsole(initialMe: MeResponse, session: Session, effects: NoticeEffects) {
  const meId = initialMe.agent.id;
  /**
   * Who we are, as `/api/me` last said: an administrator's change of our role reaches us as a
   * lobby `memberships` frame, and the badge, the Administration page and the actions the chat
   * pane offers follow it without a reload.
   */
  const me = signal<MeResponse>(initialMe);
  const screen = signal<Screen>('chats');
  /** A message from the lobby itself (its `error` frames). */
  const lobbyNotice = signal<string | null>(null);
  /** Names for the nav, from `/api/me`. */
  const groups = signal<readonly Group[]>(initialMe.groups);
  /** The groups the lobby follows for us: updated by its frames before `/api/me` answers. */
  const groupIds = signal<ReadonlySet<string>>(new Set(initialMe.groups.map((g) => g.id)));
  const ctx = computed<ViewContext>(() => ({ meId, groupIds: groupIds.value }));
  const team = createTeam(meId);
  const list = createListModel(ctx);
  const counts = createCounts();
  const fields = createVisibleFields();
  const targets = createTransferTargets(groups);
  const selected = signal<OpenChat | null>(null);
  const messages = createMessages();
  const desk = createDesk();
  const notifications = createNotifications(effects);
  /** Conversations opened before, so reopening one resumes with `after=<lastSeq>`. */
  const seeds = new Map<string, ConversationSeed>();

  const bulk = createBulk({
    selection: list.selection,
    clearChecks: list.clearChecks,
    forget: (ids) => ids.forEach((id) => list.removed(id)),
  });

  async function refresh(): Promise<void> {
    await Promise.all([list.refresh(), counts.load()]);
  }

  /** Our groups are now these: views and rows of groups we left go, and so does their chat. */
  function followGroups(ids: ReadonlySet<string>): void {
    if (sameIds(ids, groupIds.value)) return;
    groupIds.value = ids;
    list.followGroups(ids);
    const open = selected.value?.conversation.chat.value ?? null;
    if (open !== null && !ids.has(open.groupId)) select(null);
  }

  /** Our groups (or their names, or our role) changed: ask `/api/me` again. */
  async function reloadGroups(): Promise<void> {
    try {
      const fresh = await getJson<MeResponse>('/api/me');
      me.value = fresh;
      groups.value = fresh.groups;
      followGroups(new Set(fresh.groups.map((g) => g.id)));
    } catch {
      void session.check();
    }
  }

  /** One fetch of the lists and the team for every lobby socket that (re)connected meanwhile. */
  let caughtUp: ReturnType<typeof setTimeout> | undefined;
  let regroupPending = false;
  function catchUpSoon(regroup: boolean): void {
    clearTimeout(caughtUp);
    regroupPending ||= regroup;
    caughtUp = setTimeout(() => {
      const regrouping = regroupPending;
      regroupPending = false;
      void (regrouping ? reloadGroups().then(refresh) : refresh());
      void team.load();
    }, REFRESH_COALESCE_MS);
  }

  const lobby = openLobbies({
    groupIds,
    // Signed out, or no longer in that group: find out which from `/api/me` (whose failure checks the session).
    onRefused: () => void reloadGroups().then(refresh),
    onFrame(frame) {
      switch (frame.type) {
        case 'welcome': {
          // First connect or a reconnect: changes may have been missed, so fetch what we show,
          // and say again which chats we show (their counters reach only consoles showing them).
          team.mine.value = frame.presence;
          tellShowing(true);
          catchUpSoon(!sameIds(new Set(frame.groupIds), groupIds.value));
          return;
        }
        case 'chat': {
          const held = list.lists.value.rows.get(frame.chat.id);
          list.live(frame.chat);
          notifications.sawChat(frame.chat);
          if (affectsCounts(held, frame.chat)) counts.refreshSoon();
          return;
        }
        case 'removed':
          list.removed(frame.chatId);
          counts.refreshSoon();
          if (selected.value?.chatId === frame.chatId) select(null);
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
        case 'notice':
          notifications.receive(frame.notice);
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

  /** The chats on screen: the list's rows and the open chat. */
  const showing = computed(() => {
    const ids = list.visible.value.map((r) => r.id);
    const open = selected.value?.chatId;
    if (open !== undefined && !ids.includes(open)) ids.push(open);
    return ids.slice(0, MAX_SHOWING);
  });
  let toldShowing = '';
  function tellShowing(again = false): void {
    const ids = showing.peek();
    const key = ids.join(',');
    if (key === toldShowing && !again) return;
    if (lobby.send({ type: 'showing', chatIds: ids })) toldShowing = key;
  }
  const stopShowing = effect(() => {
    void showing.value;
    tellShowing();
  });

  // A lobby that keeps failing may mean the session has expired (the upgrade answers 401); one
  // closed for good was refused on purpose (4001: signed out everywhere).
  const stopSessionCheck = effect(() => {
    if (lobby.failures.value === SESSION_CHECK_AFTER_FAILURES || lobby.state.value === 'closed') void session.check();
  });
  const stopNoGroupCheck = effect(() => {
    if (groupIds.value.size > 0) return;
    const timer = setInterval(() => void reloadGroups().then(refresh), NO_GROUP_RECHECK_MS);
    return () => clearInterval(timer);
  });

  function select(chatId: string | null): void {
    const current = selected.value;
    if (current?.chatId === chatId) return;
    if (current) seeds.set(current.chatId, current.close());
    if (chatId === null) {
      selected.value = null;
      return;
    }
    selected.value = openChat(chatId, seeds.get(chatId) ?? EMPTY_SEED, list.lists.value.rows.get(chatId) ?? null, {
      onDeleted() {
        seeds.delete(chatId);
        list.removed(chatId);
        if (selected.value?.chatId === chatId) select(null);
      },
    });
  }

  /** The Administration page's model, made the first time we are an administrator. */
  let adminModel: AdminModel | null = null;
  const admin = computed<AdminModel | null>(() => {
    if (me.value.agent.role !== 'admin') return null;
    adminModel ??= createAdmin({ onGroupsChanged: () => void reloadGroups() });
    return adminModel;
  });

  const customers = createCustomerPopout((item) => openItem(item));
  const search = createSearch({ openItem: (item) => openItem(item), openCustomer: (id) => void customers.openById(id) });
  const paneHost: PaneHost = {
    get me() {
      return me.value;
    },
    targets,
    rowOf: (chatId) => list.lists.value.rows.get(chatId) ?? null,
    close: () => select(null),
    inPopout: false,
    openItem: (item) => openItem(item),
    customers,
  };

  /** A related item: a chat opens in the preview pane, anything else in the Help Desk. */
  function openItem(item: Pick<ItemRef, 'kind' | 'id'>): void {
    if (item.kind === 'chat') {
      screen.value = 'chats';
      select(item.id);
      return;
    }
    if (screen.value !== 'desk') {
      screen.value = 'desk';
      void desk.load();
    }
    void desk.openItem(item.kind, item.id);
  }

  void refresh();
  void fields.load();
  void notifications.load();

  return {
    /** Who we are now (read in a render, it follows a change of role). */
    get me(): MeResponse {
      return me.value;
    },
    groups,
    team,
    get admin(): AdminModel | null {
      return admin.value;
    },
    messages,
    desk,
    customers,
    notifications,
    list,
    counts,
    fields,
    bulk,
    targets,
    paneHost,
    lobbyNotice,
    screen,
    queueCount: counts.queued,
    lobbyState: lobby.state,
    selected,
    refresh,
    groupName(id: string): string | undefined {
      return groups.value.find((g) => g.id === id)?.name;
    },
    showView(next: ChatView): void {
      const wasAdmin = screen.value === 'admin';
      screen.value = 'chats';
      if (sameView(list.view.value, next) && !wasAdmin) return;
      list.show(next);
      void counts.load();
    },
    search,
    /** The search page, running `q` when given (the top bar's box). */
    showSearch(q?: string): void {
      screen.value = 'search';
      if (q !== undefined) void search.fresh(q);
    },
    showMessages(): void {
      screen.value = 'messages';
      messages.show(messages.state.value);
    },
    showDesk(next: DeskView): void {
      screen.value = 'desk';
      desk.show(next);
    },
    openItem,
    showAdmin(): void {
      const page = admin.value;
      if (page === null) return;
      screen.value = 'admin';
      void page.load();
    },
    select,
    /** Opens a chat named by a notice: in the preview pane, on the chat lists. */
    showChat(chatId: string): void {
      if (screen.value !== 'chats') screen.value = 'chats';
      select(chatId);
    },
    setPresence(status: 'online' | 'away'): void {
      if (lobby.send({ type: 'presence', status })) team.mine.value = status;
    },
    dismissLobbyNotice(): void {
      lobbyNotice.value = null;
    },
    dispose(): void {
      select(null);
      stopSessionCheck();
      stopNoGroupCheck();
      stopShowing();
      clearTimeout(caughtUp);
      list.dispose();
      counts.dispose();
      messages.dispose();
      lobby.close();
    },
  };
}
