// A question that needs a yes before something that cannot be undone (deleting chats). The
// server's refusal, if any, is shown by the caller; this dialog only asks.
import { Dialog } from './Dialog.tsx';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirm: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog title={props.title} onCancel={props.onCancel}>
      <p>{props.message}</p>
      <div class="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" class="danger" disabled={props.busy} onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
