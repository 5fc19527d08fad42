// The Administration page's "Manual events" section: each event with its groups and actions
// (Edit, Delete after a confirmation), and the editor: a name, the groups that may use it, and an
// ordered list of actions, each with the fields its kind needs (move up, move down, remove). The
// server checks every rule; its refusal is shown in the section's alert and beside the field it
// names, which gets the focus. Templates' variables are listed beside the fields that take them.
import type { ManualAction, ManualEvent, ManualEventBody } from '../../../worker/manual-events/wire.ts';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { MANUAL_ACTION_KINDS, type ManualActionKind } from '../../../objects/protocol.ts';
import { COMMENT_LABELS } from '../../../objects/rules/comments.ts';
import { ACTION_COMMENT_KINDS, ACTION_TITLES, MAX_ACTIONS, MAX_EVENT_NAME, TEMPLATE_VARIABLES } from '../../../objects/rules/manual-events.ts';
import type { AdminAgent, AdminGroup, CustomField } from '../../shared/api.ts';
import { ConfirmDelete } from '../admin/ConfirmDelete.tsx';
import { blankAction, createManualEventsAdmin, type ManualEventsAdmin } from './admin-model.ts';
import './manual-events.css';

interface Choices {
  groups: readonly AdminGroup[];
  agents: readonly AdminAgent[];
  fields: readonly CustomField[];
}

const VARIABLES_HINT = `Variables: ${[...TEMPLATE_VARIABLES, 'field.<key>'].map((v) => `{{${v}}}`).join(', ')}; a fallback after |, e.g. {{customer.first_name|there}}.`;

