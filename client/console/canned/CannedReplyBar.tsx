// Above the reply box: "Canned reply…" (the picker), the files of the replies inserted, queued to
// go with the next Send (each a chip the agent can remove), and what went wrong. When the picker
// closes, focus goes back to the reply box with its cursor after what was inserted.
import { useRef } from 'preact/hooks';
import { formatSize } from '../../../objects/rules/files.ts';
import type { OpenChat } from '../chat/chat.ts';
import { CannedPicker } from './CannedPicker.tsx';
import { cannedOf, type ChatCanned } from './chat-canned.ts';
import './canned.css';

export function CannedReplyBar({ chat, disabled }: { chat: OpenChat; disabled: boolean }) {
  const canned = cannedOf(chat);
  const root = useRef<HTMLDivElement>(null);
  const problem = canned.problem.value;
  const open = canned.pickerOpen.value;

  function backToBox(): void {
    const box = root.current?.closest('.composers')?.querySelector<HTMLTextAreaElement>('.composer.reply textarea');
    if (!box || box.disabled) return;
    box.focus();
    const { start, end } = canned.draft.selection.value;
    box.setSelectionRange(start, end);
  }

  return (
    <div class="canned-bar" ref={root}>
      <button type="button" disabled={disabled} aria-haspopup="dialog" onClick={() => canned.openPicker()}>
        Canned reply…
      </button>
      <QueuedFiles canned={canned} />
      {problem && !open ? (
        <p class="notice" role="alert">
          {problem}{' '}
          <button type="button" class="link" onClick={() => canned.dismissProblem()}>
            Dismiss
          </button>
        </p>
      ) : null}
      <p class="sr-only" role="status">
        {canned.announcement.value}
      </p>
      {open ? (
        <CannedPicker
          canned={canned}
          onClose={() => {
            canned.closePicker();
            // After the dialog has gone (and given focus back to what opened it).
            requestAnimationFrame(backToBox);
          }}
        />
      ) : null}
    </div>
  );
}

function QueuedFiles({ canned }: { canned: ChatCanned }) {
  const queued = canned.queued.value;
  if (queued.length === 0) return null;
  return (
    <ul class="queued-files" aria-label="Files sent with your next message">
      {queued.map((q) => (
        <li key={`${q.replyId}/${q.file.id}`} class="chip" title={`From “${q.replyTitle}”: sent with your next message`}>
          {q.file.filename} <span class="hint">{formatSize(q.file.size)}</span>
          <button type="button" class="chip-remove" aria-label={`Do not send ${q.file.filename}`} onClick={() => canned.unqueue(q)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
