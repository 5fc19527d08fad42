// The Messages page: what customers wrote while nobody in their group was online, open or
// handled, newest first, each with its fields and a "Mark handled" button. The server's refusal
// is shown in an alert; the list is fetched again after each change.
import { CustomerEmail } from '../customers/CustomerEmail.tsx';
import type { CustomerModel } from '../customers/customer.ts';
import type { OfflineMessage } from '../../shared/api.ts';
import type { MessagesModel, MessageState } from './messages.ts';
import { formatStarted, now } from '../ui/time.ts';
import './messages.css';

const STATES: readonly { id: MessageState; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'handled', label: 'Handled' },
];

export function MessagesScreen({ messages, customers }: { messages: MessagesModel; customers: CustomerModel }) {
  const current = messages.state.value;
  const list = messages.list.value;
  return (
    <section class="messages" aria-labelledby="messages-title">
      <div class="list-head">
        <h1 id="messages-title">Messages</h1>
        <div class="toolbar" role="group" aria-label="Which messages">
          {STATES.map((s) => (
            <button key={s.id} type="button" aria-pressed={current === s.id} onClick={() => messages.show(s.id)}>
              {s.label}
            </button>
          ))}
        </div>
        {messages.error.value ? (
          <p class="notice" role="alert">
            {messages.error.value}{' '}
            <button type="button" class="link" onClick={() => messages.dismissError()}>
              Dismiss
            </button>
          </p>
        ) : null}
        <p class="sr-only" role="status">
          {messages.announcement.value}
        </p>
      </div>
      <div class="table-wrap">
        <table class="admin-table messages-table">
          <caption class="sr-only">{current === 'open' ? 'Open messages' : 'Handled messages'}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Group</th>
              <th scope="col">Message</th>
              <th scope="col">Fields</th>
              <th scope="col">Time</th>
              <th scope="col">{current === 'open' ? 'Actions' : 'Handled by'}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <MessageRow key={m.id} messages={messages} message={m} customers={customers} />
            ))}
            {list.length === 0 ? (
              <tr class="empty">
                <td colSpan={7}>{messages.loaded.value ? 'No messages.' : 'Loading…'}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MessageRow({ messages, message, customers }: { messages: MessagesModel; message: OfflineMessage; customers: CustomerModel }) {
  const fields = Object.entries(message.fields);
  return (
    <tr data-message-id={message.id}>
      <th scope="row">{message.name}</th>
      <td>
        <CustomerEmail email={message.email} customers={customers} />
      </td>
      <td>{message.groupName}</td>
      <td class="message-text">{message.message}</td>
      <td>
        {fields.length === 0 ? (
          <span class="muted">—</span>
        ) : (
          <dl class="message-fields">
            {fields.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
      <td>{formatStarted(message.createdAt, now.value)}</td>
      <td>
        {message.handledAt === null ? (
          <button type="button" disabled={messages.busy.value !== null} onClick={() => void messages.markHandled(message)}>
            Mark handled<span class="sr-only"> (message from {message.name})</span>
          </button>
        ) : (
          <span>
            {message.handledBy ?? '—'} · {formatStarted(message.handledAt, now.value)}
          </span>
        )}
      </td>
    </tr>
  );
}
