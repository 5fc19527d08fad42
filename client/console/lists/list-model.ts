// The chat list as signals and actions: which view, sorted how, which page, the rows it holds
// (kept live by the lobby's rows) and the checked rows. Sorting and paging are the server's
// (GET /api/chats?sort&dir&limit&offset); a live row that joins or leaves the view is shown at
// once and the page is fetched again soon after (at most once a second). Never touches the DOM.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { describeError, getJson, type ChatListResponse } from '../../shared/api.ts';
import {
  applyFetched,
  applyLive,
  changesMembership,
  EMPTY_LISTS,
  forgetChat,
  isLoaded,
  keepGroups,
  type Lists,
  rowsIn,
  totalOf,
} from './lists.ts';
import { clampOffset, hasNext, hasPrevious, nextOffset, previousOffset } from './paging.ts';
import { checkedRows, headerState, selectAll, toggle, toggleAll } from './selection.ts';
import { nextSort, type Sort, type SortKey } from './sorting.ts';
import { throttle } from '../ui/throttle.ts';
import { type ChatView, defaultSort, MY_ACTIVE, sameView, type ViewContext, viewQuery } from './views.ts';

/** A page whose chats joined or left is fetched again at most this often. */
export const PAGE_REFETCH_MS = 1_000;

export type ListModel = ReturnType<typeof createListModel>;

export function createListModel(ctx: ReadonlySignal<ViewContext>) {
  const view = signal<ChatView>(MY_ACTIVE);
  const sort = signal<Sort>(defaultSort(MY_ACTIVE));
  const offset = signal(0);
  const lists = signal<Lists>(EMPTY_LISTS);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const checked = signal<ReadonlySet<string>>(new Set());

  const visible = computed(() => rowsIn(lists.value, view.value));
  const visibleIds = computed(() => visible.value.map((r) => r.id));
  const total = computed(() => totalOf(lists.value, view.value));
  const loaded = computed(() => isLoaded(lists.value, view.value));
  const selection = computed(() => checkedRows(checked.value, visible.value));
  const header = computed(() => headerState(checked.value, visibleIds.value));

  // Live changes that land while a fetch is in flight are re-applied on top of its answer.
  let fetching = 0;
  const liveWhileFetching = new Map<string, ChatListRow>();
  /** Only the newest request's answer is shown (a quick second click must not be overtaken). */
  let latest = 0;

  async function refresh(options: { quiet?: boolean } = {}): Promise<void> {
    const target = view.value;
    const page = { sort: sort.value, offset: offset.value };
    const ticket = ++latest;
    if (!options.quiet) loading.value = true;
    fetching += 1;
    try {
      const answer = await getJson<ChatListResponse>(`/api/chats?${viewQuery(target, page)}`);
      if (ticket !== latest) return;
      // We may have left the group while the request was in flight.
      if (target.view === 'group' && !ctx.value.groupIds.has(target.groupId)) return;
      const fetched = { page, chats: answer.chats, total: answer.total, fetchedAt: Date.now() };
      lists.value = applyFetched(lists.value, target, fetched, ctx.value, liveWhileFetching.values());
      error.value = null;
      // Chats went away and this page is now past the end: show the last page that has rows.
      const fitting = clampOffset(page.offset, answer.total);
      if (fitting !== page.offset) {
        offset.value = fitting;
        void refresh(options);
      }
    } catch (failure) {
      if (ticket !== latest) return;
      error.value = describeError(failure);
    } finally {
      fetching -= 1;
      if (fetching === 0) liveWhileFetching.clear();
      if (ticket === latest) loading.value = false;
    }
  }

  const refetchSoon = throttle(() => void refresh({ quiet: true }), PAGE_REFETCH_MS);

  function clearChecks(): void {
    if (checked.value.size > 0) checked.value = new Set();
  }

  function show(next: ChatView): void {
    view.value = next;
    sort.value = defaultSort(next);
    offset.value = 0;
    clearChecks();
    void refresh();
  }

  return {
    view,
    sort,
    offset,
    lists,
    loading,
    error,
    checked,
    visible,
    total,
    loaded,
    selection,
    header,
    refresh,
    show,
    /** A click on a column header: sort by it, or flip its direction; back to the first page. */
    sortBy(key: SortKey): void {
      sort.value = nextSort(sort.value, key);
      offset.value = 0;
      clearChecks();
      void refresh();
    },
    canGoBack: computed(() => hasPrevious(offset.value)),
    canGoOn: computed(() => hasNext(offset.value, total.value)),
    previousPage(): void {
      if (!hasPrevious(offset.value)) return;
      offset.value = previousOffset(offset.value);
      clearChecks();
      void refresh();
    },
    nextPage(): void {
      if (!hasNext(offset.value, total.value)) return;
      offset.value = nextOffset(offset.value, total.value);
      clearChecks();
      void refresh();
    },
    check(id: string, on: boolean): void {
      checked.value = toggle(checked.value, id, on);
    },
    checkAll(): void {
      checked.value = toggleAll(checked.value, visibleIds.value);
    },
    selectAll(): void {
      checked.value = selectAll(checked.value, visibleIds.value);
    },
    clearChecks,
    /** A row from the lobby: shown at once; a change of who is listed refetches the page soon. */
    live(row: ChatListRow): void {
      if (fetching > 0) liveWhileFetching.set(row.id, row);
      const before = lists.value;
      lists.value = applyLive(before, row, ctx.value);
      if (changesMembership(before, lists.value, view.value)) refetchSoon.request();
    },
    removed(chatId: string): void {
      liveWhileFetching.delete(chatId);
      const before = lists.value;
      lists.value = forgetChat(before, chatId);
      if (changesMembership(before, lists.value, view.value)) refetchSoon.request();
    },
    /** Our groups are now these: rows of groups we left go, and so does a view of one. */
    followGroups(ids: ReadonlySet<string>): void {
      lists.value = keepGroups(lists.value, ids);
      const current = view.value;
      if (current.view === 'group' && !ids.has(current.groupId)) show(MY_ACTIVE);
    },
    isCurrent(target: ChatView): boolean {
      return sameView(view.value, target);
    },
    dispose(): void {
      refetchSoon.cancel();
    },
  };
}
