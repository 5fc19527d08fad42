// The Help Desk screen: the chosen list (tickets, tasks or call logs) with its sortable columns and
// pages, and the open item beside it. A related chat opens in the chat lists' preview pane.
import { CustomerEmail } from '../customers/CustomerEmail.tsx';
import type { CustomerModel } from '../customers/customer.ts';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { DIRECTION_LABELS, entryHeading, formatSeconds, isOverdue, itemNumber, kindName, MAX_DETAILS_LENGTH, MAX_ENTRY_LENGTH, MAX_TASK_TITLE_LENGTH, PRIORITY_LABELS } from '../../../objects/rules/items.ts';
import { TICKET_PRIORITIES, TICKET_STATUS_LABELS, TICKET_STATUSES } from '../../../objects/rules/items.ts';
import type { NewTicketEntryKind, TicketStatus } from '../../../objects/rules/items.ts';
import { formatMinutes } from '../../../objects/rules/time-logs.ts';
import { MAX_TIME_LOG_MINUTES } from '../../../objects/protocol.ts';
import type { Group } from '../../shared/api.ts';
import type { RelatedItem, Task, TaskEditBody, TicketSortKey } from '../../../worker/items/wire.ts';
import { fromLocalInput, toLocalInput } from '../ui/time.ts';
import { ChoiceField } from '../ui/ChoiceField.tsx';
import { formatStarted, now } from '../ui/time.ts';
import { type DeskModel, deskTitle, PAGE_SIZE } from './desk.ts';
import { searchTarget, showTarget } from '../chat/search-target.ts';
import './desk.css';


const TICKET_COLUMNS: readonly { key: TicketSortKey; label: string }[] = [
  { key: 'number', label: 'Number' },
  { key: 'subject', label: 'Subject' },
  { key: 'status', label: 'Status' },
  { key: 'priority', label: 'Priority' },
  { key: 'customer', label: 'Customer' },
  { key: 'agent', label: 'Agent' },
  { key: 'updated', label: 'Updated' },
];

/** Who is looking: their id, and whether they supervise (may change colleagues' call logs). */
export interface DeskMe {
  id: string;
  supervisor: boolean;
}

export interface DeskScreenProps {
  desk: DeskModel;
  me: DeskMe;
  groups: readonly Group[];
  openChat(chatId: string): void;
  customers: CustomerModel;
}

