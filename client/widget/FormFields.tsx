// The controls both visitor forms use (pre-chat and leave-a-message): name, email, the question
// or message, and the administrator's custom fields, each tied to its label and to its own error
// message (aria-invalid, aria-describedby). They read the form model and call its actions.
import type { JSX } from 'preact';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';
import { MAX_FIELD_LENGTH } from '../../objects/rules/fields.ts';
import type { CustomField } from './custom-fields.ts';
import type { FormModel } from './form-model.ts';
import type { PreChatField } from './validation.ts';

const controlId = (field: string) => `prechat-${field}`;
const customId = (key: string) => `prechat-field-${key}`;

/** The value of whichever control fired the event. */
function valueOf(event: Event): string | null {
  const target = event.currentTarget;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement ? target.value : null;
}

function errorProps(id: string, error: string | undefined) {
  return { id, 'aria-invalid': error !== undefined, 'aria-describedby': error !== undefined ? `${id}-error` : undefined };
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error === undefined ? null : (
    <p id={`${id}-error`} class="field-error">
      {error}
    </p>
  );
}

/** One of the form's own fields (name, email, group, question), every one required. */
export function CoreField(props: { form: FormModel; field: PreChatField; label: string; children: (bind: CoreBind) => JSX.Element }) {
  const { form, field } = props;
  const id = controlId(field);
  const error = form.errors.value[field];
  const bind: CoreBind = {
    ...errorProps(id, error),
    name: field,
    required: true,
    value: form.values.value[field],
    onInput: (event: Event) => {
      const value = valueOf(event);
      if (value !== null) form.setField(field, value);
    },
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children(bind)}
      <ErrorText id={id} error={error} />
    </div>
  );
}
type CoreBind = ReturnType<typeof errorProps> & { name: string; required: true; value: string; onInput: (event: Event) => void };

export function ContactFields({ form }: { form: FormModel }) {
  return (
    <>
      <CoreField form={form} field="name" label="Your name">
        {(bind) => <input type="text" autocomplete="name" maxLength={100} {...bind} />}
      </CoreField>
      <CoreField form={form} field="email" label="Email">
        {(bind) => <input type="email" autocomplete="email" inputMode="email" maxLength={254} readOnly={form.signedIn} {...bind} />}
      </CoreField>
      {form.signedIn ? <p class="hint">You are signed in on our website, so we know this address is yours.</p> : null}
    </>
  );
}

export function QuestionField({ form, label }: { form: FormModel; label: string }) {
  return (
    <CoreField form={form} field="question" label={label}>
      {(bind) => <textarea rows={4} maxLength={MAX_TEXT_LENGTH} {...bind} />}
    </CoreField>
  );
}

/** The custom fields not preset by the site or the link, in the administrator's order. */
export function CustomFields({ form }: { form: FormModel }) {
  return (
    <>
      {form.fields.value.map((def) => (
        <CustomInput key={def.key} form={form} def={def} />
      ))}
    </>
  );
}

function CustomInput({ form, def }: { form: FormModel; def: CustomField }) {
  const id = customId(def.key);
  const error = form.fieldErrors.value[def.key];
  const bind = {
    ...errorProps(id, error),
    name: def.key,
    required: def.required,
    value: form.custom.value[def.key] ?? '',
    onInput: (event: Event) => {
      const value = valueOf(event);
      if (value !== null) form.setCustom(def.key, value);
    },
  };
  return (
    <div class="field">
      <label for={id}>
        {def.label}
        <span class="field-hint">{def.required ? ' (required)' : ' (optional)'}</span>
      </label>
      {def.type === 'select' ? (
        <select {...bind}>
          <option value="">Choose…</option>
          {def.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input type="text" inputMode={def.type === 'number' ? 'decimal' : undefined} maxLength={MAX_FIELD_LENGTH} {...bind} />
      )}
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** Puts focus on the first control the form marked invalid (after a refused submit). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
