// The widget's frame: a header (with a close button when embedded in a page by the loader) and
// either the pre-chat form or the running chat, depending on whether a chat session exists.
import { ChatView } from './ChatView.tsx';
import type { WidgetModel } from './model.ts';
import { PreChatForm } from './PreChatForm.tsx';

export function App({ model, onClose }: { model: WidgetModel; onClose: (() => void) | null }) {
  const session = model.session.value;
  const group = session?.conversation.chat.value?.groupName;
  return (
    <main class="widget">
      <header class="widget-header">
        <div>
          <h1>{session ? 'Live chat' : 'Chat with us'}</h1>
          {group ? <p class="widget-sub">{group}</p> : null}
        </div>
        {onClose ? (
          <button type="button" class="widget-close" aria-label="Minimize chat window" title="Minimize" onClick={onClose}>
            <span aria-hidden="true">–</span>
          </button>
        ) : null}
      </header>
      {session ? <ChatView key={session.chatId} model={model} session={session} /> : <PreChatForm model={model} />}
    </main>
  );
}
