// The pane's History tab: every event of the chat in order, staff-only ones (coaching,
// follow-ups, surveys) included and marked, each with its time and what happened.
import type { ChatEvent } from '../../../../objects/protocol.ts';
import { describeEvent } from './history.ts';
import { formatStarted } from '../../ui/time.ts';

export function History({ events, now }: { events: readonly ChatEvent[]; now: number }) {
  return (
    <ol class="history" aria-label="History">
      {events.map((event) => {
        const line = describeEvent(event);
        return (
          <li key={line.seq} data-kind={event.kind} class={line.staffOnly ? 'staff-only' : undefined}>
            <time dateTime={new Date(line.at).toISOString()}>{formatStarted(line.at, now)}</time>
            <span class="history-label">{line.label}</span>
            {line.staffOnly ? <span class="staff-tag">Staff only</span> : null}
            <span class="history-text">{line.text}</span>
          </li>
        );
      })}
    </ol>
  );
}
