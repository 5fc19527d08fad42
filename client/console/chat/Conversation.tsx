// A chat's log as staff see it: visitor and agent messages on opposite sides, system events
// (queued, taken, ended, transferred, joined, follow-ups) as small centred lines, and coaching
// lines inline in time order, on their own background with a "Coaching" label: staff only.
import type { ChatEvent } from '../../../objects/protocol.ts';
import type { Conversation as ConversationModel, Outgoing } from '../../shared/conversation.ts';
import { useStickToBottom } from '../../shared/useStickToBottom.ts';
import { useEffect } from 'preact/hooks';
import { searchTarget, showTarget } from './search-target.ts';
import { formatStarted, formatTime } from '../ui/time.ts';
import { COMMENT_LABELS } from '../../../objects/rules/comments.ts';
import { fileHref } from './record/AttachmentsTab.tsx';
import { formatSize, INLINE_IMAGE_TYPES } from '../../../objects/rules/files.ts';

export function Conversation({ conversation, chatId }: { conversation: ConversationModel; chatId: string }) {
  const events = conversation.events.value;
  const outbox = conversation.outbox.value;
  const log = useStickToBottom(events.length + outbox.length);
  // A search result opened this chat at one of its events: scroll to it and mark it, once it is here.
  const target = searchTarget.value;
  useEffect(() => {
    if (target?.kind !== 'chat' || target.chatId !== chatId) return;
    // Shown once: the chat opened again later opens at its end, as any chat does.
    if (showTarget(log.current?.querySelector<HTMLElement>(`[data-seq="${target.seq}"]`))) searchTarget.value = null;
  }, [target, events.length, chatId]);
  return (
    <div class="conversation" role="log" aria-live="polite" aria-label="Conversation" tabIndex={0} ref={log}>
      {events.map((event) => (
        <EventLine key={event.seq} event={event} chatId={chatId} />
      ))}
      {outbox.map((message) => (
        <PendingLine key={message.id} message={message} conversation={conversation} />
      ))}
    </div>
  );
}

function EventLine({ event, chatId }: { event: ChatEvent; chatId: string }) {
  const time = <time dateTime={new Date(event.at).toISOString()}>{formatTime(event.at)}</time>;
  switch (event.kind) {
    case 'queued':
      return (
        <p class="system">
          {event.visitor.name} started a chat in {event.groupName} · {time}
        </p>
      );
    case 'message':
      return (
        <div class={`msg ${event.from.role === 'visitor' ? 'msg-visitor' : 'msg-agent'}`} data-seq={event.seq}>
          <p class="msg-meta">
            {event.from.name} · {time}
          </p>
          <p class="msg-text">{event.text}</p>
        </div>
      );
    case 'coaching':
      return (
        <div class="msg msg-coaching" data-coaching="true" data-seq={event.seq}>
          <p class="msg-meta">
            <span class="coach-label">Coaching</span> {event.from.name} · {time} · not visible to the customer
          </p>
          <p class="msg-text">{event.text}</p>
        </div>
      );
    case 'taken':
      return (
        <p class="system">
          {event.fromAgent ? `${event.agent.name} took the chat from ${event.fromAgent.name}` : `${event.agent.name} took the chat`} ·{' '}
          {time}
        </p>
      );
    case 'ended':
      return (
        <p class="system">
          {event.by.role === 'visitor' ? `${event.by.name} (customer)` : event.by.name} ended the chat · {time}
        </p>
      );
    case 'transferred':
      return (
        <p class="system">
          {event.by.name} transferred the chat from {event.fromGroupName} to{' '}
          {event.to.kind === 'group' ? event.to.groupName : event.to.agent.name} · {time}
        </p>
      );
    case 'joined':
      return (
        <p class="system">
          {event.person.name} joined the conversation · {time}
        </p>
      );
    case 'file':
      return (
        <div class={`msg ${event.from.role === 'visitor' ? 'msg-visitor' : 'msg-agent'}`} data-seq={event.seq}>
          <p class="msg-meta">
            {event.from.name} · {time}
          </p>
          <p class="msg-text">
            <a href={fileHref(chatId, event.file.id)} download={event.file.filename}>
              {event.file.filename}
            </a>{' '}
            <span class="file-size">
              ({event.file.contentType}, {formatSize(event.file.size)})
            </span>
            {/* Only the raster types are shown inline (never SVG, never HTML); the route always answers as a download. */}
            {INLINE_IMAGE_TYPES.includes(event.file.contentType) ? (
              <img class="msg-image" src={fileHref(chatId, event.file.id)} alt={event.file.filename} loading="lazy" />
            ) : null}
          </p>
        </div>
      );
    case 'survey':
      return (
        <p class="system">
          Survey: rated {event.rating} of 5{event.comment ? ` — “${event.comment}”` : ''} · staff only · {time}
        </p>
      );
    case 'follow-up':
      return (
        <p class="system">
          {event.dueAt === null
            ? `${event.by.name} cleared the follow-up`
            : `${event.by.name} scheduled a follow-up for ${formatStarted(event.dueAt, event.at)}`}{' '}
          · {time}
        </p>
      );
    case 'comment':
      // Comments live in the Comments tab; the conversation marks where one was added.
      return (
        <p class="system staff-note" data-comment-id={event.commentId}>
          {event.by.name} added a {COMMENT_LABELS[event.commentKind]} comment · staff only · {time}
        </p>
      );
    case 'comment-edited':
    case 'comment-deleted':
    case 'fields-edited':
    case 'time-logged':
    case 'time-log-deleted':
    case 'related':
    case 'manual-event':
    case 'webhook-delivered':
    case 'webhook-failed':
      return null; // in History and in their tabs
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function PendingLine({ message, conversation }: { message: Outgoing; conversation: ConversationModel }) {
  const coaching = message.kind === 'coach';
  return (
    <div class={`msg ${coaching ? 'msg-coaching' : 'msg-agent'} ${message.error ? 'msg-failed' : 'msg-pending'}`}>
      <p class="msg-meta">
        {coaching ? <span class="coach-label">Coaching</span> : null} You · {message.error ? 'not sent' : 'sending…'}
      </p>
      <p class="msg-text">{message.text}</p>
      {message.error ? (
        <p class="msg-error">
          {message.error}{' '}
          <button type="button" class="link" onClick={() => conversation.retry(message.id)}>
            Retry
          </button>{' '}
          <button type="button" class="link" onClick={() => conversation.discard(message.id)}>
            Discard
          </button>
        </p>
      ) : null}
    </div>
  );
}
