// Add → Comment: the seed's five kinds (General, Resolution, Transfer, Follow-Up, Sticky), the
// text, and for a Follow-Up comment the time it falls due (which schedules the chat's follow-up).
// The choice is this form's own state; the chat's model adds the comment and shows a refusal here.
import { useId, useState } from 'preact/hooks';
import { COMMENT_KINDS, type CommentKind, MAX_COMMENT_LENGTH } from '../../../../objects/protocol.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { fromLocalInput, toLocalInput } from '../../ui/time.ts';
import { COMMENT_LABELS } from '../../../../objects/rules/comments.ts';
import type { NewComment } from '../chat.ts';

/** A new Follow-Up comment is offered for this far ahead. */
const SUGGESTED_DELAY_MS = 24 * 60 * 60 * 1000;

const HINTS: Record<CommentKind, string> = {
  general: 'A note about the chat or the customer.',
  resolution: 'How the problem was solved: suggested to colleagues for similar chats later.',
  transfer: 'For whoever receives this chat next.',
  'follow-up': 'Schedules the chat’s follow-up; you are told when it falls due.',
  sticky: 'Pinned at the top of the chat for everyone on staff who opens it.',
};

export interface CommentDialogProps {
  now: number;
  busy: boolean;
  error: string | null;
  onSave(comment: NewComment): void;
  onCancel(): void;
}

export function CommentDialog(props: CommentDialogProps) {
  const [kind, setKind] = useState<CommentKind>('general');
  const [text, setText] = useState('');
  const [due, setDue] = useState(() => toLocalInput(props.now + SUGGESTED_DELAY_MS));
  const [problem, setProblem] = useState<string | null>(null);
  const kindId = useId();
  const textId = useId();
  const dueId = useId();
  const hintId = useId();
  return (
    <Dialog title="Add comment" onCancel={props.onCancel}>
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (props.busy) return;
          if (text.trim() === '') return setProblem('Write the comment first.');
          const dueAt = kind === 'follow-up' ? fromLocalInput(due) : null;
          if (kind === 'follow-up' && (dueAt === null || dueAt <= Date.now())) return setProblem('A follow-up is a date and time in the future.');
          setProblem(null);
          props.onSave({ kind, text, dueAt });
        }}
      >
        <div class="field">
          <label for={kindId}>Type</label>
          <select id={kindId} value={kind} aria-describedby={hintId} onChange={(e) => setKind(e.currentTarget.value as CommentKind)}>
            {COMMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {COMMENT_LABELS[k]}
              </option>
            ))}
          </select>
          <span class="hint" id={hintId}>
            {HINTS[kind]} Only staff see comments.
          </span>
        </div>
        <div class="field">
          <label for={textId}>Comment</label>
          <textarea id={textId} rows={4} maxLength={MAX_COMMENT_LENGTH} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        {kind === 'follow-up' ? (
          <div class="field">
            <label for={dueId}>Follow-up due</label>
            <input id={dueId} type="datetime-local" value={due} min={toLocalInput(props.now)} onInput={(e) => setDue(e.currentTarget.value)} />
          </div>
        ) : null}
        <FormActions problem={problem ?? props.error} onCancel={props.onCancel} submit="Add comment" busyLabel="Adding…" busy={props.busy} />
      </form>
    </Dialog>
  );
}
