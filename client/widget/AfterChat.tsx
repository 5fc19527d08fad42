// Once the chat has ended: "Email me the transcript" (to the address the chat started with) and,
// when an agent took part, the post-chat survey: a row of five stars (a native radio group, so
// arrow keys, touch and screen readers work as with any radios) and then an optional comment.
import { useState } from 'preact/hooks';
import { MAX_COMMENT_LENGTH, RATINGS } from './after-chat.ts';
import type { ChatSession } from './chat-session.ts';

export function AfterChat({ session, agentTookPart }: { session: ChatSession; agentTookPart: boolean }) {
  return (
    <>
      <Transcript session={session} />
      {agentTookPart ? <Survey session={session} /> : null}
    </>
  );
}

function Transcript({ session }: { session: ChatSession }) {
  const { after } = session;
  const state = after.transcript.value;
  return (
    <form
      class="after"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void after.sendTranscript();
      }}
    >
      <p class="after-hint">
        The transcript goes to {after.email ? <strong>{after.email}</strong> : 'the email address you gave'}, the address this chat was
        started with.
      </p>
      <button type="submit" disabled={state.status === 'sending'} aria-describedby={state.status === 'idle' && state.error !== null ? 'transcript-error' : undefined}>
        Email me the transcript
      </button>
      <p class="after-status" aria-live="polite">
        {state.status === 'sent' ? `Sent to ${state.to}` : state.status === 'sending' ? 'Sending…' : ''}
      </p>
      {state.status === 'idle' && state.error !== null ? (
        <p id="transcript-error" class="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}

function Survey({ session }: { session: ChatSession }) {
  const { after } = session;
  const [rating, setRating] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const shown = hovered ?? rating ?? 0;
  const state = after.survey.value;
  if (state.status === 'done' || state.status === 'already') {
    return (
      <p class="after thanks" role="status">
        {state.status === 'done' ? 'Thank you for your feedback!' : 'This chat has been rated already. Thank you!'}
      </p>
    );
  }
  const error = state.status === 'idle' ? state.error : null;
  return (
    <form
      class="after"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void after.rate(rating, comment);
      }}
    >
      <fieldset class="rating" aria-describedby={error ? 'survey-error' : undefined}>
        <legend>How would you rate this chat?</legend>
        <div class="stars" onMouseLeave={() => setHovered(null)}>
          {RATINGS.map((r) => (
            <label key={r.value} class={`star-choice${r.value <= shown ? ' star-on' : ''}`} onMouseEnter={() => setHovered(r.value)}>
              <input class="star-input" type="radio" name="rating" value={r.value} checked={rating === r.value} onChange={() => setRating(r.value)} />
              <span class="star" aria-hidden="true">
                ★
              </span>
              <span class="sr-only">{`${r.value} – ${r.label}`}</span>
            </label>
          ))}
        </div>
        <p class="star-caption" aria-hidden="true">
          {shown > 0 ? RATINGS[shown - 1]!.label : 'Choose 1 to 5 stars'}
        </p>
      </fieldset>
      {rating !== null ? (
        <div class="field">
          <label for="survey-comment">Comment (optional)</label>
          <textarea id="survey-comment" rows={3} maxLength={MAX_COMMENT_LENGTH} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
        </div>
      ) : null}
      {error ? (
        <p id="survey-error" class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={state.status === 'sending'}>
        Send rating
      </button>
    </form>
  );
}
