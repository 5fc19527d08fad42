// The list's toolbar: the actions on checked chats (Select all, Pull, Transfer, Delete, Actions (…)
// with the manual events that apply to all of them), the View
// menu with Visible Fields, and paging ("1–50 of 120", Previous, Next). What an action did is
// reported below it, chat by chat, and on the rows themselves (green done, red refused) until the
// person turns to another view, page or order; Delete is offered only for completed chats. Its
// dialogs open from here.
import { BULK_LABELS, type BulkReport } from './bulk.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import type { ConsoleModel } from '../shell/model.ts';
import { pageLabel } from './paging.ts';
import { TransferDialog } from '../chat/TransferDialog.tsx';
import { VisibleFieldsDialog } from './VisibleFieldsDialog.tsx';
import { useEffect, useMemo } from 'preact/hooks';
import { createListManualEvents } from '../manual-events/manual-events.ts';
import { ListActionsMenu, ListRunReport } from '../manual-events/ActionsMenu.tsx';
import { mayDelete } from './bulk-rules.ts';

export function ListToolbar({ model }: { model: ConsoleModel }) {
  const { list, bulk, fields } = model;
  const rows = list.visible.value;
  const selection = list.selection.value;
  const pending = bulk.pending.value;
  const dialog = bulk.dialog.value;
  const anyQueued = selection.some((r) => r.status === 'queued');
  const n = selection.length;
  // The manual events this caller may run somewhere, narrowed to the checked chats' groups.
  const manualEvents = useMemo(() => createListManualEvents(list.selection), [list]);
  useEffect(() => void manualEvents.load(), [manualEvents]);
  // Another view, page or order: the last report was about other rows.
  const view = list.view.value;
  const offset = list.offset.value;
  const sort = list.sort.value;
  useEffect(() => bulk.dismissReport(), [view, offset, sort]);

  return (
    <>
      <div class="list-tools">
        <div class="toolbar" role="toolbar" aria-label="List actions">
          <button type="button" disabled={rows.length === 0} onClick={() => list.selectAll()}>
            Select all
          </button>
          <button type="button" disabled={!anyQueued || pending !== null} onClick={() => void bulk.pull()}>
            {pending === 'pull' ? 'Pulling…' : 'Pull'}
          </button>
          <button type="button" disabled={n === 0 || pending !== null} onClick={() => bulk.openTransfer()}>
            Transfer…
          </button>
          {mayDelete(selection) ? (
            <button type="button" disabled={pending !== null} onClick={() => bulk.openDelete()}>
              Delete…
            </button>
          ) : null}
          <ListActionsMenu events={manualEvents} selected={n} />
          <details
            class="view-menu"
            onKeyDown={(event) => {
              const menu = event.currentTarget;
              if (event.key !== 'Escape' || !menu.open) return;
              menu.open = false;
              menu.querySelector('summary')?.focus();
            }}
          >
            <summary>View</summary>
            <div class="menu-items">
              <button
                type="button"
                onClick={(event) => {
                  event.currentTarget.closest('details')?.removeAttribute('open');
                  fields.open();
                }}
              >
                Visible Fields
              </button>
            </div>
          </details>
        </div>
        <p class="selected-count" aria-live="polite">
          {n === 0 ? '' : n === 1 ? '1 selected' : `${n} selected`}
        </p>
        <div class="pager" role="group" aria-label="Pages">
          <span class="page-label">{pageLabel(list.offset.value, rows.length, list.total.value)}</span>
          <button type="button" disabled={!list.canGoBack.value} onClick={() => list.previousPage()}>
            Previous
          </button>
          <button type="button" disabled={!list.canGoOn.value} onClick={() => list.nextPage()}>
            Next
          </button>
        </div>
      </div>

      <div class="bulk-report-region" role="status">
        {bulk.report.value ? <Report report={bulk.report.value} onDismiss={() => bulk.dismissReport()} /> : null}
      </div>
      <ListRunReport events={manualEvents} />

      {dialog === 'transfer' ? (
        <TransferDialog
          title={n === 1 ? 'Transfer 1 chat' : `Transfer ${n} chats`}
          targets={model.targets}
          chatGroupIds={[...new Set(selection.map((r) => r.groupId))]}
          meId={model.me.agent.id}
          busy={pending === 'transfer'}
          error={null}
          onSubmit={(to, comment) => void bulk.transfer(to, comment)}
          onCancel={() => bulk.closeDialog()}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={n === 1 ? 'Delete 1 chat?' : `Delete ${n} chats?`}
          message={`${selection.map((r) => r.visitorName).join(', ')}: deleted chats and their transcripts cannot be restored. Only completed chats can be deleted.`}
          confirm="Delete"
          busy={pending === 'delete'}
          onConfirm={() => void bulk.confirmDelete()}
          onCancel={() => bulk.closeDialog()}
        />
      ) : null}
      <VisibleFieldsDialog fields={fields} />
    </>
  );
}

function Report({ report, onDismiss }: { report: BulkReport; onDismiss(): void }) {
  const refused = report.lines.filter((l) => !l.ok).length;
  const label = BULK_LABELS[report.action];
  const summary =
    report.error !== null
      ? `${label} refused: ${report.error}`
      : refused === 0
        ? `${label}: done for ${report.lines.length === 1 ? '1 chat' : `${report.lines.length} chats`}.`
        : `${label}: ${refused} of ${report.lines.length} refused.`;
  return (
    <div class={`bulk-report ${report.error !== null || refused > 0 ? 'bulk-report-problem' : ''}`}>
      <p>
        {summary}{' '}
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {report.lines.length > 0 ? (
        <ul>
          {report.lines.map((line) => (
            <li key={line.chatId} data-chat-id={line.chatId} class={line.ok ? 'ok' : 'refused'}>
              <span aria-hidden="true">{line.ok ? '✓ ' : '✗ '}</span>
              {line.name}: {line.ok ? line.message : `refused: ${line.message}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
