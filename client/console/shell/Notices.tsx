// The in-page notices (a chat transferred to me, taken from me, a follow-up or task due, a new
// chat), newest first, in a polite live region in the page's flow (never over a control): each
// opens its chat (or task) or is dismissed.
import type { ConsoleModel } from './model.ts';
import { noticeText } from './notifications.ts';

export function Notices({ model }: { model: ConsoleModel }) {
  const notices = model.notifications.notices.value;
  return (
    <section class="notices" aria-label="Notifications" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} class={`notice-card notice-${n.kind}`} data-notice={n.kind}>
          <p>{noticeText(n)}</p>
          <button
            type="button"
            class="link"
            onClick={() => {
              model.notifications.dismiss(n.id);
              if (n.kind === 'task-due') model.openItem({ kind: 'task', id: n.taskId });
              else model.showChat(n.chatId);
            }}
          >
            {n.kind === 'task-due' ? 'Open task' : 'Open chat'}
          </button>{' '}
          <button type="button" class="link" aria-label={`Dismiss: ${noticeText(n)}`} onClick={() => model.notifications.dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
