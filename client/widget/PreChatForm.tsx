// The form a visitor fills in before a chat starts: name, email, group (unless the site or the
// live chat link chose it), the administrator's custom fields and the question. When nobody in the
// chosen group is online it says so and offers to leave a message instead.
import { useRef } from 'preact/hooks';
import { ContactFields, CoreField, CustomFields, focusFirstInvalid, QuestionField } from './FormFields.tsx';
import type { WidgetModel } from './model.ts';
import { EarlierChats } from './EarlierChats.tsx';

export function PreChatForm({ model }: { model: WidgetModel }) {
  const { form } = model;
  const config = form.config.value;
  const busy = model.busy.value;
  const ref = useRef<HTMLFormElement>(null);

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (!(await model.submit())) focusFirstInvalid(ref.current);
  }

  return (
    <form class="prechat" noValidate onSubmit={onSubmit} ref={ref}>
      <EarlierChats model={model} />
      <p class="prechat-intro">Tell us a little about yourself and we will connect you with someone from our team.</p>
      {form.linkGone.value ? (
        <p class="form-error" role="alert">
          This chat link does not exist any more. Please choose who you would like to talk to.
        </p>
      ) : null}
      {form.configError.value ? (
        <p class="form-error" role="alert">
          {form.configError.value}{' '}
          <button type="button" class="link" onClick={() => void form.load()}>
            Try again
          </button>
        </p>
      ) : null}

      <ContactFields form={form} />

      {form.groupFixed.value ? (
        form.errors.value.groupId ? <p class="form-error">{form.errors.value.groupId}</p> : null
      ) : (
        <CoreField form={form} field="groupId" label="Group">
          {(bind) => (
            <select {...bind} disabled={config === null}>
              {config === null ? (
                <option value="">{form.configError.value ? 'Unavailable' : 'Loading…'}</option>
              ) : (
                <>
                  <option value="">Choose a group…</option>
                  {config.groups.map((group) => (
                    <option key={group.id} value={group.id}>
                      {group.name}
                    </option>
                  ))}
                </>
              )}
            </select>
          )}
        </CoreField>
      )}

      {form.nobodyOnline.value ? (
        <div class="offline" role="status">
          <p>
            <strong>No one is available right now.</strong> Leave a message and we will answer by email, or start a chat and wait.
          </p>
          <button type="button" onClick={() => model.show('message')}>
            Leave a message
          </button>
        </div>
      ) : null}

      <CustomFields form={form} />
      <QuestionField form={form} label="Your question" />

      {form.formError.value ? (
        <p class="form-error" role="alert">
          {form.formError.value}
        </p>
      ) : null}

      <button type="submit" class="primary" disabled={busy !== null} aria-describedby="prechat-busy">
        Start chat
      </button>
      <p id="prechat-busy" class="busy" aria-live="polite">
        {busy ?? ''}
      </p>
    </form>
  );
}
