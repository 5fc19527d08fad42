// The list's actions on the checked chats, as signals and actions: Pull (take each queued one),
// Transfer (POST /api/bulk/transfer, one answer per chat) and Delete (POST /api/bulk/delete,
// refused whole if any chat is still open). What each did is kept as a report to show; nothing is
// removed from the list until the server has deleted it.
import type { BulkDeleteBody, BulkDeleteResponse, BulkTransferBody } from '../../../worker/chats/wire.ts';
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { ApiError, describeError, post, postJson, type BulkTransferResponse, type TransferTo } from '../../shared/api.ts';

export type BulkAction = 'pull' | 'transfer' | 'delete';
export type BulkDialog = 'transfer' | 'delete' | null;

export interface BulkLine {
  chatId: string;
  name: string;
  ok: boolean;
  /** What happened to this chat, or the server's reason for refusing it. */
  message: string;
}

export interface BulkReport {
  action: BulkAction;
  lines: BulkLine[];
  /** The whole request was refused (e.g. 409 not_ended): nothing changed. */
  error: string | null;
}

export const BULK_LABELS: Readonly<Record<BulkAction, string>> = { pull: 'Pull', transfer: 'Transfer', delete: 'Delete' };

export interface BulkDeps {
  /** The checked rows that the list shows, in list order. */
  selection: ReadonlySignal<readonly ChatListRow[]>;
  clearChecks(): void;
  /** The server deleted these chats. */
  forget(chatIds: readonly string[]): void;
}

export type BulkModel = ReturnType<typeof createBulk>;

export function createBulk(deps: BulkDeps) {
  const pending = signal<BulkAction | null>(null);
  const dialog = signal<BulkDialog>(null);
  const report = signal<BulkReport | null>(null);

  const nameOf = (rows: readonly ChatListRow[], id: string) => rows.find((r) => r.id === id)?.visitorName ?? id;

  async function run(action: BulkAction, work: (rows: readonly ChatListRow[]) => Promise<BulkReport>): Promise<void> {
    const rows = deps.selection.value;
    if (pending.value !== null || rows.length === 0) return;
    pending.value = action;
    report.value = null;
    try {
      report.value = await work(rows);
    } catch (error) {
      report.value = { action, lines: [], error: describeError(error) };
    } finally {
      pending.value = null;
      dialog.value = null;
    }
  }

  return {
    pending,
    dialog,
    report,
    /** Takes each checked chat that waits in a queue; the others are named as skipped. */
    pull: () =>
      run('pull', async (rows) => {
        const lines: BulkLine[] = [];
        for (const row of rows) {
          if (row.status !== 'queued') {
            lines.push({ chatId: row.id, name: row.visitorName, ok: false, message: 'Not waiting in a queue.' });
            continue;
          }
          try {
            await post(`/api/chats/${encodeURIComponent(row.id)}/take`);
            lines.push({ chatId: row.id, name: row.visitorName, ok: true, message: 'Taken.' });
          } catch (error) {
            // The session ended (the console signs out, shared/api.ts): no point going on.
            if (error instanceof ApiError && error.code === 'unauthenticated') throw error;
            lines.push({ chatId: row.id, name: row.visitorName, ok: false, message: describeError(error) });
          }
        }
        return { action: 'pull', lines, error: null };
      }),
    openTransfer(): void {
      if (deps.selection.value.length > 0) dialog.value = 'transfer';
    },
    /** `comment`: a Transfer comment written on each chat ('' for none). */
    transfer: (to: TransferTo, comment = '') =>
      run('transfer', async (rows) => {
        const body: BulkTransferBody = { chatIds: rows.map((r) => r.id), to, ...(comment.trim() ? { comment } : {}) };
        const { results } = await postJson<BulkTransferResponse>('/api/bulk/transfer', body);
        const lines = results.map((r) => ({
          chatId: r.chatId,
          name: nameOf(rows, r.chatId),
          ok: r.ok,
          message: r.ok ? 'Transferred.' : (r.message ?? 'Refused.'),
        }));
        return { action: 'transfer', lines, error: null };
      }),
    openDelete(): void {
      if (deps.selection.value.length > 0) dialog.value = 'delete';
    },
    confirmDelete: () =>
      run('delete', async (rows) => {
        const { deleted } = await postJson<BulkDeleteResponse>('/api/bulk/delete', { chatIds: rows.map((r) => r.id) } satisfies BulkDeleteBody);
        deps.forget(deleted);
        deps.clearChecks();
        const lines = deleted.map((id) => ({ chatId: id, name: nameOf(rows, id), ok: true, message: 'Deleted.' }));
        return { action: 'delete', lines, error: null };
      }),
    closeDialog(): void {
      if (pending.value === null) dialog.value = null;
    },
    dismissReport(): void {
      report.value = null;
    },
  };
}
