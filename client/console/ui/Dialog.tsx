// A modal dialog on the platform's own <dialog>: showModal() traps focus, makes the page behind
// inert and closes on Escape (its `cancel` event, which we hand to the model so the model decides).
// The dialog is named by its heading; it opens when mounted and closes when unmounted.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface DialogProps {
  title: string;
  onCancel(): void;
  children: ComponentChildren;
  class?: string;
}

export function Dialog({ title, onCancel, children, class: className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
