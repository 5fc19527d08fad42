// Canned Replies (from the account menu): the replies this person may change, in a table, and a
// form to write one — its scope (the ones their role may write in), group, folder, title,
// shortcut, text with its variables, and files. A refusal (an unknown variable, a shortcut taken)
// is shown in the form, beside the input it is about; nothing is saved until it is fixed.
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { formatSize, ALLOWED_FILE_TYPES } from '../../../objects/rules/files.ts';
import { FIELD_PREFIX, MAX_CANNED_BODY, MAX_CANNED_FOLDER, MAX_CANNED_TITLE, MAX_SHORTCUT_LENGTH, SCOPE_LABELS, VARIABLES, writableScopes } from '../../../objects/rules/canned.ts';
import type { StaffRank } from '../../../objects/protocol.ts';
import type { CannedReply } from '../../../worker/canned/wire.ts';
import type { Group } from '../../shared/api.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';
import { loadFieldDefinitions } from '../chat/field-definitions.ts';
import type { CustomField } from '../../../objects/rules/fields.ts';
import { scopeText } from './CannedPicker.tsx';
import { createCannedManager, emptyForm, type CannedManager, type FormField, formOf, type ReplyForm } from './manage.ts';
import './canned.css';

export interface CannedManagerProps {
  me: { id: string; role: StaffRank };
  /** The groups a group reply may be for (the person's own). */
  groups: readonly Group[];
  onClose(): void;
}

type Editing = { reply: CannedReply | null } | null;

