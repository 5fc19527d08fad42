// The rows the console holds and which view lists which of them, as immutable values changed by
// pure functions: a fetched page of a view, a live lobby row, a change of groups. A row is stored
// once (so every view shows the same, newest copy); a row older than the one held is ignored.
// Rows stay held after every view has dropped them, so a late, older frame cannot bring one back.
// A view holds one page in the server's order; a live row joins it where the server would put it,
// and the caller refetches the page soon after, so page bounds and totals end up exact.
import type { ChatListRow } from '../../../objects/protocol.ts';
import { compareRows } from './sorting.ts';
import { type ChatView, liveMembership, type PageQuery, type ViewContext, viewKey } from './views.ts';

export interface TrackedView {
  view: ChatView;
  /** The page last asked for, and when (running times are compared as of then). */
  page: PageQuery;
  fetchedAt: number;
  ids: ReadonlySet<string>;
  /** How many chats the whole view has, as last answered and adjusted by live rows since. */
  total: number;
}

export interface Lists {
  /** The newest copy of every row seen since sign-in (a console sees hundreds, not millions). */
  rows: ReadonlyMap<string, ChatListRow>;
  /** Every view fetched so far, by viewKey; live rows keep each one current. */
  views: ReadonlyMap<string, TrackedView>;
}

export const EMPTY_LISTS: Lists = { rows: new Map(), views: new Map() };

/** The newer of two copies of a row; on a tie, the incoming one (it may carry the same data). */
function newer(held: ChatListRow | undefined, incoming: ChatListRow): ChatListRow {
  return held !== undefined && held.version > incoming.version ? held : incoming;
}

/** One live lobby row: stored if it is not older than ours, then each view takes or drops it. */
export function applyLive(lists: Lists, row: ChatListRow, ctx: ViewContext): Lists {
  const held = lists.rows.get(row.id);
  if (held !== undefined && held.version > row.version) return lists; // a late frame: ours is newer
  const views = new Map<string, TrackedView>();
  for (const [key, tracked] of lists.views) {
    const verdict = liveMembership(row, tracked.view, ctx);
    const has = tracked.ids.has(row.id);
    if ((verdict === 'in' && has) || (verdict === 'out' && !has) || verdict === 'unchanged') {
      views.set(key, tracked);
      continue;
    }
    const ids = new Set(tracked.ids);
    if (verdict === 'in') ids.add(row.id);
    else ids.delete(row.id);
    views.set(key, { ...tracked, ids, total: Math.max(0, tracked.total + (verdict === 'in' ? 1 : -1)) });
  }
  const rows = new Map(lists.rows);
  rows.set(row.id, row);
  return { rows, views };
}

export interface FetchedPage {
  page: PageQuery;
  chats: readonly ChatListRow[];
  total: number;
  fetchedAt: number;
}

/**
 * A page of one view from the server replaces what that view listed. A row we already hold in a
 * newer version (a live frame overtook the request) wins, and decides its own membership.
 * `liveSince` are the rows that arrived while the request was in flight, applied again on top.
 */
export function applyFetched(
  lists: Lists,
  view: ChatView,
  fetched: FetchedPage,
  ctx: ViewContext,
  liveSince: Iterable<ChatListRow> = [],
): Lists {
  const rows = new Map(lists.rows);
  const ids = new Set<string>();
  let total = fetched.total;
  for (const row of fetched.chats) {
    const best = newer(rows.get(row.id), row);
    rows.set(row.id, best);
    if (best === row || liveMembership(best, view, ctx) !== 'out') ids.add(row.id);
    else total -= 1;
  }
  const views = new Map(lists.views);
  views.set(viewKey(view), { view, page: fetched.page, fetchedAt: fetched.fetchedAt, ids, total: Math.max(0, total) });
  let next: Lists = { rows, views };
  for (const row of liveSince) next = applyLive(next, row, ctx);
  return next;
}

/** After a change of groups: forget the views of groups we left, and every row of those groups. */
export function keepGroups(lists: Lists, groupIds: ReadonlySet<string>): Lists {
  const views = new Map<string, TrackedView>();
  for (const [key, tracked] of lists.views) {
    if (tracked.view.view === 'group' && !groupIds.has(tracked.view.groupId)) continue;
    const ids = new Set([...tracked.ids].filter((id) => groupIds.has(lists.rows.get(id)?.groupId ?? '')));
    views.set(key, { ...tracked, ids, total: Math.max(0, tracked.total - (tracked.ids.size - ids.size)) });
  }
  const rows = new Map([...lists.rows].filter(([, row]) => groupIds.has(row.groupId)));
  return { rows, views };
}

/** A chat was deleted: no view lists it any more. */
export function forgetChat(lists: Lists, chatId: string): Lists {
  if (!lists.rows.has(chatId)) return lists;
  const views = new Map<string, TrackedView>();
  for (const [key, tracked] of lists.views) {
    if (!tracked.ids.has(chatId)) {
      views.set(key, tracked);
      continue;
    }
    const ids = new Set(tracked.ids);
    ids.delete(chatId);
    views.set(key, { ...tracked, ids, total: Math.max(0, tracked.total - 1) });
  }
  const rows = new Map(lists.rows);
  rows.delete(chatId);
  return { rows, views };
}

/** The rows a view lists, in the order its page was asked for (empty if it was never fetched). */
export function rowsIn(lists: Lists, view: ChatView): ChatListRow[] {
  const tracked = lists.views.get(viewKey(view));
  if (tracked === undefined) return [];
  const rows: ChatListRow[] = [];
  for (const id of tracked.ids) {
    const row = lists.rows.get(id);
    if (row !== undefined) rows.push(row);
  }
  return rows.sort(compareRows(tracked.page.sort, tracked.fetchedAt));
}

/** Whether a view has been fetched at least once (so an empty list means empty, not unknown). */
export function isLoaded(lists: Lists, view: ChatView): boolean {
  return lists.views.has(viewKey(view));
}

/** The view's total as last known (0 before its first answer). */
export function totalOf(lists: Lists, view: ChatView): number {
  return lists.views.get(viewKey(view))?.total ?? 0;
}

/** Whether this live row changes which chats the view lists (so its page should be fetched again). */
export function changesMembership(before: Lists, after: Lists, view: ChatView): boolean {
  const a = before.views.get(viewKey(view));
  const b = after.views.get(viewKey(view));
  return a !== undefined && b !== undefined && a.ids !== b.ids;
}
