// The end of every dialog form: what was refused (the form's own check or the server's words) in
// an alert, then Cancel (or Close) and the submit button, which says what it is doing while busy.
// Extra buttons (Clear follow-up) come before Cancel.
import type { ComponentChildren } from 'preact';

export interface FormActionsProps {
  problem?: string | null;
  /** The dismissing button's word (Cancel unless the form's work is done: Close). */
  cancel?: string;
  onCancel(): void;
  submit: string;
  /** The submit button's words while the work is under way. */
  busyLabel?: string;
  busy: boolean;
  /** The submit button is off for another reason too (nothing chosen yet). */
  disabled?: boolean;
  children?: ComponentChildren;
}

export function FormActions(props: FormActionsProps) {
  return (
    <>
      {props.problem ? (
        <p class="notice" role="alert">
          {props.problem}
        </p>
      ) : null}
      <div class="dialog-actions">
        {props.children}
        <button type="button" onClick={props.onCancel}>
          {props.cancel ?? 'Cancel'}
        </button>
        <button type="submit" class="primary" disabled={props.busy || props.disabled}>
          {props.busy ? (props.busyLabel ?? props.submit) : props.submit}
        </button>
      </div>
    </>
  );
}
