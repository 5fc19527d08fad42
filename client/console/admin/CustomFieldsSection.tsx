// The "Custom fields" section: the pre-chat form's extra fields (key, label, type, required,
// options), each with Delete after a confirmation, and a form for a new one; a select field's
// options are typed one a line.
import { useId, useState } from 'preact/hooks';
import type { CustomField, CustomFieldType } from '../../shared/api.ts';
import type { ContentModel } from './content.ts';
import { checkNewField, lines, type NewFieldForm } from './content-rules.ts';
import { Refusal } from './Refusal.tsx';
import { ConfirmDelete } from './ConfirmDelete.tsx';

const TYPE_LABELS: Record<CustomFieldType, string> = { text: 'Text', number: 'Number', select: 'Select (a list)' };
const TYPES: readonly CustomFieldType[] = ['text', 'number', 'select'];

export function CustomFieldsSection({ content }: { content: ContentModel }) {
  const fields = content.fields.value;
  return (
    <section class="admin-section" aria-labelledby="admin-fields">
      <h2 id="admin-fields">Custom fields</h2>
      <Refusal error={content.errors.fields} />
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="sr-only">Custom fields</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Label</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Options</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <FieldRow key={field.key} content={content} field={field} />
            ))}
            {fields.length === 0 ? (
              <tr class="empty">
                <td colSpan={6}>{content.loaded.value ? 'No custom fields yet.' : 'Loading…'}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <AddFieldForm content={content} />
    </section>
  );
}

function FieldRow({ content, field }: { content: ContentModel; field: CustomField }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-field-key={field.key}>
      <th scope="row">{field.key}</th>
      <td>{field.label}</td>
      <td>{TYPE_LABELS[field.type]}</td>
      <td>{field.required ? 'Yes' : 'No'}</td>
      <td>{field.options.join(', ') || <span class="muted">—</span>}</td>
      <td>
        {confirming ? (
          <ConfirmDelete
            name={field.label}
            what="field"
            busy={content.busy.value}
            onDelete={() => content.deleteField(field)}
            onClose={() => setConfirming(false)}
          />
        ) : (
          <button type="button" disabled={content.busy.value} onClick={() => setConfirming(true)}>
            Delete<span class="sr-only"> {field.label}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

const EMPTY: NewFieldForm = { key: '', label: '', type: 'text', required: false, options: '' };

function AddFieldForm({ content }: { content: ContentModel }) {
  const id = useId();
  const [form, setForm] = useState<NewFieldForm>(EMPTY);
  const [errors, setErrors] = useState<{ key?: string; label?: string; options?: string }>({});
  const set = (patch: Partial<NewFieldForm>) => setForm((f) => ({ ...f, ...patch }));
  const described = (key: 'key' | 'label' | 'options') => ({
    'aria-invalid': errors[key] ? ('true' as const) : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const error = (key: 'key' | 'label' | 'options') =>
    errors[key] ? (
      <p id={`${id}-${key}-error`} class="field-error">
        {errors[key]}
      </p>
    ) : null;
  return (
    <form
      class="admin-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const problems = checkNewField(form);
        setErrors(problems);
        const first = (['key', 'label', 'options'] as const).find((k) => problems[k]);
        if (first) return document.getElementById(`${id}-${first}`)?.focus();
        const field: CustomField = {
          key: form.key.trim(),
          label: form.label.trim(),
          type: form.type,
          required: form.required,
          options: form.type === 'select' ? lines(form.options) : [],
        };
        if (await content.addField(field)) setForm(EMPTY);
      }}
    >
      <h3 id={`${id}-title`}>New custom field</h3>
      <div class="field">
        <label for={`${id}-key`}>Key</label>
        <input id={`${id}-key`} type="text" autocomplete="off" spellcheck={false} value={form.key} {...described('key')} onInput={(e) => set({ key: e.currentTarget.value })} />
        {error('key')}
      </div>
      <div class="field">
        <label for={`${id}-label`}>Label</label>
        <input id={`${id}-label`} type="text" autocomplete="off" value={form.label} {...described('label')} onInput={(e) => set({ label: e.currentTarget.value })} />
        {error('label')}
      </div>
      <div class="field">
        <label for={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={form.type} onChange={(e) => {
            const value = e.currentTarget.value;
            const type = TYPES.find((t) => t === value);
            if (type) set({ type });
          }}>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <label class="choice">
        <input type="checkbox" checked={form.required} onChange={(e) => set({ required: e.currentTarget.checked })} /> Required
      </label>
      <div class="field">
        <label for={`${id}-options`}>Options</label>
        <textarea
          id={`${id}-options`}
          rows={3}
          value={form.options}
          disabled={form.type !== 'select'}
          {...described('options')}
          onInput={(e) => set({ options: e.currentTarget.value })}
        />
        <p class="muted">One per line; for a select field.</p>
        {error('options')}
      </div>
      <button type="submit" class="primary" disabled={content.busy.value}>
        Add field
      </button>
    </form>
  );
}
