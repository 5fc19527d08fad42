// The Actions (…) menu (the seed's Manual Event) in the chat's toolbar and in a list's toolbar,
// and the report of a run: for each chat, each action done or failed with its reason. The menu
// lists what the server offered; "No manual events available" when nothing applies.
import { ACTION_TITLES } from '../../../objects/rules/manual-events.ts';
import { MenuButton } from '../ui/MenuButton.tsx';
import './manual-events.css';
import { type ChatManualEvents, failures, type ListManualEvents, type RunReport } from './manual-events.ts';

const EMPTY = 'No manual events available';
/** A failed read of the events says so (above what was offered before, if anything); opening the menu again reads them again. */
const UNREADABLE = 'The manual events could not be loaded. Close the menu and open it again to retry.';

/** The chat toolbar's menu (the report is shown under the toolbar: ChatRunReport). */
export function ChatActionsMenu({ events }: { events: ChatManualEvents }) {
  const running = events.running.value;
  const items = events.events.value.map((e) => ({ id: e.id, label: e.name, onSelect: () => void events.run(e) }));
  const failed = !running && events.failed.value;
  const empty = running ? 'A manual event is running…' : failed ? UNREADABLE : EMPTY;
  return <MenuButton label={running ? 'Running…' : 'Actions (…)'} items={running ? [] : items} empty={empty} note={failed ? UNREADABLE : null} onOpen={() => events.refresh()} />;
}

export function ChatRunReport({ events }: { events: ChatManualEvents }) {
  const report = events.report.value;
  return <div role="status">{report ? <RunReportView report={report} onDismiss={() => events.dismiss()} /> : null}</div>;
}

/** A list's menu, for the checked chats: only events usable on every one of them. */
export function ListActionsMenu({ events, selected }: { events: ListManualEvents; selected: number }) {
  const running = events.running.value;
  const items = selected === 0 || running ? [] : events.usable.value.map((e) => ({ id: e.id, label: e.name, onSelect: () => void events.run(e) }));
  const failed = !running && selected > 0 && events.failed.value;
  const empty = running ? 'A manual event is running…' : selected === 0 ? 'Check chats to run a manual event on them' : failed ? UNREADABLE : EMPTY;
  return <MenuButton label={running ? 'Running…' : 'Actions (…)'} items={items} empty={empty} note={failed ? UNREADABLE : null} onOpen={() => void events.load()} />;
}

export function ListRunReport({ events }: { events: ListManualEvents }) {
  const report = events.report.value;
  return <div role="status" class="list-run-report">{report ? <RunReportView report={report} onDismiss={() => events.dismiss()} /> : null}</div>;
}

function RunReportView({ report, onDismiss }: { report: RunReport; onDismiss(): void }) {
  const failed = failures(report);
  const summary =
    report.error !== null
      ? `${report.eventName} was not run: ${report.error}`
      : failed === 0
        ? `${report.eventName}: every action done${report.lines.length > 1 ? ` on ${report.lines.length} chats` : ''}.`
        : `${report.eventName}: ${failed === 1 ? '1 action' : `${failed} actions`} failed.`;
  return (
    <div class={`run-report ${report.error !== null || failed > 0 ? 'run-report-problem' : ''}`} data-event-name={report.eventName}>
      <p>
        {summary}{' '}
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {report.lines.map((line) => (
        <div key={line.chatId} class="run-chat" data-chat-id={line.chatId}>
          {report.lines.length > 1 ? <p class="run-chat-name">{line.name}</p> : null}
          {line.run ? (
            <ol class="run-outcomes" aria-label={`Outcomes for ${line.name}`}>
              {line.run.outcomes.map((o, i) => (
                <li key={i} class={o.ok ? 'step-ok' : 'step-failed'}>
                  <span aria-hidden="true">{o.ok ? '✓' : '✗'}</span> {ACTION_TITLES[o.action]}: {o.ok ? 'done' : 'failed'}. {o.detail}
                </li>
              ))}
            </ol>
          ) : (
            <p class="step-failed">Not run: {line.refusal}</p>
          )}
        </div>
      ))}
    </div>
  );
}
