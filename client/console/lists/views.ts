// The console's chat views as data and pure rules: which lists exist (the seed's My Active, My
// Completed, Queue, each group's Active and Inactive, Global Live Chats), how each is asked of the
// server, its default order, and whether a live lobby row belongs in it. No signals, no fetch.
import type { ChatListRow } from '../../../objects/protocol.ts';
import { PAGE_SIZE } from './paging.ts';
import type { Sort } from './sorting.ts';

export type GroupState = 'active' | 'inactive';

/** One list, named as `GET /api/chats` names it (worker/routes/chats.ts). */
export type ChatView =
  | { view: 'my-active' }
  | { view: 'my-completed' }
  | { view: 'queued' }
  | { view: 'global' }
  | { view: 'group'; groupId: string; state: GroupState };

export const MY_ACTIVE: ChatView = { view: 'my-active' };
export const MY_COMPLETED: ChatView = { view: 'my-completed' };
export const QUEUED: ChatView = { view: 'queued' };
export const GLOBAL: ChatView = { view: 'global' };

export function groupView(groupId: string, state: GroupState): ChatView {
  return { view: 'group', groupId, state };
}

/** The nav's first block, in the seed's order; groups and Global Live Chats follow. */
export const OWN_VIEWS: readonly { view: ChatView; label: string }[] = [
  { view: MY_ACTIVE, label: 'My Active' },
  { view: MY_COMPLETED, label: 'My Completed' },
  { view: QUEUED, label: 'Queue' },
];

export const GROUP_STATE_LABELS: Readonly<Record<GroupState, string>> = { active: 'Active', inactive: 'Inactive' };

/** A stable string for a view, to key maps and compare views. */
export function viewKey(view: ChatView): string {
  return view.view === 'group' ? `group:${view.state}:${view.groupId}` : view.view;
}

export function sameView(a: ChatView, b: ChatView): boolean {
  return viewKey(a) === viewKey(b);
}

/** Until a header is clicked: own lists show the longest waiting first, the others the newest first. */
export function defaultSort(view: ChatView): Sort {
  return { key: 'started', dir: view.view === 'my-active' || view.view === 'queued' ? 'asc' : 'desc' };
}

/** Which page of a view, in which order. */
export interface PageQuery {
  sort: Sort;
  offset: number;
}

/** The query string of `GET /api/chats` for one page of this view. */
export function viewQuery(view: ChatView, page: PageQuery, limit = PAGE_SIZE): string {
  const which =
    view.view === 'group' ? `view=group&group=${encodeURIComponent(view.groupId)}&state=${view.state}` : `view=${view.view}`;
  return `${which}&sort=${page.sort.key}&dir=${page.sort.dir}&limit=${limit}&offset=${page.offset}`;
}

/** The view's heading; a group's view names the group (or says it is gone). */
export function viewTitle(view: ChatView, groupName: (id: string) => string | undefined): string {
  switch (view.view) {
    case 'my-active':
      return 'My Active';
    case 'my-completed':
      return 'My Completed';
    case 'queued':
      return 'Queue';
    case 'global':
      return 'Global Live Chats';
    case 'group':
      return `${groupName(view.groupId) ?? 'Group'} — ${GROUP_STATE_LABELS[view.state]}`;
  }
}

/** What the table says when the view has no rows. */
export function viewEmpty(view: ChatView): string {
  switch (view.view) {
    case 'my-active':
      return 'You have no active chats.';
    case 'my-completed':
      return 'You have not completed any chats yet.';
    case 'queued':
      return 'No one is waiting in your groups.';
    case 'global':
      return 'No chats in your groups yet.';
    case 'group':
      return view.state === 'active' ? 'No chats waiting or under way in this group.' : 'No ended chats in this group.';
  }
}

/** Who is asking: the signed-in agent and the groups their lobby socket follows. */
export interface ViewContext {
  meId: string;
  groupIds: ReadonlySet<string>;
}

/**
 * What one live lobby row does to a view: `in` (show it), `out` (drop it) or `unchanged`.
 * Each rule matches the server's query in worker/db/chats.ts. My Completed lists chats the agent
 * was *ever* assigned to, but a lobby row names only the current agent: so a row can join it
 * (ended, mine) and never leaves it on a live change; a refetch has the last word.
 */
export function liveMembership(row: ChatListRow, view: ChatView, ctx: ViewContext): 'in' | 'out' | 'unchanged' {
  const inMyGroups = ctx.groupIds.has(row.groupId);
  const verdict = (belongs: boolean) => (belongs && inMyGroups ? 'in' : 'out');
  switch (view.view) {
    case 'my-active':
      return verdict(row.agentId === ctx.meId && row.status === 'active');
    case 'my-completed':
      if (!inMyGroups) return 'out';
      return row.agentId === ctx.meId && row.status === 'ended' ? 'in' : 'unchanged';
    case 'queued':
      return verdict(row.status === 'queued');
    case 'global':
      return verdict(true);
    case 'group': {
      const stateMatches = view.state === 'active' ? row.status !== 'ended' : row.status === 'ended';
      return verdict(row.groupId === view.groupId && stateMatches);
    }
  }
}
