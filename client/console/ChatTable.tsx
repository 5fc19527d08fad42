// One view's chats as a table (Status, User, Group, Started, Queue Time, Agent, Messages).
// A row opens its chat in the preview pane on click, Enter or Space; rows carry data-chat-id.
import type { JSX } from 'preact';
import type { ChatListRow } from '../../objects/protocol.ts';
import type { ConsoleModel } from './model.ts';
import { formatDuration, formatStarted, now, queueTime } from './time.ts';
import { STATUS_LABELS, viewEmpty, viewTitle } from './views.ts';

export function StatusBadge({ status }: { status: ChatListRow['status'] }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function ChatTable({ model }: { model: ConsoleModel }) {
  const view = model.view.value;
  const rows = model.visible.value;
  const selectedId = model.selected.value?.chatId ?? null;
  const current = now.value;

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLTableRowElement>, id: string): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    model.select(id);
  }

  return (
    <div class="table-wrap">
      <table class="chats" aria-busy={model.loading.value ? 'true' : undefined}>
        <caption class="sr-only">{viewTitle(view, model.groupName)} chats</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">User</th>
            <th scope="col">Group</th>
            <th scope="col">Started</th>
            <th scope="col">Queue Time</th>
            <th scope="col">Agent</th>
            <th scope="col" class="num">
              Messages
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-chat-id={row.id}
              tabIndex={0}
              class={row.id === selectedId ? 'selected' : undefined}
              aria-current={row.id === selectedId ? 'true' : undefined}
              onClick={() => model.select(row.id)}
              onKeyDown={(event) => onKeyDown(event, row.id)}
            >
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>{row.visitorName}</td>
              <td>{row.groupName}</td>
              <td>{formatStarted(row.startedAt, current)}</td>
              <td class={row.status === 'queued' ? 'waiting' : undefined}>{formatDuration(queueTime(row, current))}</td>
              <td>{row.agentName ?? '—'}</td>
              <td class="num">{row.messageCount}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr class="empty">
              <td colSpan={7}>{model.loading.value || (!model.viewLoaded.value && !model.listError.value) ? 'Loading…' : viewEmpty(view)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
