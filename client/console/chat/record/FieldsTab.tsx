// The Custom Fields tab: the chat's fields (the pre-chat form's answers, a live chat link's
// presets, staff's edits) under the labels the administrator gave them, and an Edit form that
// offers each defined field by its type. The server checks the edit with the form's own rules
// and names the field it refuses.
import { useState } from 'preact/hooks';
import type { CustomField } from '../../../../objects/rules/fields.ts';
import type { OpenChat } from '../chat.ts';
import { FormActions } from '../../ui/FormActions.tsx';

export function FieldsTab({ chat, fields }: { chat: OpenChat; fields: Readonly<Record<string, string>> }) {
  const defs = chat.fieldDefs.value;
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const undefinedKeys = Object.keys(fields).filter((k) => !defs.some((d) => d.key === k));

  if (draft !== null) {
    return (
      <form
        class="fields-edit dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const changed = Object.fromEntries(Object.entries(draft).filter(([k, v]) => (fields[k] ?? '') !== v));
          if (Object.keys(changed).length === 0) return setDraft(null);
          setBusy(true);
          const problem = await chat.saveFields(changed);
          setBusy(false);
          setError(problem);
          if (problem === null) setDraft(null);
        }}
      >
        {defs.map((def) => (
          <FieldInput key={def.key} def={def} value={draft[def.key] ?? ''} onInput={(v) => setDraft({ ...draft, [def.key]: v })} />
        ))}
        <FormActions problem={error} onCancel={() => setDraft(null)} submit="Save fields" busyLabel="Saving…" busy={busy} />
      </form>
    );
  }
  return (
    <div class="fields-tab">
      <dl class="fields-list">
        {defs
          .filter((d) => (fields[d.key] ?? '') !== '')
          .map((d) => (
            <div key={d.key} data-field={d.key}>
              <dt>{d.label}</dt>
              <dd>{fields[d.key]}</dd>
            </div>
          ))}
        {undefinedKeys.map((k) => (
          <div key={k} data-field={k}>
            <dt>{k}</dt>
            <dd>{fields[k]}</dd>
          </div>
        ))}
      </dl>
      {defs.length > 0 ? (
        <button type="button" onClick={() => setDraft(Object.fromEntries(defs.map((d) => [d.key, fields[d.key] ?? ''])))}>
          Edit fields
        </button>
      ) : null}
      {error ? <p class="notice">{error}</p> : null}
    </div>
  );
}

function FieldInput({ def, value, onInput }: { def: CustomField; value: string; onInput(value: string): void }) {
  const id = `field-edit-${def.key}`;
  return (
    <div class="field">
      <label for={id}>
        {def.label}
        {def.required ? ' (required)' : ''}
      </label>
      {def.type === 'select' ? (
        <select id={id} value={value} onChange={(e) => onInput(e.currentTarget.value)}>
          <option value="">—</option>
          {def.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} type="text" inputMode={def.type === 'number' ? 'decimal' : undefined} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
    </div>
  );
}
