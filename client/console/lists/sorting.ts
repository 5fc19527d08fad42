// How a list is sorted: the column and direction asked of the server (GET /api/chats?sort&dir),
// what a click on a header does, and the same order computed here so a live row lands where the
// server would put it. Mirrors sortExpression in worker/db/chats.ts: ties are decided by idle time
// in the same direction, then by id ascending; text compares like SQLite's NOCASE.
import type { ChatListRow, ChatStatus, IdleLevel } from '../../../objects/protocol.ts';
import type { ColumnId } from './columns.ts';

/** Every column sorts; My Completed may also sort by when a chat ended. */
export type SortKey = ColumnId | 'ended';
export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** A click on a header: the same column flips its direction; another column starts ascending. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: 'asc' };
}

/** The header's `aria-sort`: only the sorted column says a direction. */
export function ariaSort(current: Sort, key: SortKey): 'ascending' | 'descending' | undefined {
  if (current.key !== key) return undefined;
  return current.dir === 'asc' ? 'ascending' : 'descending';
}

const STATUS_RANK: Readonly<Record<ChatStatus, number>> = { queued: 0, active: 1, ended: 2 };
const LEVEL_RANK: Readonly<Record<IdleLevel, number>> = { none: 0, normal: 1, warning: 2, high: 3, closed: 4 };

/** SQLite's NOCASE folds ASCII letters only. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

type Value = number | string | null;

/** What a row sorts by under `key`; times that still run are measured at `now`. */
export function sortValue(row: ChatListRow, key: SortKey, now: number): Value {
  const stop = row.status === 'ended' && row.endedAt !== null ? row.endedAt : now;
  switch (key) {
    case 'status':
      return STATUS_RANK[row.status] * 10 + LEVEL_RANK[row.idleLevel];
    case 'user':
      return nocase(row.visitorName);
    case 'group':
      return nocase(row.groupName);
    case 'started':
      return row.startedAt;
    case 'queueTime':
      return (row.takenAt ?? stop) - row.startedAt;
    case 'idle':
      return stop - row.idleSince;
    case 'messages':
      return row.messageCount;
    case 'agent':
      return row.agentName === null ? null : nocase(row.agentName);
    case 'ended':
      return row.endedAt;
  }
}

/** Ascending, as SQLite orders: NULL first, then numbers, then text by code units. */
function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

/** The server's order for `sort`, with running times measured at `now`. */
export function compareRows(sort: Sort, now: number): (a: ChatListRow, b: ChatListRow) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) =>
    sign * compareValues(sortValue(a, sort.key, now), sortValue(b, sort.key, now)) ||
    sign * compareValues(sortValue(a, 'idle', now), sortValue(b, 'idle', now)) ||
    compareValues(a.id, b.id);
}
