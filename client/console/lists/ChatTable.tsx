// One page of a view's chats as a table with the person's visible columns at their widths. A
// header is a button that sorts by its column (again: the other way), with aria-sort on the
// header. Each row has a checkbox for the list's actions; a row opens its chat in the preview pane
// on click or Space, on Enter with the cursor in its reply box, and in a window of its own on
// double-click; ↓/j and ↑/k move between rows. Rows carry data-chat-id.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { cellClass, cellContent } from './cells.tsx';
import { COLUMN_LABELS } from './columns.ts';
import type { ConsoleModel } from '../shell/model.ts';
import { openPopout } from '../shell/page-mode.ts';
import type { HeaderState } from './selection.ts';
import { ariaSort } from './sorting.ts';
import { now } from '../ui/time.ts';
import { viewEmpty, viewTitle } from './views.ts';
import { listKeyOf } from '../shell/shortcuts.ts';
import { focusReply, wantReplyFocus } from '../chat/chat-shortcuts.ts';
import { rowMarks } from './bulk-rules.ts';

/** The checkbox column's width, in pixels. */
const CHECK_COLUMN_WIDTH = 40;

function HeaderCheckbox({ state, onToggle }: { state: HeaderState; onToggle(): void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" aria-label="Select all chats on this page" checked={state === 'all'} onChange={onToggle} />;
}

export function ChatTable({ model }: { model: ConsoleModel }) {
  const list = model.list;
  const view = list.view.value;
  const rows = list.visible.value;
  const columns = model.fields.columns.value;
  const sort = list.sort.value;
  const checked = list.checked.value;
  const selectedId = model.selected.value?.chatId ?? null;
  const current = now.value;
  // The last bulk action's outcome on each row it named (green done, red refused with the reason).
  const marks = rowMarks(model.bulk.report.value);
  const width = CHECK_COLUMN_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);
  // Until the person's columns are known, show none rather than flash the defaults.
  if (!model.fields.loaded.value) {
    return (
      <p class="table-wrap boot" role="status">
        Loading…
      </p>
    );
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLTableRowElement>, id: string): void {
    // Keys on the row's checkbox are the checkbox's own.
    if (event.target !== event.currentTarget) return;
    const row = event.currentTarget;
    const key = event.key === ' ' ? 'select' : listKeyOf(event);
    if (key === null) return;
    event.preventDefault();
    if (key === 'next' || key === 'previous') {
      const sibling = key === 'next' ? row.nextElementSibling : row.previousElementSibling;
      if (sibling instanceof HTMLElement && sibling.dataset['chatId']) sibling.focus();
      return;
    }
    if (key === 'open') {
      // The same chat already open: straight to its reply box; another: once its pane shows.
      if (id === selectedId && focusReply()) return;
      wantReplyFocus(id);
    }
    model.select(id);
  }

  return (
    <div class="table-wrap">
      <table class="chats" style={{ width: `${width}px` }} aria-busy={list.loading.value ? 'true' : undefined}>
        <caption class="sr-only">{viewTitle(view, model.groupName)} chats</caption>
        <colgroup>
          <col style={{ width: `${CHECK_COLUMN_WIDTH}px` }} />
          {columns.map((c) => (
            <col key={c.id} data-column={c.id} style={{ width: `${c.width}px` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" class="check">
              <HeaderCheckbox state={list.header.value} onToggle={() => list.checkAll()} />
            </th>
            {columns.map((c) => {
              const sorted = ariaSort(sort, c.id);
              return (
                <th key={c.id} scope="col" data-column={c.id} aria-sort={sorted} class={c.id === 'messages' ? 'num' : undefined}>
                  <button type="button" class="sort" onClick={() => list.sortBy(c.id)}>
                    {COLUMN_LABELS[c.id]}
                    <span class="sort-mark" aria-hidden="true">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-chat-id={row.id}
              tabIndex={0}
              class={row.id === selectedId ? 'selected' : undefined}
              data-bulk={marks.has(row.id) ? (marks.get(row.id)!.ok ? 'ok' : 'refused') : undefined}
              title={marks.get(row.id)?.ok === false ? `Refused: ${marks.get(row.id)!.message}` : undefined}
              aria-current={row.id === selectedId ? 'true' : undefined}
              onClick={() => model.select(row.id)}
              onDblClick={() => openPopout(row.id)}
              onKeyDown={(event) => onKeyDown(event, row.id)}
            >
              <td class="check" onClick={(event) => event.stopPropagation()} onDblClick={(event) => event.stopPropagation()}>
                <input
                  type="checkbox"
                  aria-label={`Select chat with ${row.visitorName}`}
                  checked={checked.has(row.id)}
                  onChange={(event) => list.check(row.id, event.currentTarget.checked)}
                />
              </td>
              {columns.map((c) => (
                <td key={c.id} data-column={c.id} class={cellClass(c.id, row)}>
                  {cellContent(c.id, row, current)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr class="empty">
              <td colSpan={columns.length + 1}>
                {list.loading.value || (!list.loaded.value && !list.error.value) ? 'Loading…' : viewEmpty(view)}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