export function CannedManagerDialog({ me, groups, onClose }: CannedManagerProps) {
  const manager = useMemo(() => createCannedManager(), []);
  useEffect(() => void manager.load(), [manager]);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const replies = manager.replies.value;

  return (
    <Dialog title="Canned Replies" class="canned-manager" onCancel={editing ? () => setEditing(null) : onClose}>
      <p class="sr-only" role="status">
        {manager.announcement.value}
      </p>
      {editing ? (
        <ReplyFormView manager={manager} me={me} groups={groups} existing={editing.reply} onDone={() => setEditing(null)} />
      ) : (
        <div class="dialog-form">
          <p class="hint">
            Shared replies are written by administrators, a group’s by its managers, and yours by you. Type <code>#</code> and a shortcut in a reply box to
            insert one, or use Canned reply… beside it.
          </p>
          {manager.problem.value ? (
            <p class="notice" role="alert">
              {manager.problem.value}
            </p>
          ) : null}
          <table class="canned-table">
            <caption class="sr-only">Canned replies you may change</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Shortcut</th>
                <th scope="col">Folder</th>
                <th scope="col">For</th>
                <th scope="col">Files</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {replies.map((reply) => (
                <tr key={reply.id} data-reply-id={reply.id}>
                  <th scope="row">{reply.title}</th>
                  <td>{reply.shortcut ? <span class="shortcut-key">#{reply.shortcut}</span> : '—'}</td>
                  <td>{reply.folder || '—'}</td>
                  <td>{scopeText(reply)}</td>
                  <td>{reply.files.length}</td>
                  <td>
                    <button type="button" aria-label={`Edit ${reply.title}`} onClick={() => setEditing({ reply })}>
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      class="danger"
                      aria-label={`Delete ${reply.title}`}
                      onClick={() => {
                        setDeleteProblem(null);
                        setDeleting(reply);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
              {replies.length === 0 ? (
                <tr>
                  <td colSpan={6}>{manager.loaded.value ? 'No canned replies you may change yet.' : 'Loading…'}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {deleteProblem ? (
            <p class="notice" role="alert">
              {deleteProblem}
            </p>
          ) : null}
          <div class="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" class="primary" onClick={() => setEditing({ reply: null })}>
              New canned reply
            </button>
          </div>
        </div>
      )}
      {deleting ? (
        <ConfirmDialog
          title="Delete this canned reply?"
          message={`“${deleting.title}” and its files will be gone for everyone who uses it.`}
          confirm="Delete"
          busy={false}
          onConfirm={async () => {
            const refused = await manager.remove(deleting);
            setDeleting(null);
            setDeleteProblem(refused);
          }}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </Dialog>
  );
}

function ReplyFormView(props: { manager: CannedManager; me: CannedManagerProps['me']; groups: readonly Group[]; existing: CannedReply | null; onDone(): void }) {
  const { manager, me, groups } = props;
  const scopes = writableScopes(me.role);
  const [existing, setExisting] = useState(props.existing);
  const [form, setForm] = useState<ReplyForm>(() => (existing ? formOf(existing) : emptyForm(scopes[0]!, groups[0]?.id ?? '')));
  const [refusal, setRefusal] = useState<{ message: string; field: FormField } | null>(null);
  const [fields, setFields] = useState<CustomField[]>([]);
  useEffect(() => void loadFieldDefinitions().then(setFields), []);
  const id = useId();
  const set = (change: Partial<ReplyForm>) => setForm({ ...form, ...change });
  const invalid = (field: FormField) => (refusal?.field === field ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {});
  const folders = [...new Set(manager.replies.value.map((r) => r.folder).filter((f) => f !== ''))].sort();
  const kept = existing?.files.filter((f) => !form.removeFileIds.includes(f.id)) ?? [];

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setRefusal(null);
    const outcome = await manager.save(form, existing);
    if (outcome.ok) return props.onDone();
    setRefusal({ message: outcome.message, field: outcome.field });
    // Saved in part (the text, not every file): go on editing what was saved.
    if (outcome.reply && outcome.reply !== existing) {
      setExisting(outcome.reply);
      setForm({ ...formOf(outcome.reply) });
    }
  }

  return (
    <form class="dialog-form canned-form" onSubmit={(event) => void submit(event)} aria-label={existing ? `Edit ${existing.title}` : 'New canned reply'}>
      <h3>{existing ? `Edit “${existing.title}”` : 'New canned reply'}</h3>
      {existing ? (
        <p class="hint">{scopeText(existing)}</p>
      ) : scopes.length === 1 ? (
        <p class="hint">Just for you: only you see and use it.</p>
      ) : (
        <fieldset class="choice">
          <legend class="sr-only">For</legend>
          {scopes.map((scope) => (
            <label key={scope}>
              <input type="radio" name={`${id}-scope`} value={scope} checked={form.scope === scope} onChange={() => set({ scope })} />{' '}
              {scope === 'personal' ? 'Just me' : scope === 'group' ? 'A group' : `${SCOPE_LABELS.shared} (everyone)`}
            </label>
          ))}
        </fieldset>
      )}
      {!existing && form.scope === 'group' ? (
        <div class="field">
          <label for={`${id}-group`}>Group</label>
          <select id={`${id}-group`} value={form.groupId} onChange={(e) => set({ groupId: e.currentTarget.value })} {...invalid('groupId')}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={form.title} maxLength={MAX_CANNED_TITLE} required onInput={(e) => set({ title: e.currentTarget.value })} {...invalid('title')} />
      </div>
      <div class="field">
        <label for={`${id}-folder`}>
          Folder <span class="hint">(optional)</span>
        </label>
        <input id={`${id}-folder`} list={`${id}-folders`} value={form.folder} maxLength={MAX_CANNED_FOLDER} onInput={(e) => set({ folder: e.currentTarget.value })} />
        <datalist id={`${id}-folders`}>
          {folders.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for={`${id}-shortcut`}>
          Shortcut <span class="hint">(optional: typed after # in the reply box; letters, digits, _ and -)</span>
        </label>
        <input
          id={`${id}-shortcut`}
          value={form.shortcut}
          maxLength={MAX_SHORTCUT_LENGTH + 1}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => set({ shortcut: e.currentTarget.value })}
          {...invalid('shortcut')}
        />
      </div>
      <div class="field">
        <label for={`${id}-body`}>Text</label>
        <textarea
          id={`${id}-body`}
          value={form.body}
          maxLength={MAX_CANNED_BODY}
          required
          aria-describedby={refusal?.field === 'body' ? `${id}-problem ${id}-variables` : `${id}-variables`}
          aria-invalid={refusal?.field === 'body' ? true : undefined}
          onInput={(e) => set({ body: e.currentTarget.value })}
        />
        <p id={`${id}-variables`} class="canned-variables">
          Filled in when the reply is inserted:{' '}
          {[...Object.keys(VARIABLES), ...fields.map((f) => `${FIELD_PREFIX}${f.key}`)].map((v, i) => (
            <span key={v}>
              {i > 0 ? ', ' : ''}
              <code>{`{{${v}}}`}</code>
            </span>
          ))}
          ; a fallback after a bar is used when there is no value: <code>{'{{customer.first_name|there}}'}</code>.
        </p>
      </div>
      <div class="field">
        <label for={`${id}-files`}>
          Files <span class="hint">(sent with the reply; at most 5)</span>
        </label>
        {kept.length > 0 || form.addFiles.length > 0 ? (
          <ul class="canned-form-files" aria-label="Files of this reply">
            {kept.map((f) => (
              <li key={f.id} class="chip">
                {f.filename} <span class="hint">{formatSize(f.size)}</span>
                <button type="button" class="chip-remove" aria-label={`Remove ${f.filename}`} onClick={() => set({ removeFileIds: [...form.removeFileIds, f.id] })}>
                  ×
                </button>
              </li>
            ))}
            {form.addFiles.map((f, i) => (
              <li key={`new-${i}`} class="chip">
                {f.name} <span class="hint">{formatSize(f.size)}</span>
                <button type="button" class="chip-remove" aria-label={`Remove ${f.name}`} onClick={() => set({ addFiles: form.addFiles.filter((x) => x !== f) })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={`${id}-files`}
          type="file"
          multiple
          accept={ALLOWED_FILE_TYPES.join(',')}
          {...invalid('files')}
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            set({ addFiles: [...form.addFiles, ...picked] });
          }}
        />
      </div>
      {refusal ? (
        <p id={`${id}-problem`} class="notice" role="alert">
          {refusal.message}
        </p>
      ) : null}
      <FormActions onCancel={props.onDone} submit={existing ? 'Save' : 'Create'} busyLabel="Saving…" busy={manager.saving.value} />
    </form>
  );
}
