// The form a visitor fills in before a chat starts: name, email, group and first question, each
// with its label and its own error message. It reads the model's signals and calls its actions.
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';
import type { PreChatField } from './validation.ts';
import type { WidgetModel } from './model.ts';

const fieldId = (field: PreChatField) => `prechat-${field}`;

export function PreChatForm({ model }: { model: WidgetModel }) {
  const values = model.values.value;
  const errors = model.errors.value;
  const groups = model.groups.value;
  const groupsError = model.groupsError.value;
  const submitting = model.submitting.value;

  /** The attributes that tie a control to its label and error message. */
  function control(field: PreChatField) {
    const error = errors[field];
    return {
      id: fieldId(field),
      name: field,
      required: true,
      'aria-invalid': error !== undefined,
      'aria-describedby': error !== undefined ? `${fieldId(field)}-error` : undefined,
      value: values[field],
      onInput: (event: Event) => {
        const target = event.currentTarget;
        if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
          model.setField(field, target.value);
        }
      },
    };
  }

  function errorFor(field: PreChatField) {
    const error = errors[field];
    return error === undefined ? null : (
      <p id={`${fieldId(field)}-error`} class="field-error">
        {error}
      </p>
    );
  }

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const invalid = await model.submit();
    if (invalid !== null) document.getElementById(fieldId(invalid))?.focus();
  }

  return (
    <form class="prechat" noValidate onSubmit={onSubmit}>
      <p class="prechat-intro">
        Tell us a little about yourself and we will connect you with someone from our team.
      </p>

      <div class="field">
        <label for={fieldId('name')}>Your name</label>
        <input type="text" autocomplete="name" maxLength={100} {...control('name')} />
        {errorFor('name')}
      </div>

      <div class="field">
        <label for={fieldId('email')}>Email</label>
        <input type="email" autocomplete="email" inputMode="email" maxLength={254} {...control('email')} />
        {errorFor('email')}
      </div>

      <div class="field">
        <label for={fieldId('groupId')}>Group</label>
        <select {...control('groupId')} disabled={groups === null}>
          {groups === null ? (
            <option value="">{groupsError ? 'Unavailable' : 'Loading…'}</option>
          ) : (
            <>
              <option value="">Choose a group…</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </>
          )}
        </select>
        {errorFor('groupId')}
        {groupsError ? (
          <p class="field-error" role="alert">
            {groupsError}{' '}
            <button type="button" class="link" onClick={() => void model.loadGroups()}>
              Try again
            </button>
          </p>
        ) : null}
      </div>

      <div class="field">
        <label for={fieldId('question')}>Your question</label>
        <textarea rows={4} maxLength={MAX_TEXT_LENGTH} {...control('question')} />
        {errorFor('question')}
      </div>

      {model.submitError.value ? (
        <p class="form-error" role="alert">
          {model.submitError.value}
        </p>
      ) : null}

      <button type="submit" class="primary" disabled={submitting} aria-describedby={submitting ? 'prechat-busy' : undefined}>
        Start chat
      </button>
      <p id="prechat-busy" class="prechat-busy" aria-live="polite">
        {submitting ? 'Starting your chat…' : ''}
      </p>
    </form>
  );
}
