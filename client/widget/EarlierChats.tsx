// A verified customer's earlier conversations: a list above the form (their website signed who they
// are, so the server shows them), and one conversation read only, with a way back. A visitor the
// site did not sign never has any.
import type { WidgetModel } from './model.ts';
import type { TranscriptResponse } from './customer-api.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function EarlierChats({ model }: { model: WidgetModel }) {
  const chats = model.earlier.value;
  if (chats.length === 0) return null;
  return (
    <section class="earlier" aria-labelledby="earlier-title">
      <h2 id="earlier-title">Your earlier conversations</h2>
      <ul>
        {chats.map((c) => (
          <li key={c.id}>
            <button type="button" class="link" data-chat-id={c.id} onClick={() => void model.openEarlier(c.id)}>
              {c.groupName} · {dateTime.format(c.startedAt)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function EarlierChat({ model, transcript, error }: { model: WidgetModel; transcript: TranscriptResponse | null; error: string | null }) {
  return (
    <section class="earlier-chat" aria-labelledby="earlier-chat-title">
      <h2 id="earlier-chat-title">{transcript ? `Your conversation with ${transcript.chat.groupName}` : 'Your conversation'}</h2>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : transcript === null ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <p class="widget-sub">{dateTime.format(transcript.chat.startedAt)}</p>
          <ol class="earlier-lines">
            {transcript.events.flatMap((e) =>
              e.kind === 'message'
                ? [
                    <li key={e.seq}>
                      <strong>{e.from.name}:</strong> {e.text}
                    </li>,
                  ]
                : [],
            )}
          </ol>
        </>
      )}
      <button type="button" onClick={() => model.show('form')}>
        Back
      </button>
    </section>
  );
}
