// The chat's Add → New Ticket, New Task, New Call Log and Related Item dialogs. Each is prefilled
// from the chat (the customer, the chat's group, me as assignee) and checks what it can before
// sending; the server checks again and its refusal is shown in the dialog, which stays open.
import { useEffect, useId, useState } from 'preact/hooks';
import {
  CALL_DIRECTIONS,
  type CallDirection,
  isPhoneNumber,
  kindName,
  DIRECTION_LABELS,
  MAX_CALL_SECONDS,
  MAX_DETAILS_LENGTH,
  MAX_ENTRY_LENGTH,
  MAX_SUBJECT_LENGTH,
  MAX_TASK_TITLE_LENGTH,
  TICKET_PRIORITIES,
  PRIORITY_LABELS,
  type TicketPriority,
} from '../../../../objects/rules/items.ts';
import type { RelatedItem } from '../../../../worker/items/wire.ts';
import { describeError } from '../../../shared/api.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { fromLocalInput, toLocalInput } from '../../ui/time.ts';
import type { OpenChat } from '../chat.ts';
import { agentsFor, type TransferTargets } from '../targets.ts';

/** The longest call, in the minutes the dialog asks for. */
const MAX_CALL_MINUTES = MAX_CALL_SECONDS / 60;

interface ItemDialogProps {
  chat: OpenChat;
  visitorName: string;
}

export function NewTicketDialog({ chat, visitorName, meId }: ItemDialogProps & { meId: string }) {
  const [subject, setSubject] = useState('');
  const [mine, setMine] = useState(true);
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const subjectId = useId();
  const noteId = useId();
  const items = chat.items;
  return (
    <Dialog title="New ticket" onCancel={() => chat.closeDialog()}>
      <form
        class="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (subject.trim() === '') return setProblem('Give the ticket a subject.');
          setProblem(null);
          const body = { subject: subject.trim(), priority, agentId: mine ? meId : null, ...(note.trim() ? { text: note.trim() } : {}) };
          if (await items.createTicket(body)) chat.closeDialog();
        }}
      >
        <p class="hint">For {visitorName}. The chat’s conversation becomes the ticket’s first entry; its comments become internal notes.</p>
        <div class="field">
          <label for={subjectId}>Subject</label>
          <input id={subjectId} required maxLength={MAX_SUBJECT_LENGTH} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        </div>
        <ChoiceField label="Priority" value={priority} choices={TICKET_PRIORITIES} labels={PRIORITY_LABELS} onChange={setPriority} />
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} /> Assign to me (it shows in My Tickets)
        </label>
        <div class="field">
          <label for={noteId}>Internal note (optional)</label>
          <textarea id={noteId} rows={3} maxLength={MAX_ENTRY_LENGTH} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <FormActions problem={problem ?? items.problem.value} onCancel={() => chat.closeDialog()} submit="Create ticket" busyLabel="Creating…" busy={items.busy.value} />
      </form>
    </Dialog>
  );
}

export function NewTaskDialog({ chat, targets, groupId, me }: { chat: OpenChat; targets: TransferTargets; groupId: string; me: { id: string; name: string } }) {
  useEffect(() => void targets.load(), [targets]);
  const meId = me.id;
  const assignees = [me, ...agentsFor(targets.agents.value, [groupId]).filter((a) => a.id !== me.id)];
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [due, setDue] = useState('');
  const [assignee, setAssignee] = useState(meId);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();
  const detailsId = useId();
  const dueId = useId();
  const assigneeId = useId();
  const items = chat.items;
  return (
    <Dialog title="New task" onCancel={() => chat.closeDialog()}>
      <form
        class="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (title.trim() === '') return setProblem('Give the task a title.');
          const dueAt = due === '' ? null : fromLocalInput(due);
          if (due !== '' && dueAt === null) return setProblem('Due: a date and time, or leave it empty.');
          setProblem(null);
          if (await items.createTask({ title: title.trim(), details: details.trim(), dueAt, assigneeId: assignee })) chat.closeDialog();
        }}
      >
        <div class="field">
          <label for={titleId}>Title</label>
          <input id={titleId} required maxLength={MAX_TASK_TITLE_LENGTH} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={detailsId}>Details</label>
          <textarea id={detailsId} rows={3} maxLength={MAX_DETAILS_LENGTH} value={details} onInput={(e) => setDetails(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={dueId}>Due (optional)</label>
          <input id={dueId} type="datetime-local" value={due} min={toLocalInput(Date.now())} aria-describedby={`${dueId}-hint`} onInput={(e) => setDue(e.currentTarget.value)} />
          <span class="hint" id={`${dueId}-hint`}>
            Whoever it is assigned to is told in their console when it falls due.
          </span>
        </div>
        <div class="field">
          <label for={assigneeId}>Assigned to</label>
          <select id={assigneeId} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === meId ? `${a.name} (me)` : a.name}
              </option>
            ))}
          </select>
        </div>
        <FormActions problem={problem ?? items.problem.value} onCancel={() => chat.closeDialog()} submit="Create task" busyLabel="Creating…" busy={items.busy.value} />
      </form>
    </Dialog>
  );
}

