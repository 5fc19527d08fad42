// The pane's Follow-up: pick when the chat needs attention again (a date and time in this
// browser's time zone), or clear the one scheduled. The server refuses a time in the past.
import { useId, useState } from 'preact/hooks';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';
import { fromLocalInput, toLocalInput } from '../ui/time.ts';

/** A new follow-up is offered for this far ahead. */
const SUGGESTED_DELAY_MS = 24 * 60 * 60 * 1000;

export interface FollowUpDialogProps {
  current: number | null;
  now: number;
  busy: boolean;
  error: string | null;
  onSave(at: number | null): void;
  onCancel(): void;
}

export function FollowUpDialog(props: FollowUpDialogProps) {
  const [value, setValue] = useState(() => toLocalInput(props.current ?? props.now + SUGGESTED_DELAY_MS));
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  return (
    <Dialog title="Follow-up" onCancel={props.onCancel}>
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          const at = fromLocalInput(value);
          setInvalid(at === null);
          if (at !== null) props.onSave(at);
        }}
      >
        <div class="field">
          <label for={inputId}>Follow-up due</label>
          <input
            id={inputId}
            type="datetime-local"
            value={value}
            min={toLocalInput(props.now)}
            aria-invalid={invalid ? 'true' : undefined}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
        </div>
        <FormActions problem={invalid ? 'Enter a date and time.' : props.error} onCancel={props.onCancel} submit="Save" busy={props.busy}>
          {props.current !== null ? (
            <button type="button" disabled={props.busy} onClick={() => props.onSave(null)}>
              Clear follow-up
            </button>
          ) : null}
        </FormActions>
      </form>
    </Dialog>
  );
}
