// The print view of one chat (the toolbar's Print opens it in a new window): the header fields
// and the conversation as the customer saw it, laid out for paper. It asks the browser to print
// once the transcript is on the page; the window stays open to print again or close.
import { useEffect } from 'preact/hooks';
import { describeEvent } from './tabs/history.ts';
import { currentTimeLogs, formatMinutes, totalMinutes } from '../../../objects/rules/time-logs.ts';
import type { PrintModel } from './print.ts';
import { STATUS_LABELS } from '../lists/status.ts';
import { formatDuration, formatStarted, queueTime } from '../ui/time.ts';

export function PrintView({ model }: { model: PrintModel }) {
  const state = model.state.value;
  useEffect(() => {
    if (state.status === 'ready') window.print();
  }, [state.status]);

  if (state.status === 'loading') return <p class="boot" role="status">Loading the transcript…</p>;
  if (state.status === 'failed') {
    return (
      <p class="notice" role="alert">
        The transcript could not be loaded: {state.message}
      </p>
    );
  }
  const { chat, row } = state.transcript;
  const printedAt = Date.now();
  const fields: [string, string][] = [
    ['Customer', chat.visitor.name],
    ['Email', row.visitorEmail],
    ['Group', chat.groupName],
    ['Status', STATUS_LABELS[chat.status]],
    ['Agent', chat.agent?.name ?? 'Unassigned'],
    ['Started', formatStarted(chat.startedAt, printedAt)],
    ['Queue time', formatDuration(queueTime(chat, printedAt))],
    ['Ended', chat.endedAt === null ? '—' : formatStarted(chat.endedAt, printedAt)],
    ['Messages', String(row.messageCount)],
    ['Chat id', chat.id],
    ['Time logged', formatMinutes(totalMinutes(currentTimeLogs(state.transcript.events)).all)],
    ...Object.entries(chat.fields).map(([key, value]): [string, string] => [state.fieldLabels[key] ?? key, value]),
  ];
  return (
    <main class="print">
      <header class="print-header">
        <h1>Chat with {chat.visitor.name}</h1>
        <button type="button" class="no-print" onClick={() => window.print()}>
          Print
        </button>
      </header>
      <dl class="print-fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {state.related === null ? <p class="print-note">The related items could not be loaded.</p> : null}
      {state.related !== null && state.related.length > 0 ? (
        <>
          <h2>Related items</h2>
          <ul class="print-related">
            {state.related.map((r) => (
              <li key={`${r.kind}:${r.id}`}>
                {r.label} ({r.state})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Conversation</h2>
      <ol class="print-log">
        {state.printed.map((event) => {
          const line = describeEvent(event);
          return (
            <li key={line.seq} data-kind={event.kind}>
              <time dateTime={new Date(line.at).toISOString()}>{formatStarted(line.at, printedAt)}</time> {line.text}
            </li>
          );
        })}
      </ol>
      <p class="print-note">Printed {formatStarted(printedAt, printedAt)}. Staff-only notes (coaching, follow-ups) are not printed.</p>
    </main>
  );
}