export function ManualEventsSection(choices: Choices) {
  const admin = useMemo(() => createManualEventsAdmin(), []);
  useEffect(() => void admin.load(), [admin]);
  /** The event being edited: null for none, 'new' for a new one. */
  const [editing, setEditing] = useState<ManualEvent | 'new' | null>(null);
  const groupName = (id: string) => choices.groups.find((g) => g.id === id)?.name ?? id;
  const events = admin.events.value;
  return (
    <section class="admin-section" aria-labelledby="admin-manual-events">
      <h2 id="admin-manual-events">Manual events</h2>
      <p class="muted">Agents run these from a chat's Actions (…) menu, or on the chats checked in a list. Actions run in order; one that fails undoes nothing and the rest still run.</p>
      <p class="sr-only" role="status">
        {admin.announcement.value}
      </p>
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="sr-only">Manual events</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Groups</th>
              <th scope="col">Actions, in order</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <EventRow key={event.id} admin={admin} event={event} groups={event.groupIds.map(groupName).join(', ')} onEdit={() => setEditing(event)} />
            ))}
            {events.length === 0 ? (
              <tr class="empty">
                <td colSpan={4}>{admin.loaded.value ? 'No manual events yet.' : 'Loading…'}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {editing === null ? (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            New manual event
          </button>
        </p>
      ) : (
        <EventEditor key={editing === 'new' ? 'new' : editing.id} admin={admin} choices={choices} event={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}

function EventRow({ admin, event, groups, onEdit }: { admin: ManualEventsAdmin; event: ManualEvent; groups: string; onEdit(): void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-event-id={event.id}>
      <th scope="row">{event.name}</th>
      <td>{groups || <span class="muted">None</span>}</td>
      <td>{event.actions.map((a) => ACTION_TITLES[a.type]).join(' → ')}</td>
      <td>
        {confirming ? (
          <ConfirmDelete name={event.name} what="manual event" busy={admin.busy.value} onDelete={() => admin.remove(event)} onClose={() => setConfirming(false)} />
        ) : (
          <>
            <button type="button" disabled={admin.busy.value} onClick={onEdit}>
              Edit<span class="sr-only"> {event.name}</span>
            </button>{' '}
            <button type="button" disabled={admin.busy.value} onClick={() => setConfirming(true)}>
              Delete<span class="sr-only"> {event.name}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** The attributes that mark the field a refusal names. */
type Invalid = { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };

/** An action in the editor, with a key of its own so moving it keeps its inputs. */
interface Row {
  key: number;
  action: ManualAction;
}

function EventEditor({ admin, choices, event, onDone }: { admin: ManualEventsAdmin; choices: Choices; event: ManualEvent | null; onDone(): void }) {
  const id = useId();
  const firstGroup = choices.groups[0]?.id ?? '';
  const [name, setName] = useState(event?.name ?? '');
  const [groupIds, setGroupIds] = useState<string[]>(event?.groupIds ?? []);
  const [rows, setRows] = useState<Row[]>(() => (event?.actions ?? []).map((action, key) => ({ key, action })));
  const [nextKey, setNextKey] = useState(rows.length);
  const [adding, setAdding] = useState<ManualActionKind>('add-comment');
  const refusal = admin.refusal.value;
  /** Every input's id is the form's id and the body's path to it, so a refusal's `field` finds it. */
  const fieldId = (path: string) => `${id}-${path.replace(/\./g, '-')}`;
  const invalid = (path: string): Invalid => (refusal?.field === path ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-refusal` } : {});

  // A refusal naming a field moves the focus there, so the administrator sees what to mend.
  useEffect(() => {
    if (refusal?.field) document.getElementById(fieldId(refusal.field))?.focus();
  }, [refusal]);

  const setAction = (key: number, action: ManualAction) => setRows(rows.map((r) => (r.key === key ? { key, action } : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    setRows(next);
  };
  const body = (): ManualEventBody => ({ name: name.trim(), groupIds, actions: rows.map((r) => r.action) });

  return (
    <form
      class="admin-form manual-event-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (await admin.save(event?.id ?? null, body())) onDone();
      }}
    >
      <h3 id={`${id}-title`}>{event ? `Edit ${event.name}` : 'New manual event'}</h3>
      {refusal ? (
        <p id={`${id}-refusal`} class="notice" role="alert">
          {refusal.message}{' '}
          <button type="button" class="link" onClick={() => admin.dismiss()}>
            Dismiss
          </button>
        </p>
      ) : null}
      <div class="field">
        <label for={fieldId('name')}>Name</label>
        <input id={fieldId('name')} type="text" maxLength={MAX_EVENT_NAME} autocomplete="off" value={name} {...invalid('name')} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <fieldset class="choices" id={fieldId('groupIds')} tabIndex={-1} {...invalid('groupIds')}>
        <legend>Groups that may use it</legend>
        {choices.groups.map((g) => (
          <label key={g.id} class="choice">
            <input
              type="checkbox"
              checked={groupIds.includes(g.id)}
              onChange={(e) => setGroupIds(e.currentTarget.checked ? [...groupIds, g.id] : groupIds.filter((x) => x !== g.id))}
            />{' '}
            {g.name}
          </label>
        ))}
      </fieldset>
      <fieldset class="action-fieldset" id={fieldId('actions')} tabIndex={-1} {...invalid('actions')}>
        <legend>Actions, in order ({rows.length} of at most {MAX_ACTIONS})</legend>
        {rows.length === 0 ? <p class="muted">No actions yet: add one below.</p> : null}
        <ol class="action-list">
          {rows.map((row, i) => (
            <li key={row.key} class="action-item">
              <fieldset>
                <legend>
                  Action {i + 1}: {ACTION_TITLES[row.action.type]}
                </legend>
                <ActionFields action={row.action} path={`actions.${i}`} fieldId={fieldId} invalid={invalid} choices={choices} onChange={(a) => setAction(row.key, a)} />
                <div class="action-moves">
                  <button type="button" class="small" disabled={i === 0} onClick={() => move(i, -1)}>
                    Move up<span class="sr-only"> action {i + 1}</span>
                  </button>{' '}
                  <button type="button" class="small" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                    Move down<span class="sr-only"> action {i + 1}</span>
                  </button>{' '}
                  <button type="button" class="small" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                    Remove<span class="sr-only"> action {i + 1}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <div class="action-add">
          <label for={`${id}-add`}>New action</label>{' '}
          <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(kindOf(e.currentTarget.value))}>
            {MANUAL_ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {ACTION_TITLES[k]}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            disabled={rows.length >= MAX_ACTIONS}
            onClick={() => {
              setRows([...rows, { key: nextKey, action: blankAction(adding, firstGroup) }]);
              setNextKey(nextKey + 1);
            }}
          >
            Add action
          </button>
        </div>
      </fieldset>
      <button type="submit" class="primary" disabled={admin.busy.value}>
        {event ? 'Save changes' : 'Create event'}
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          admin.dismiss();
          onDone();
        }}
      >
        Cancel
      </button>
    </form>
  );
}

function kindOf(value: string): ManualActionKind {
  return MANUAL_ACTION_KINDS.find((k) => k === value) ?? 'add-comment';
}

interface FieldsProps {
  action: ManualAction;
  path: string;
  fieldId(path: string): string;
  invalid(path: string): Invalid;
  choices: Choices;
  onChange(action: ManualAction): void;
}

/** The fields one kind of action needs. */
function ActionFields({ action, path, fieldId, invalid, choices, onChange }: FieldsProps) {
  const input = (key: string, label: string, value: string, set: (v: string) => void, options: { multiline?: boolean; hint?: string; type?: string } = {}) => {
    const at = `${path}.${key}`;
    return (
      <div class="field">
        <label for={fieldId(at)}>{label}</label>
        {options.multiline ? (
          <textarea id={fieldId(at)} rows={3} value={value} {...invalid(at)} onInput={(e) => set(e.currentTarget.value)} />
        ) : (
          <input id={fieldId(at)} type={options.type ?? 'text'} autocomplete="off" value={value} {...invalid(at)} onInput={(e) => set(e.currentTarget.value)} />
        )}
        {options.hint ? <p class="muted">{options.hint}</p> : null}
      </div>
    );
  };
  const select = (key: string, label: string, value: string, set: (v: string) => void, options: readonly { value: string; label: string }[]) => {
    const at = `${path}.${key}`;
    return (
      <div class="field">
        <label for={fieldId(at)}>{label}</label>
        <select id={fieldId(at)} value={value} {...invalid(at)} onChange={(e) => set(e.currentTarget.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  switch (action.type) {
    case 'add-comment':
      return (
        <>
          {select('kind', 'Comment kind', action.kind, (v) => onChange({ ...action, kind: ACTION_COMMENT_KINDS.find((k) => k === v) ?? 'general' }), ACTION_COMMENT_KINDS.map((k) => ({ value: k, label: COMMENT_LABELS[k] })))}
          {input('text', 'Comment', action.text, (text) => onChange({ ...action, text }), { multiline: true, hint: VARIABLES_HINT })}
        </>
      );
    case 'set-field':
      return (
        <>
          {select('key', 'Custom field', action.key, (key) => onChange({ ...action, key }), [
            { value: '', label: 'Choose a field…' },
            ...choices.fields.map((f) => ({ value: f.key, label: f.label })),
          ])}
          {input('value', 'Value', action.value, (value) => onChange({ ...action, value }), { hint: VARIABLES_HINT })}
        </>
      );
    case 'transfer': {
      const to = action.to;
      const groups = choices.groups.map((g) => ({ value: g.id, label: g.name }));
      const agents = choices.agents.filter((a) => !a.disabled).map((a) => ({ value: a.id, label: a.name }));
      return (
        <>
          {select('kind', 'Transfer to', to.kind, (kind) => onChange({ ...action, to: kind === 'agent' ? { kind: 'agent', agentId: agents[0]?.value ?? '' } : { kind: 'group', groupId: groups[0]?.value ?? '' } }), [
            { value: 'group', label: 'A group’s queue' },
            { value: 'agent', label: 'An agent' },
          ])}
          {to.kind === 'group'
            ? select('to', 'Group', to.groupId, (groupId) => onChange({ ...action, to: { kind: 'group', groupId } }), groups)
            : select('to', 'Agent (must be in the chat’s group when it runs)', to.agentId, (agentId) => onChange({ ...action, to: { kind: 'agent', agentId } }), agents)}
        </>
      );
    }
    case 'follow-up':
      return (
        <>
          {input('inMinutes', 'Due in (minutes)', String(action.inMinutes), (v) => onChange({ ...action, inMinutes: Number(v) }), { type: 'number' })}
          {input('comment', 'Follow-Up comment (optional)', action.comment, (comment) => onChange({ ...action, comment }), { multiline: true, hint: VARIABLES_HINT })}
        </>
      );
    case 'end-chat':
      return <p class="muted">Ends the chat (refused, and said so, where the caller may not end it).</p>;
    case 'send-email':
      return (
        <>
          {input('to', 'To', action.to, (to) => onChange({ ...action, to }), { hint: 'customer (the chat’s email address) or one address.' })}
          {input('subject', 'Subject', action.subject, (subject) => onChange({ ...action, subject }))}
          {input('body', 'Message', action.body, (body) => onChange({ ...action, body }), { multiline: true, hint: VARIABLES_HINT })}
        </>
      );
    case 'webhook':
      return input('url', 'Address', action.url, (url) => onChange({ ...action, url }), {
        type: 'url',
        hint: 'https://… (plain http only to 127.0.0.1 or localhost). A signed JSON POST, retried with backoff: docs/api.md.',
      });
  }
}
