// What each column shows for one row: the Status icon (colour from the server's idle level, a
// text for screen readers, a follow-up flag), names, times and counts. Queue Time and Idle are
// measured against the console's one-second clock, so they tick without any fetch.
import type { ChatListRow } from '../../../objects/protocol.ts';
import type { ColumnId } from './columns.ts';
import { followUpOf, LEVEL_COLOURS, STATUS_LABELS, statusText } from './status.ts';
import { formatDuration, formatStarted, idleTime, queueTime } from '../ui/time.ts';

export function StatusCell({ row, now }: { row: ChatListRow; now: number }) {
  const text = statusText(row.status, row.idleLevel);
  const followUp = followUpOf(row, now);
  const followUpText =
    followUp.state === 'due' ? 'Follow-up due' : followUp.state === 'scheduled' ? `Follow-up ${formatStarted(followUp.at, now)}` : '';
  return (
    <span class="status" data-status={row.status} data-level={row.idleLevel}>
      <span class={`status-icon colour-${LEVEL_COLOURS[row.idleLevel]}`} role="img" aria-label={text} title={text} />
      <span class="status-word" aria-hidden="true">
        {STATUS_LABELS[row.status]}
      </span>
      {followUp.state !== 'none' ? (
        <span class={`follow-up follow-up-${followUp.state}`} role="img" aria-label={followUpText} title={followUpText}>
          ⚑
        </span>
      ) : null}
    </span>
  );
}

/** A cell's content; numbers are right-aligned by the caller's class. */
export function cellContent(id: ColumnId, row: ChatListRow, now: number) {
  switch (id) {
    case 'status':
      return <StatusCell row={row} now={now} />;
    case 'user':
      return row.visitorName;
    case 'group':
      return row.groupName;
    case 'started':
      return formatStarted(row.startedAt, now);
    case 'queueTime':
      return formatDuration(queueTime(row, now));
    case 'idle':
      return formatDuration(idleTime(row, now));
    case 'messages':
      return row.messageCount;
    case 'agent':
      return row.agentName ?? '—';
  }
}

export function cellClass(id: ColumnId, row: ChatListRow): string | undefined {
  if (id === 'messages') return 'num';
  if (id === 'queueTime' && row.status === 'queued') return 'waiting';
  return undefined;
}
