// The Survey tab: each completed survey with its completion date and rating; double-clicking one
// (or Enter on it) opens it whole.
import { useState } from 'preact/hooks';
import type { ChatEvent } from '../../../../objects/protocol.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatStarted } from '../../ui/time.ts';

type Survey = Extract<ChatEvent, { kind: 'survey' }>;

const stars = (rating: number) => `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}`;

export function SurveyTab({ events, now, visitorName }: { events: readonly ChatEvent[]; now: number; visitorName: string }) {
  const surveys = events.flatMap((e) => (e.kind === 'survey' ? [e] : []));
  const [open, setOpen] = useState<Survey | null>(null);
  return (
    <>
      <ul class="surveys" aria-label="Surveys">
        {surveys.map((s) => (
          <li key={s.seq}>
            <button type="button" class="survey-row" onDblClick={() => setOpen(s)} onKeyDown={(e) => e.key === 'Enter' && setOpen(s)} title="Double-click to open">
              <time dateTime={new Date(s.at).toISOString()}>Completed {formatStarted(s.at, now)}</time>
              <span aria-label={`Rated ${s.rating} of 5`}>{stars(s.rating)}</span>
              {s.comment ? <span class="survey-comment">“{s.comment}”</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {open ? (
        <Dialog title={`Survey from ${visitorName}`} onCancel={() => setOpen(null)}>
          <dl class="survey-whole">
            <div>
              <dt>Completed</dt>
              <dd>{formatStarted(open.at, now)}</dd>
            </div>
            <div>
              <dt>Rating</dt>
              <dd>
                {open.rating} of 5 {stars(open.rating)}
              </dd>
            </div>
            <div>
              <dt>Comment</dt>
              <dd>{open.comment || '(none)'}</dd>
            </div>
          </dl>
          <div class="dialog-actions">
            <button type="button" onClick={() => setOpen(null)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
