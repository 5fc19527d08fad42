// What the list shows of a bulk action, as pure rules: which rows it marks, and whether Delete is
// offered at all.
import type { ChatListRow } from '../../../objects/protocol.ts';

/** How a row came out of the last bulk action: done (green) or refused (red, with the reason). */
export interface RowMark {
  ok: boolean;
  message: string;
}

/** The rows a report names, each with its outcome; a request refused whole marks no row. */
export function rowMarks(report: { lines: readonly { chatId: string; ok: boolean; message: string }[]; error: string | null } | null): ReadonlyMap<string, RowMark> {
  if (!report || report.error !== null) return new Map();
  return new Map(report.lines.map((l) => [l.chatId, { ok: l.ok, message: l.message }]));
}

/** Delete is offered only when there is a selection and every chat in it is completed. */
export function mayDelete(selection: readonly Pick<ChatListRow, 'status'>[]): boolean {
  return selection.length > 0 && selection.every((r) => r.status === 'ended');
}
