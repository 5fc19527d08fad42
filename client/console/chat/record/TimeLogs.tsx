// The Time Logs tab (every time log of the chat, with the total and the billable part) and New
// Time Log (minutes typed, or measured by the pane's start/stop timer; a note; billable or not).
// Whoever logged time, a manager or an administrator may remove it.
import { useId, useState } from 'preact/hooks';
import { MAX_TIME_LOG_MINUTES, MAX_TIME_LOG_NOTE, type StaffRank, type TimeLog } from '../../../../objects/protocol.ts';
import { supervises } from '../../../../objects/rules/ranks.ts';
import { formatMinutes, mayRemoveTimeLog, totalMinutes } from '../../../../objects/rules/time-logs.ts';
import type { TimeLogBody } from '../../../../worker/chats/wire.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { formatStarted } from '../../ui/time.ts';
import type { OpenChat } from '../chat.ts';

export function TimeLogsTab({ chat, me, now }: { chat: OpenChat; me: { id: string; name: string; role: StaffRank }; now: number }) {
  const logs = chat.timeLogs.value;
  const total = totalMinutes(logs);
  const [error, setError] = useState<string | null>(null);
  const actor = { person: { role: 'agent' as const, id: me.id, name: me.name }, supervisor: supervises(me.role) };
  return (
    <div class="time-logs">
      <table class="attachments">
        <caption class="sr-only">Time logged on this chat</caption>
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col">When</th>
            <th scope="col">Time</th>
            <th scope="col">Billable</th>
            <th scope="col">Note</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {logs.map((log: TimeLog) => (
            <tr key={log.id} data-time-log={log.id}>
              <td>{log.by.name}</td>
              <td>
                <time dateTime={new Date(log.at).toISOString()}>{formatStarted(log.at, now)}</time>
              </td>
              <td>{formatMinutes(log.minutes)}</td>
              <td>{log.billable ? 'Yes' : 'No'}</td>
              <td>{log.note}</td>
              <td>
                {mayRemoveTimeLog(log, actor) ? (
                  <button type="button" class="link" onClick={async () => setError(await chat.deleteTimeLog(log.id))}>
                    Remove
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="time-total" data-total-minutes={total.all}>
        Total {formatMinutes(total.all)}
        {total.billable > 0 ? ` · billable ${formatMinutes(total.billable)}` : ''}
      </p>
      {error ? (
        <p class="notice" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TimeLogDialog({ chat }: { chat: OpenChat }) {
  const [minutes, setMinutes] = useState(String(chat.measuredMinutes.value ?? ''));
  const [note, setNote] = useState('');
  const [billable, setBillable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const minutesId = useId();
  const noteId = useId();
  const busy = chat.pending.value === 'time-log';
  return (
    <Dialog title="New time log" onCancel={() => chat.closeDialog()}>
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          const n = Number(minutes.trim());
          if (!Number.isInteger(n) || n < 1 || n > MAX_TIME_LOG_MINUTES) {
            return setProblem(`Minutes: a whole number from 1 to ${MAX_TIME_LOG_MINUTES}.`);
          }
          setProblem(null);
          void chat.logTime({ minutes: n, note, billable } satisfies TimeLogBody);
        }}
      >
        <div class="field">
          <label for={minutesId}>Minutes</label>
          <input id={minutesId} type="number" min={1} max={MAX_TIME_LOG_MINUTES} step={1} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          {chat.measuredMinutes.value !== null ? <span class="hint">Measured by the timer; change it if you need to.</span> : null}
        </div>
        <div class="field">
          <label for={noteId}>Note</label>
          <textarea id={noteId} rows={3} maxLength={MAX_TIME_LOG_NOTE} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <label class="check">
          <input type="checkbox" checked={billable} onChange={(e) => setBillable(e.currentTarget.checked)} /> Billable
        </label>
        <FormActions problem={problem ?? chat.actionError.value} onCancel={() => chat.closeDialog()} submit="Log time" busyLabel="Saving…" busy={busy} />
      </form>
    </Dialog>
  );
}

/** The pane's timer: Start, then Stop (which opens New Time Log with what it measured). */
export function TimerButton({ chat, now }: { chat: OpenChat; now: number }) {
  const started = chat.timerStartedAt.value;
  if (started === null) {
    return (
      <button type="button" onClick={() => chat.startTimer()}>
        Start timer
      </button>
    );
  }
  const seconds = Math.max(0, Math.floor((now - started) / 1000));
  const shown = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <button type="button" class="timer-running" onClick={() => chat.stopTimer(Date.now())} aria-label={`Stop timer (${shown} so far) and log the time`}>
      Stop timer {shown}
    </button>
  );
}
