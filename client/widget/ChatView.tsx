// The visitor's side of a running chat: its status and place in the queue, the message log (files
// as download links), the send box with "Send file", and End chat; once ended, what comes after
// (AfterChat) and Start a new chat. Everything shown comes from the session's signals.
import type { ChatEvent, ChatSnapshot } from '../../objects/protocol.ts';
import { Composer } from '../shared/Composer.tsx';
import type { Outgoing } from '../shared/conversation.ts';
import type { ConnectionState } from '../shared/socket.ts';
import { useStickToBottom } from '../shared/useStickToBottom.ts';
import { AfterChat } from './AfterChat.tsx';
import { formatSize } from '../../objects/rules/files.ts';
import { fileUrl } from './files.ts';
import { OFFER_RESTART_AFTER_FAILURES, type ChatSession, type WidgetModel } from './model.ts';
import { SendFile } from './SendFile.tsx';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function ChatView({ model, session }: { model: WidgetModel; session: ChatSession }) {
  const { conversation, socket } = session;
  const chat = conversation.chat.value;
  const events = conversation.events.value;
  const outbox = conversation.outbox.value;
  const connection = socket.state.value;
  const failures = socket.failures.value;
  const ended = chat?.status === 'ended' || events.some((e) => e.kind === 'ended');
  const gone = connection === 'closed' && !ended;
  const log = useStickToBottom(events.length + outbox.length);
  const position = conversation.queuePosition.value;
  const queued = !ended && chat?.status === 'queued' && position !== null;
  const fileHref = (fileId: string) => fileUrl(session.chatId, fileId, session.token);

  return (
    <section class={`chat${ended ? ' chat-ended' : ''}`} aria-label="Chat">
      <div class="chat-status">
        <div aria-live="polite">
          <p class={`status status-${ended ? 'ended' : (chat?.status ?? 'queued')}`}>{statusLine(chat, ended)}</p>
          {queued ? <p class="queue">You are number {position} in the queue</p> : null}
        </div>
        {!ended && !gone ? (
          <button type="button" class="quiet" disabled={connection !== 'open'} onClick={() => conversation.command({ type: 'end' })}>
            End chat
          </button>
        ) : null}
      </div>
      <p class="connection" aria-live="polite">
        {connectionLine(connection, failures, gone)}
      </p>

      <div class="log" role="log" aria-live="polite" aria-label="Conversation" tabIndex={0} ref={log}>
        {events.map((event) => (
          <EventLine key={event.seq} event={event} fileHref={fileHref} />
        ))}
        {outbox.map((message) => (
          <PendingLine
            key={message.id}
            message={message}
            onRetry={() => conversation.retry(message.id)}
            onDiscard={() => conversation.discard(message.id)}
          />
        ))}
      </div>

      <p class="typing-line" aria-live="polite">
        {!ended ? typingLine(conversation.typing.value) : ''}
      </p>

      {conversation.notice.value ? (
        <p class="notice" role="alert">
          {conversation.notice.value}{' '}
          <button type="button" class="link" onClick={() => conversation.dismissNotice()}>
            Dismiss
          </button>
        </p>
      ) : null}

      {ended || gone ? (
        <div class="chat-over">
          {gone ? <p>This chat is no longer available.</p> : null}
          {ended ? <AfterChat session={session} agentTookPart={events.some((e) => e.kind === 'taken' || e.kind === 'joined')} /> : null}
          <button type="button" class="primary" onClick={() => model.startOver()}>
            Start a new chat
          </button>
        </div>
      ) : (
        <>
          <Composer label="Message" button="Send" placeholder="Type your message…" focusOnMount onSend={(text) => conversation.write('send', text)}
            onTyping={(text) => conversation.typed(text)}
          />
          <SendFile session={session} />
          {failures >= OFFER_RESTART_AFTER_FAILURES ? (
            <p class="restart">
              Still can't connect?{' '}
              <button type="button" class="link" onClick={() => model.startOver()}>
                Start a new chat
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** "Ann is typing…": the agents who may write to the customer, as the server tells them. */
function typingLine(people: readonly { name: string }[]): string {
  if (people.length === 0) return '';
  const names = people.map((p) => p.name).join(' and ');
  return `${names} ${people.length === 1 ? 'is' : 'are'} typing…`;
}

function statusLine(chat: ChatSnapshot | null, ended: boolean): string {
  if (ended) return 'Chat ended';
  if (chat === null) return 'Loading your chat…';
  switch (chat.status) {
    case 'queued':
      return 'Waiting for an agent…';
    case 'active':
      return chat.agent ? `${chat.agent.name} joined` : 'An agent joined';
    case 'ended':
      return 'Chat ended';
  }
}

function connectionLine(state: ConnectionState, failures: number, gone: boolean): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return failures >= OFFER_RESTART_AFTER_FAILURES ? "Can't reach the chat. Still trying…" : 'Reconnecting…';
    case 'open':
      return '';
    case 'closed':
      return gone ? 'Disconnected.' : '';
  }
}

function EventLine({ event, fileHref }: { event: ChatEvent; fileHref: (fileId: string) => string }) {
  const time = timeFormat.format(event.at);
  switch (event.kind) {
    case 'queued':
      return <p class="system">You asked {event.groupName} for help · {time}</p>;
    case 'message': {
      const mine = event.from.role === 'visitor';
      return (
        <div class={`msg ${mine ? 'msg-mine' : 'msg-theirs'}`}>
          <p class="msg-meta">
            {mine ? 'You' : event.from.name} · <time dateTime={new Date(event.at).toISOString()}>{time}</time>
          </p>
          <p class="msg-text">{event.text}</p>
        </div>
      );
    }
    case 'coaching':
      return null; // staff-only: the server never sends these to a visitor
    case 'taken':
      return <p class="system">{event.agent.name} has joined the chat · {time}</p>;
    case 'ended':
      return (
        <p class="system">
          {event.by.role === 'visitor' ? 'You ended the chat' : `${event.by.name} ended the chat`} · {time}
        </p>
      );
    case 'transferred':
      return (
        <p class="system">
          {event.to.kind === 'group'
            ? `Your chat was passed to ${event.to.groupName}`
            : `Your chat was passed to ${event.to.agent.name}`}{' '}
          · {time}
        </p>
      );
    case 'joined':
      return <p class="system">{event.person.name} has joined the chat · {time}</p>;
    case 'file': {
      const mine = event.from.role === 'visitor';
      return (
        <div class={`msg ${mine ? 'msg-mine' : 'msg-theirs'}`}>
          <p class="msg-meta">
            {mine ? 'You' : event.from.name} sent a file · <time dateTime={new Date(event.at).toISOString()}>{time}</time>
          </p>
          <p class="msg-text">
            <a href={fileHref(event.file.id)} download={event.file.filename}>
              {event.file.filename}
            </a>{' '}
            <span class="file-size">({formatSize(event.file.size)})</span>
          </p>
        </div>
      );
    }
    case 'survey':
    case 'follow-up':
    case 'comment':
    case 'comment-edited':
    case 'comment-deleted':
    case 'fields-edited':
    case 'time-logged':
    case 'time-log-deleted':
    case 'related':
    case 'manual-event':
    case 'webhook-delivered':
    case 'webhook-failed':
      return null; // staff-only: the server never sends these to a visitor
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function PendingLine({ message, onRetry, onDiscard }: { message: Outgoing; onRetry: () => void; onDiscard: () => void }) {
  return (
    <div class={`msg msg-mine ${message.error ? 'msg-failed' : 'msg-pending'}`}>
      <p class="msg-meta">You · {message.error ? 'not sent' : 'sending…'}</p>
      <p class="msg-text">{message.text}</p>
      {message.error ? (
        <p class="msg-error">
          {message.error}{' '}
          <button type="button" class="link" onClick={onRetry}>
            Retry
          </button>{' '}
          <button type="button" class="link" onClick={onDiscard}>
            Discard
          </button>
        </p>
      ) : null}
    </div>
  );
}
