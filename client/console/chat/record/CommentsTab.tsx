// The Comments tab: every comment as it stands, newest last, with its kind, author and time, and
// for the comments this person may change (their own; anyone's for a manager or administrator)
// Edit and Delete in place. Staff only, like everything about comments.
import { useState } from 'preact/hooks';
import { mayChangeComment } from '../../../../objects/rules/comments.ts';
import type { ChatComment, StaffRank } from '../../../../objects/protocol.ts';
import { supervises } from '../../../../objects/rules/ranks.ts';
import { formatStarted } from '../../ui/time.ts';
import { COMMENT_LABELS } from '../../../../objects/rules/comments.ts';
import type { OpenChat } from '../chat.ts';

export function CommentsTab({ chat, me, now }: { chat: OpenChat; me: { id: string; name: string; role: StaffRank }; now: number }) {
  const comments = chat.comments.value;
  const actor = { person: { role: 'agent' as const, id: me.id, name: me.name }, supervisor: supervises(me.role) };
  return (
    <ol class="comments" aria-label="Comments">
      {comments.map((c) => (
        <CommentItem key={c.id} chat={chat} comment={c} now={now} canChange={mayChangeComment(c, actor)} />
      ))}
    </ol>
  );
}

export function CommentMeta({ comment, now }: { comment: ChatComment; now: number }) {
  const target = comment.forTarget ? (comment.forTarget.kind === 'group' ? comment.forTarget.groupName : comment.forTarget.agent.name) : null;
  return (
    <p class="comment-meta">
      <span class={`comment-kind kind-${comment.kind}`}>{COMMENT_LABELS[comment.kind]}</span> {comment.by.name} ·{' '}
      <time dateTime={new Date(comment.at).toISOString()}>{formatStarted(comment.at, now)}</time>
      {target ? ` · for ${target}` : ''}
      {comment.dueAt !== null ? ` · due ${formatStarted(comment.dueAt, now)}` : ''}
      {comment.editedBy ? ` · edited by ${comment.editedBy.name}` : ''}
    </p>
  );
}

function CommentItem({ chat, comment, now, canChange }: { chat: OpenChat; comment: ChatComment; now: number; canChange: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function act(call: () => Promise<string | null>): Promise<void> {
    setBusy(true);
    const problem = await call();
    setBusy(false);
    setError(problem);
    if (problem === null) setDraft(null);
  }
  return (
    <li class={`comment comment-${comment.kind}`} data-comment-id={comment.id}>
      <CommentMeta comment={comment} now={now} />
      {draft === null ? (
        <p class="comment-text">{comment.text}</p>
      ) : (
        <form
          class="comment-edit"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => chat.editComment(comment.id, draft));
          }}
        >
          <label class="sr-only" for={`edit-${comment.id}`}>
            Comment text
          </label>
          <textarea id={`edit-${comment.id}`} rows={3} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          <div class="dialog-actions">
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy || draft.trim() === ''}>
              Save
            </button>
          </div>
        </form>
      )}
      {canChange && draft === null ? (
        <p class="comment-actions">
          <button type="button" class="link" onClick={() => setDraft(comment.text)}>
            Edit
          </button>{' '}
          <button type="button" class="link" disabled={busy} onClick={() => void act(() => chat.deleteComment(comment.id))}>
            Delete
          </button>
        </p>
      ) : null}
      {error ? (
        <p class="notice" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