export function NewCallLogDialog({ chat, visitorName }: ItemDialogProps) {
  const [name, setName] = useState(visitorName);
  const [phone, setPhone] = useState('');
  const [direction, setDirection] = useState<CallDirection>('inbound');
  const [started, setStarted] = useState(toLocalInput(Date.now()));
  const [minutes, setMinutes] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { name: useId(), phone: useId(), started: useId(), minutes: useId(), notes: useId() };
  const items = chat.items;
  return (
    <Dialog title="New call log" onCancel={() => chat.closeDialog()}>
      <form
        class="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!isPhoneNumber(phone)) return setProblem('Phone: a phone number, such as +1 555 0100.');
          const startedAt = fromLocalInput(started);
          if (startedAt === null || startedAt > Date.now()) return setProblem('Started: a date and time in the past.');
          const m = Number(minutes.trim());
          if (minutes.trim() === '' || !Number.isFinite(m) || m < 0 || m > MAX_CALL_MINUTES) return setProblem(`Duration: minutes, from 0 to ${MAX_CALL_MINUTES}.`);
          setProblem(null);
          const body = { customerName: name.trim() || visitorName, phone: phone.trim(), direction, startedAt, durationSeconds: Math.round(m * 60), notes: notes.trim() };
          if (await items.createCallLog(body)) chat.closeDialog();
        }}
      >
        <div class="field">
          <label for={ids.name}>Customer</label>
          <input id={ids.name} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.phone}>Phone number</label>
          <input id={ids.phone} type="tel" required autoComplete="off" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </div>
        <fieldset class="field">
          <legend>Direction</legend>
          {CALL_DIRECTIONS.map((d) => (
            <label key={d} class="check">
              <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} /> {DIRECTION_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={ids.started}>Started</label>
          <input id={ids.started} type="datetime-local" value={started} onInput={(e) => setStarted(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.minutes}>Duration (minutes)</label>
          <input id={ids.minutes} type="number" min={0} max={MAX_CALL_MINUTES} step="any" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.notes}>Notes</label>
          <textarea id={ids.notes} rows={3} maxLength={MAX_DETAILS_LENGTH} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
        </div>
        <FormActions problem={problem ?? items.problem.value} onCancel={() => chat.closeDialog()} submit="Log call" busyLabel="Saving…" busy={items.busy.value} />
      </form>
    </Dialog>
  );
}

/** Find a ticket, call log or chat by number, subject or customer, and relate it. */
export function RelateDialog({ chat }: { chat: OpenChat }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly RelatedItem[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const queryId = useId();
  const items = chat.items;
  const already = new Set(items.related.value.map((r) => `${r.kind}:${r.id}`));
  return (
    <Dialog title="Relate an item" onCancel={() => chat.closeDialog()}>
      <form
        class="dialog-form"
        role="search"
        onSubmit={async (event) => {
          event.preventDefault();
          if (query.trim() === '') return setProblem('Type a ticket or call number, a subject or a customer.');
          setProblem(null);
          setSearching(true);
          try {
            setFound(await items.find(query.trim()));
          } catch (error) {
            setProblem(describeError(error));
          } finally {
            setSearching(false);
          }
        }}
      >
        <div class="field">
          <label for={queryId}>Find by number, subject or customer</label>
          <input id={queryId} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <FormActions problem={problem ?? items.problem.value} cancel="Close" onCancel={() => chat.closeDialog()} submit="Search" busyLabel="Searching…" busy={searching} />
      </form>
      <p class="sr-only" role="status">
        {found === null ? '' : found.length === 0 ? 'Nothing found.' : `${found.length} found.`}
      </p>
      {found === null ? null : found.length === 0 ? (
        <p>Nothing found.</p>
      ) : (
        <ul class="found-items" aria-label="Found items">
          {found.map((item) => (
            <li key={`${item.kind}:${item.id}`}>
              <span>
                {item.label} <span class="hint">({item.state})</span>
              </span>{' '}
              {already.has(`${item.kind}:${item.id}`) ? (
                <span class="hint">Related</span>
              ) : (
                <button
                  type="button"
                  disabled={items.busy.value}
                  aria-label={`Relate ${item.label}`}
                  onClick={async () => {
                    if (await items.relate(item)) chat.closeDialog();
                  }}
                >
                  Relate
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

/** The Related Items tab: each item opens in the console's help desk (or its chat), or is unrelated. */
export function RelatedTab({ chat, open }: { chat: OpenChat; open: ((item: RelatedItem) => void) | null }) {
  const items = chat.items;
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="related-items">
      <table class="attachments">
        <caption class="sr-only">Items related to this chat</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Item</th>
            <th scope="col">State</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.related.value.map((item) => (
            <tr key={`${item.kind}:${item.id}`} data-related={item.kind}>
              <td>{kindName(item.kind)}</td>
              <td>
                {open ? (
                  <button type="button" class="link" onClick={() => open(item)}>
                    {item.label}
                  </button>
                ) : (
                  item.label
                )}
              </td>
              <td>{item.state}</td>
              <td>
                <button type="button" class="link" aria-label={`Unrelate ${item.label}`} onClick={async () => setError(await items.unrelate(item))}>
                  Unrelate
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error || items.loadError.value ? (
        <p class="notice" role="alert">
          {error ?? items.loadError.value}
        </p>
      ) : null}
    </div>
  );
}
