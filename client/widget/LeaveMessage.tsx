// The form for a message left while nobody in the group is online: name, email, the custom fields
// and the message (what was typed as the question carries over). The answer comes by email.
import { useRef } from 'preact/hooks';
import { focusFirstInvalid, ContactFields, CustomFields, QuestionField } from './FormFields.tsx';
import { useFocusOnMount } from './focus.ts';
import type { WidgetModel } from './model.ts';

export function LeaveMessage({ model }: { model: WidgetModel }) {
  const { form } = model;
  const busy = model.busy.value;
  const ref = useRef<HTMLFormElement>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const group = form.group.value?.name;

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (!(await model.sendMessage())) focusFirstInvalid(ref.current);
  }

  return (
    <form class="prechat" noValidate onSubmit={onSubmit} ref={ref} aria-labelledby="message-title">
      <h2 id="message-title" tabIndex={-1} ref={heading}>
        Leave a message
      </h2>
      <p class="prechat-intro">
        No one {group ? `from ${group} ` : ''}is available right now. Leave a message and we will answer by email.
      </p>
      <ContactFields form={form} />
      <CustomFields form={form} />
      <QuestionField form={form} label="Your message" />
      {form.formError.value ? (
        <p class="form-error" role="alert">
          {form.formError.value}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy !== null} aria-describedby="message-busy">
          Send message
        </button>
        <button type="button" onClick={() => model.show('form')}>
          Back
        </button>
      </div>
      <p id="message-busy" class="busy" aria-live="polite">
        {busy ?? ''}
      </p>
    </form>
  );
}
