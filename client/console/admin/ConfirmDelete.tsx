// The one way the Administration page confirms a deletion: the confirm button takes the focus;
// once deleted the row leaves the list, and on a refusal the question closes while the section's
// alert says why.
import { useFocusOnMount } from './useFocusOnMount.ts';

export function ConfirmDelete({
  name,
  what,
  busy,
  onDelete,
  onClose,
}: {
  /** What is being deleted, as people call it ("Returns link"). */
  name: string;
  /** What the button names ("link" → "Delete link"). */
  what: string;
  busy: boolean;
  /** Resolves to true once deleted, false when the server refused. */
  onDelete(): Promise<boolean>;
  onClose(): void;
}) {
  const confirm = useFocusOnMount<HTMLButtonElement>();
  return (
    <span class="confirm" role="group" aria-label={`Delete ${name}?`}>
      <button
        ref={confirm}
        type="button"
        class="danger"
        disabled={busy}
        onClick={async () => {
          if (!(await onDelete())) onClose();
        }}
      >
        Delete {what}
      </button>
      <button type="button" onClick={onClose}>
        Keep it
      </button>
    </span>
  );
}
