// The console's chat views as data and pure rules: which lists exist (the seed's My Active, My
// Completed, Queue, each group's Active and Inactive, Global Live Chats), how each is asked of the
// server, how it sorts, and whether a live lobby row belongs in it. No signals, no fetch.
import type { ChatListRow, ChatStatus } from '../../objects/protocol.ts';

export type GroupState = 'active' | 'inactive';

/** One list, named as `GET /api/chats` names it (worker/routes/chats.ts). */
export type ChatView =
  | { kind: 'my-active' }
  | { kind: 'my-completed' }
  | { kind: 'queued' }
  | { kind: 'global' }
  | { kind: 'group'; groupId: string; state: GroupState };

export const MY_ACTIVE: ChatView = { kind: 'my-active' };
export const MY_COMPLETED: ChatView = { kind: 'my-completed' };
export const QUEUED: ChatView = { kind: 'queued' };
export const GLOBAL: ChatView = { kind: 'global' };

export function groupView(groupId: string, state: GroupState): ChatView {
  return { kind: 'group', groupId, state };
}

/** The nav's first block, in the seed's order; groups and Global Live Chats follow. */
export const OWN_VIEWS: readonly { view: ChatView; label: string }[] = [
  { view: MY_ACTIVE, label: 'My Active' },
  { view: MY_COMPLETED, label: 'My Completed' },
  { view: QUEUED, label: 'Queue' },
];

export const GROUP_STATE_LABELS: Readonly<Record<GroupState, string>> = { active: 'Active', inactive: 'Inactive' };

export const STATUS_LABELS: Readonly<Record<ChatStatus, string>> = {
  queued: 'Queued',
  active: 'Active',
  ended: 'Ended',
};

/** A stable string for a view, to key maps and compare views. */
export function viewKey(view: ChatView): string {
  return view.kind === 'group' ? `group:${view.state}:${view.groupId}` : view.kind;
}

export function sameView(a: ChatView, b: ChatView): boolean {
  return viewKey(a) === viewKey(b);
}

/** The most rows one list asks for: the server's largest page (MAX_PAGE_SIZE in worker/db/chats.ts). */
export const LIST_PAGE_SIZE = 200;

/** Own lists show the longest waiting first; the others the newest first. */
export function startedOrder(view: ChatView): 'asc' | 'desc' {
  return view.kind === 'my-active' || view.kind === 'queued' ? 'asc' : 'desc';
}

/** The query string of `GET /api/chats` for this view, asking for the order `compareForView` keeps. */
export function viewQuery(view: ChatView): string {
  const which =
    view.kind === 'group' ? `view=group&group=${encodeURIComponent(view.groupId)}&state=${view.state}` : `view=${view.kind}`;
  return `${which}&sort=started&dir=${startedOrder(view)}&limit=${LIST_PAGE_SIZE}`;
}

/** The view's heading; a group's view names the group (or says it is gone). */
export function viewTitle(view: ChatView, groupName: (id: string) => string | undefined): string {
  switch (view.kind) {
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
  switch (view.kind) {
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
  switch (view.kind) {
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

/** The order `viewQuery` asks the server for, kept as live rows arrive: by start, then by id. */
export function compareForView(view: ChatView): (a: ChatListRow, b: ChatListRow) => number {
  const sign = startedOrder(view) === 'asc' ? 1 : -1;
  return (a, b) => sign * (a.startedAt - b.startedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