export function DeskScreen({ desk, me, groups, openChat, customers }: DeskScreenProps) {
  const view = desk.view.value;
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name;
  const title = deskTitle(view, groupName);
  const clock = now.value;
  const list = desk.list.value;
  const sort = desk.sort.value;
  const first = desk.total.value === 0 ? 0 : desk.offset.value + 1;
  const last = Math.min(desk.offset.value + PAGE_SIZE, desk.total.value);
  const openRelated = (item: RelatedItem) => (item.kind === 'chat' ? openChat(item.id) : void desk.openItem(item.kind, item.id));
  /** The group a group list shows, if this is one. */
  const shownGroup =
    view.kind === 'tickets' && view.view === 'group' ? view.groupId : view.kind === 'calls' && view.by === 'group' ? view.groupId : view.kind === 'tasks' ? view.groupId : null;
  const groupPicker =
    shownGroup !== null ? (
      <label class="desk-group">
        Group{' '}
        <select
          value={shownGroup}
          onChange={(e) => {
            const groupId = e.currentTarget.value;
            desk.show(
              view.kind === 'tickets'
                ? { kind: 'tickets', view: 'group', groupId }
                : view.kind === 'tasks'
                  ? { kind: 'tasks', state: view.state, groupId }
                  : { kind: 'calls', by: 'group', groupId },
            );
          }}
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
    ) : null;

  return (
    <div class="desk">
      <section class="desk-list" aria-labelledby="desk-title">
        <div class="list-head">
          <h1 id="desk-title">{title}</h1>
          {groupPicker}
          {view.kind === 'calls' && view.by === 'agent' ? <AgentPicker desk={desk} meId={me.id} agentId={view.agentId} /> : null}
          {view.kind === 'tasks' ? (
            <button type="button" class="link" onClick={() => desk.show({ ...view, state: view.state === 'open' ? 'done' : 'open' })}>
              {view.state === 'open' ? 'Show done tasks' : 'Show open tasks'}
            </button>
          ) : null}
          {view.kind === 'tickets' && view.view === 'all' ? (
            <label class="desk-group">
              Status{' '}
              <select value={view.status ?? ''} onChange={(e) => desk.show({ kind: 'tickets', view: 'all', status: (e.currentTarget.value || null) as TicketStatus | null })}>
                <option value="">Any</option>
                {TICKET_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {TICKET_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        {desk.error.value ? (
          <p class="notice" role="alert">
            {desk.error.value}{' '}
            <button type="button" class="link" onClick={() => void desk.load()}>
              Try again
            </button>
          </p>
        ) : null}
        <table class="desk-table" aria-busy={desk.loading.value}>
          <caption class="sr-only">{title}</caption>
          {list.kind === 'tickets' ? (
            <>
              <thead>
                <tr>
                  {TICKET_COLUMNS.map((c) => (
                    <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" class="link" onClick={() => desk.sortBy(c.key)}>
                        {c.label}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.rows.map((t) => (
                  <tr key={t.id} data-ticket-id={t.id}>
                    <td>
                      <OpenItem desk={desk} kind="ticket" id={t.id}>
                        {itemNumber(t.number)}
                      </OpenItem>
                    </td>
                    <td>{t.subject}</td>
                    <td>
                      <span class={`badge badge-ticket-${t.status}`}>{TICKET_STATUS_LABELS[t.status]}</span>
                    </td>
                    <td>{PRIORITY_LABELS[t.priority]}</td>
                    <td>{t.customerName}</td>
                    <td>{t.agentName ?? '—'}</td>
                    <td>{formatStarted(t.updatedAt, clock)}</td>
                  </tr>
                ))}
              </tbody>
            </>
          ) : list.kind === 'tasks' ? (
            <>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Due</th>
                  <th scope="col">Assigned to</th>
                  <th scope="col">Group</th>
                  <th scope="col">Done</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((t) => (
                  <tr key={t.id} data-task-id={t.id} class={isOverdue(t, clock) ? 'overdue' : undefined}>
                    <td>
                      <OpenItem desk={desk} kind="task" id={t.id}>
                        {t.title}
                      </OpenItem>
                    </td>
                    <td>{t.dueAt === null ? '—' : `${formatStarted(t.dueAt, clock)}${isOverdue(t, clock) ? ' (overdue)' : ''}`}</td>
                    <td>{t.assigneeName}</td>
                    <td>{t.groupName}</td>
                    <td>{t.doneAt === null ? 'No' : formatStarted(t.doneAt, clock)}</td>
                  </tr>
                ))}
              </tbody>
            </>
          ) : (
            <>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Started</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Agent</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((c) => (
                  <tr key={c.id} data-call-id={c.id}>
                    <td>
                      <OpenItem desk={desk} kind="call" id={c.id}>
                        {itemNumber(c.number)}
                      </OpenItem>
                    </td>
                    <td>{c.customerName}</td>
                    <td>{c.phone}</td>
                    <td>{DIRECTION_LABELS[c.direction]}</td>
                    <td>{formatStarted(c.startedAt, clock)}</td>
                    <td>{formatSeconds(c.durationSeconds)}</td>
                    <td>{c.agentName}</td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
        </table>
        {!desk.loading.value && list.rows.length === 0 && !desk.error.value ? <p class="preview-empty">Nothing here.</p> : null}
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={desk.offset.value === 0} onClick={() => desk.page(-1)}>
            Previous
          </button>
          <span role="status">
            {first}–{last} of {desk.total.value}
          </span>
          <button type="button" disabled={last >= desk.total.value} onClick={() => desk.page(1)}>
            Next
          </button>
        </nav>
      </section>
      <section class="preview" aria-label="Item">
        <p class="sr-only" role="status">
          {desk.announcement.value}
        </p>
        {desk.openError.value ? (
          <p class="notice" role="alert">
            {desk.openError.value}
          </p>
        ) : null}
        <OpenItemView desk={desk} me={me} clock={clock} openRelated={openRelated} customers={customers} />
      </section>
    </div>
  );
}

/** The open item's frame: its heading (which names the region's article) and the close button. */
function ItemPane({ title, attrs, close, children }: { title: string; attrs: Record<`data-${string}`, string>; close: ComponentChildren; children: ComponentChildren }) {
  return (
    <article class="pane item-pane" aria-labelledby="item-title" {...attrs}>
      <header class="pane-header">
        <h2 id="item-title">{title}</h2>
        {close}
      </header>
      {children}
    </article>
  );
}

/** A list row's link to its item, opened beside the list. */
function OpenItem({ desk, kind, id, children }: { desk: DeskModel; kind: 'ticket' | 'task' | 'call'; id: string; children: ComponentChildren }) {
  return (
    <button type="button" class="link" onClick={() => void desk.openItem(kind, id)}>
      {children}
    </button>
  );
}

function RelatedList({ related, open }: { related: readonly RelatedItem[]; open(item: RelatedItem): void }) {
  if (related.length === 0) return <p class="hint">Nothing related.</p>;
  return (
    <ul class="related-list" aria-label="Related items">
      {related.map((r) => (
        <li key={`${r.kind}:${r.id}`} data-related={r.kind}>
          {kindName(r.kind)}:{' '}
          <button type="button" class="link" onClick={() => open(r)}>
            {r.label}
          </button>{' '}
          <span class="hint">({r.state})</span>
        </li>
      ))}
    </ul>
  );
}

/** A task's title, due time and assignee, changed together (only what changed is sent). */
function TaskForm({ desk, task }: { desk: DeskModel; task: Task }) {
  const [title, setTitle] = useState(task.title);
  const [due, setDue] = useState(task.dueAt === null ? '' : toLocalInput(task.dueAt));
  const [assignee, setAssignee] = useState(task.assigneeId);
  const [members, setMembers] = useState<{ id: string; name: string }[]>([{ id: task.assigneeId, name: task.assigneeName }]);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { title: useId(), due: useId(), assignee: useId() };
  useEffect(() => {
    desk.membersOf(task.groupId).then(
      (found) => setMembers(found.some((m) => m.id === task.assigneeId) ? found : [{ id: task.assigneeId, name: task.assigneeName }, ...found]),
      () => undefined, // the current assignee stays the only choice
    );
  }, [task.groupId]);
  return (
    <details class="item-edit">
      <summary>Change the task</summary>
      <form
        class="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          const dueAt = due === '' ? null : fromLocalInput(due);
          if (due !== '' && dueAt === null) return setProblem('Due: a date and time, or leave it empty.');
          if (title.trim() === '') return setProblem('Give the task a title.');
          setProblem(null);
          const body: TaskEditBody = {
            ...(title.trim() !== task.title ? { title: title.trim() } : {}),
            ...(dueAt !== task.dueAt ? { dueAt } : {}),
            ...(assignee !== task.assigneeId ? { assigneeId: assignee } : {}),
          };
          if (Object.keys(body).length === 0) return setProblem('Nothing changed.');
          void desk.editTask(body);
        }}
      >
        <div class="field">
          <label for={ids.title}>Title</label>
          <input id={ids.title} maxLength={MAX_TASK_TITLE_LENGTH} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.due}>Due</label>
          <input id={ids.due} type="datetime-local" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.assignee}>Assigned to</label>
          <select id={ids.assignee} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        {problem ? (
          <p class="notice" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="submit" class="primary" disabled={desk.busy.value}>
            Save task
          </button>
        </div>
      </form>
    </details>
  );
}

/** Whose call logs: mine or a colleague's (in the groups we share; the server keeps to them). */
function AgentPicker({ desk, meId, agentId }: { desk: DeskModel; meId: string; agentId: string | null }) {
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    desk.colleagues().then(
      (found) => setPeople(found.filter((p) => p.id !== meId)),
      () => undefined, // only my own stay on offer
    );
  }, []);
  return (
    <label class="desk-group">
      Agent{' '}
      <select
        value={agentId ?? ''}
        onChange={(e) => {
          const id = e.currentTarget.value;
          desk.show({ kind: 'calls', by: 'agent', agentId: id || null, agentName: people.find((p) => p.id === id)?.name });
        }}
      >
        <option value="">Me</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A call log's notes: changed by whoever logged the call, a manager or an administrator. */
function CallNotes({ desk, notes, mayChange }: { desk: DeskModel; notes: string; mayChange: boolean }) {
  const [text, setText] = useState(notes);
  const id = useId();
  if (!mayChange) return notes ? <p class="item-details">{notes}</p> : null;
  return (
    <form class="dialog-form" onSubmit={(e) => (e.preventDefault(), void desk.editCall({ notes: text.trim() }))}>
      <div class="field">
        <label for={id}>Notes</label>
        <textarea id={id} rows={3} maxLength={MAX_DETAILS_LENGTH} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <div class="dialog-actions">
        <button type="submit" disabled={desk.busy.value || text.trim() === notes}>
          Save notes
        </button>
      </div>
    </form>
  );
}

function OpenItemView({ desk, me, clock, openRelated, customers }: { desk: DeskModel; me: DeskMe; clock: number; openRelated(item: RelatedItem): void; customers: CustomerModel }) {
  const item = desk.open.value;
  if (item === null) return <p class="preview-empty">Select an item to see it.</p>;
  const close = (
    <button type="button" class="quiet" aria-label="Close item" onClick={() => desk.closeItem()}>
      ×
    </button>
  );
  const problem = desk.problem.value ? (
    <p class="notice" role="alert">
      {desk.problem.value}
    </p>
  ) : null;
  if (item.kind === 'task') {
    const t = item.data.task;
    return (
      <ItemPane title={`Task: ${t.title}`} attrs={{ 'data-task-id': t.id }} close={close}>
        <dl class="pane-facts">
          <div>
            <dt>Due</dt>
            <dd>{t.dueAt === null ? '—' : formatStarted(t.dueAt, clock)}</dd>
          </div>
          <div>
            <dt>Assigned to</dt>
            <dd>{t.assigneeName}</dd>
          </div>
          <div>
            <dt>Group</dt>
            <dd>{t.groupName}</dd>
          </div>
          <div>
            <dt>Done</dt>
            <dd>{t.doneAt === null ? 'No' : formatStarted(t.doneAt, clock)}</dd>
          </div>
        </dl>
        {t.details ? <p class="item-details">{t.details}</p> : null}
        <button type="button" class="primary" disabled={desk.busy.value} onClick={() => void desk.editTask({ done: t.doneAt === null })}>
          {t.doneAt === null ? 'Mark done' : 'Mark not done'}
        </button>
        <TaskForm key={`${t.id}:${t.dueAt}:${t.assigneeId}:${t.title}`} desk={desk} task={t} />
        {problem}
        <h3>Related items</h3>
        <RelatedList related={item.data.related} open={openRelated} />
      </ItemPane>
    );
  }
  if (item.kind === 'call') {
    const c = item.data.call;
    return (
      <ItemPane title={`Call log ${itemNumber(c.number)}: ${c.customerName}`} attrs={{ 'data-call-id': c.id }} close={close}>
        <dl class="pane-facts">
          {c.customerEmail ? (
            <div>
              <dt>Customer</dt>
              <dd>
                {c.customerName} <CustomerEmail email={c.customerEmail} customers={customers} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Phone</dt>
            <dd>{c.phone}</dd>
          </div>
          <div>
            <dt>Direction</dt>
            <dd>{DIRECTION_LABELS[c.direction]}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatStarted(c.startedAt, clock)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatSeconds(c.durationSeconds)}</dd>
          </div>
          <div>
            <dt>Agent</dt>
            <dd>
              {c.agentName} ({c.groupName})
            </dd>
          </div>
        </dl>
        <CallNotes key={`${c.id}:${c.notes}`} desk={desk} notes={c.notes} mayChange={c.agentId === me.id || me.supervisor} />
        {problem}
        <h3>Related items</h3>
        <RelatedList related={item.data.related} open={openRelated} />
      </ItemPane>
    );
  }
  // Keyed by the ticket: another ticket starts with an empty reply box (a draft never goes to the wrong customer).
  return <TicketView key={item.data.ticket.id} desk={desk} me={me} clock={clock} openRelated={openRelated} problem={problem} close={close} customers={customers} />;
}

function TicketView(props: { desk: DeskModel; me: DeskMe; clock: number; openRelated(item: RelatedItem): void; problem: ComponentChildren; close: ComponentChildren; customers: CustomerModel }) {
  const { desk, me, clock, openRelated, problem, close } = props;
  const item = desk.open.value;
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState('');
  const [minutesProblem, setMinutesProblem] = useState<string | null>(null);
  const textId = useId();
  const minutesId = useId();
  // A search result opened this ticket at one of its entries: scroll to it and mark it.
  const target = searchTarget.value;
  const entryCount = item?.kind === 'ticket' ? item.data.entries.length : 0;
  useEffect(() => {
    if (target?.kind !== 'ticket' || item?.kind !== 'ticket' || item.data.ticket.id !== target.ticketId) return;
    if (showTarget(document.querySelector<HTMLElement>(`.ticket-thread [data-entry-id="${CSS.escape(target.entryId)}"]`))) searchTarget.value = null;
  }, [target, item, entryCount]);
  if (item?.kind !== 'ticket') return null;
  const { ticket: t, entries, related, total, timeLogs } = item.data;
  const send = async (kind: NewTicketEntryKind) => {
    if (text.trim() === '') return;
    if (await desk.addEntry({ kind, text: text.trim() })) setText('');
  };
  return (
    <ItemPane title={`Ticket ${itemNumber(t.number)}: ${t.subject}`} attrs={{ 'data-ticket-id': t.id }} close={close}>
      <dl class="pane-facts">
        <div>
          <dt>Customer</dt>
          <dd>
            {t.customerName} <CustomerEmail email={t.customerEmail} customers={props.customers} />
          </dd>
        </div>
        <div>
          <dt>Group</dt>
          <dd>{t.groupName}</dd>
        </div>
        <div>
          <dt>Agent</dt>
          <dd>
            {t.agentName ?? 'Unassigned'}{' '}
            {t.agentId === me.id ? (
              <button type="button" class="link" disabled={desk.busy.value} onClick={() => void desk.editTicket({ agentId: null })}>
                Unassign
              </button>
            ) : (
              <button type="button" class="link" disabled={desk.busy.value} onClick={() => void desk.editTicket({ agentId: me.id })}>
                Assign to me
              </button>
            )}
          </dd>
        </div>
        <div>
          <dt>Time logged</dt>
          <dd>
            {formatMinutes(total.all)}
            {total.billable > 0 ? ` (billable ${formatMinutes(total.billable)})` : ''}
          </dd>
        </div>
      </dl>
      <div class="ticket-settings">
        <ChoiceField label="Status" value={t.status} choices={TICKET_STATUSES} labels={TICKET_STATUS_LABELS} disabled={desk.busy.value} onChange={(status) => void desk.editTicket({ status })} />
        <ChoiceField label="Priority" value={t.priority} choices={TICKET_PRIORITIES} labels={PRIORITY_LABELS} disabled={desk.busy.value} onChange={(priority) => void desk.editTicket({ priority })} />
      </div>
      <ol class="ticket-thread" aria-label="Thread">
        {entries.map((e) => (
          <li key={e.id} class={`entry entry-${e.kind}`} data-entry={e.kind} data-entry-id={e.id}>
            <p class="entry-head">
              {entryHeading(e)} ·{' '}
              {formatStarted(e.createdAt, clock)}
            </p>
            <pre class="entry-text">{e.text}</pre>
          </li>
        ))}
      </ol>
      <form class="dialog-form" onSubmit={(e) => (e.preventDefault(), void send('reply'))}>
        <div class="field">
          <label for={textId}>Reply or note</label>
          <textarea id={textId} rows={4} maxLength={MAX_ENTRY_LENGTH} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <div class="dialog-actions">
          <button type="button" disabled={desk.busy.value || text.trim() === ''} onClick={() => void send('note')}>
            Add internal note
          </button>
          <button type="button" disabled={desk.busy.value || text.trim() === ''} onClick={() => void send('resolution')} title="How the problem was solved: staff only, suggested to agents for similar chats">
            Add resolution
          </button>
          <button type="submit" class="primary" disabled={desk.busy.value || text.trim() === ''}>
            Send reply to customer
          </button>
        </div>
        {problem}
      </form>
      <form
        class="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const n = Number(minutes);
          if (!Number.isInteger(n) || n < 1 || n > MAX_TIME_LOG_MINUTES) return setMinutesProblem(`Minutes: a whole number from 1 to ${MAX_TIME_LOG_MINUTES}.`);
          setMinutesProblem(null);
          if (await desk.logTicketTime({ minutes: n })) setMinutes('');
        }}
      >
        <label for={minutesId}>Log minutes</label> <input id={minutesId} type="number" min={1} step={1} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />{' '}
        <button type="submit" disabled={desk.busy.value}>
          Log time
        </button>
      </form>
      {minutesProblem ? (
        <p class="notice" role="alert">
          {minutesProblem}
        </p>
      ) : null}
      {timeLogs.length > 0 ? (
        <ul class="related-list" aria-label="Time logs">
          {timeLogs.map((log) => (
            <li key={log.id}>
              {log.by.name}: {formatMinutes(log.minutes)}
              {log.billable ? ' (billable)' : ''}, {formatStarted(log.at, clock)}
              {log.note ? ` · ${log.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Related items</h3>
      <RelatedList related={related} open={openRelated} />
    </ItemPane>
  );
}
