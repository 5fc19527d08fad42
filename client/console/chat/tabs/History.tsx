// The pane's History tab: every event of the chat in order, staff-only ones (coaching,
// follow-ups, surveys, manual events) included and marked, each with its time and what happened;
// a manual event lists each action's outcome under its line.
import type { ChatEvent } from '../../../../objects/protocol.ts';
import { describeEvent } from './history.ts';
import { formatStarted } from '../../ui/time.ts';

export function History({ events, now }: { events: readonly ChatEvent[]; now: number }) {
  return (
    // A region that scrolls: focusable, so the keyboard can scroll it (axe: scrollable-region-focusable).
    <ol class="history" aria-label="History" tabIndex={0}>
      {events.map((event) => {
        const line = describeEvent(event);
        return (
          <li key={line.seq} data-kind={event.kind} class={line.staffOnly ? 'staff-only' : undefined}>
            <time dateTime={new Date(line.at).toISOString()}>{formatStarted(line.at, now)}</time>
            <span class="history-label">{line.label}</span>
            {line.staffOnly ? <span class="staff-tag">Staff only</span> : null}
            <span class="history-text">{line.text}</span>
            {line.steps.length > 0 ? (
              <ul class="history-steps" aria-label="Outcomes">
                {line.steps.map((step, i) => (
                  <li key={i} class={step.ok ? 'step-ok' : 'step-failed'}>
                    <span class="step-mark" aria-hidden="true">
                      {step.ok ? '✓' : '✗'}
                    </span>{' '}
                    {step.text}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
