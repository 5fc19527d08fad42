// The console's chat lists as pure functions: which view a row belongs to, how each view sorts,
// and how a fetched page or a live change updates the one map of rows every view is cut from.
// No signals, no fetch: tested directly.
import type { ChatListRow, ChatStatus } from '../../objects/protocol.ts';

export type ViewId = 'my-active' | 'my-completed' | 'queued';

export interface ViewInfo {
  id: ViewId;
  /** The nav button's name. */
  label: string;
  /** What the table says when it has no rows. */
  empty: string;
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'my-active', label: 'My Active', empty: 'You have no active chats.' },
  { id: 'my-completed', label: 'My Completed', empty: 'You have not completed any chats yet.' },
  { id: 'queued', label: 'Queue', empty: 'No one is waiting in your groups.' },
];

export function viewInfo(id: ViewId): ViewInfo {
  return VIEWS.find((v) => v.id === id) ?? { id, label: id, empty: '' };
}

export const STATUS_LABELS: Readonly<Record<ChatStatus, string>> = {
  queued: 'Queued',
  active: 'Active',
  ended: 'Ended',
};

export function belongsTo(row: ChatListRow, view: ViewId, meId: string): boolean {
  switch (view) {
    case 'my-active':
      return row.agentId === meId && row.status === 'active';
    case 'my-completed':
      return row.agentId === meId && row.status === 'ended';
    case 'queued':
      return row.status === 'queued';
  }
}

/** Queue and My Active: longest waiting first. My Completed: most recently ended first. */
export function sortForView(view: ViewId, rows: ChatListRow[]): ChatListRow[] {
  switch (view) {
    case 'my-active':
    case 'queued':
      return rows.sort((a, b) => a.startedAt - b.startedAt);
    case 'my-completed':
      return rows.sort((a, b) => (b.endedAt ?? b.startedAt) - (a.endedAt ?? a.startedAt));
  }
}

export function rowsOf(rows: ReadonlyMap<string, ChatListRow>, view: ViewId, meId: string): ChatListRow[] {
  return sortForView(view, [...rows.values()].filter((row) => belongsTo(row, view, meId)));
}

/** One live change: insert or update the row, or drop it once no view of ours shows it. */
export function upsertRow(rows: ReadonlyMap<string, ChatListRow>, row: ChatListRow, meId: string): Map<string, ChatListRow> {
  const next = new Map(rows);
  if (VIEWS.some((view) => belongsTo(row, view.id, meId))) next.set(row.id, row);
  else next.delete(row.id);
  return next;
}

/** A fresh page of one view from the server replaces everything we held for that view. */
export function replaceView(
  rows: ReadonlyMap<string, ChatListRow>,
  view: ViewId,
  fetched: readonly ChatListRow[],
  meId: string,
): Map<string, ChatListRow> {
  const next = new Map(rows);
  for (const [id, row] of next) if (belongsTo(row, view, meId)) next.delete(id);
  for (const row of fetched) next.set(row.id, row);
  return next;
}
