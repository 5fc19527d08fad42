// The widget's frame: a header (with a close button when embedded in a page by the loader) and
// the visitor's current place: the form, the suggested articles, a message to leave, a closing
// screen, or the running chat once one exists.
import { ChatView } from './ChatView.tsx';
import { LeaveMessage } from './LeaveMessage.tsx';
import type { WidgetModel } from './model.ts';
import { PreChatForm } from './PreChatForm.tsx';
import { Done, Suggestions } from './Suggestions.tsx';
import { EarlierChat } from './EarlierChats.tsx';

export function App({ model, onClose }: { model: WidgetModel; onClose: (() => void) | null }) {
  const session = model.session.value;
  const group = session ? session.conversation.chat.value?.groupName : (model.form.config.value?.link?.name ?? null);
  return (
    <div class="widget">
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
      <main class="widget-body">
        {session ? <ChatView key={session.chatId} model={model} session={session} /> : <Before model={model} />}
      </main>
    </div>
  );
}

function Before({ model }: { model: WidgetModel }) {
  const step = model.step.value;
  switch (step.name) {
    case 'form':
      return <PreChatForm model={model} />;
    case 'suggestions':
    case 'article':
      return <Suggestions model={model} step={step} />;
    case 'message':
      return <LeaveMessage model={model} />;
    case 'solved':
      return <Done title="Glad we could help" text="Thank you for letting us know. No chat was started." onAgain={() => model.show('form')} />;
    case 'message-sent':
      return (
        <Done title="Message sent" text={`Thank you. We will answer you at ${step.email} as soon as we can.`} onAgain={() => model.show('form')} />
      );
    case 'earlier':
      return <EarlierChat model={model} transcript={step.transcript} error={step.error} />;
    default: {
      const unhandled: never = step;
      return unhandled;
    }
  }
}
