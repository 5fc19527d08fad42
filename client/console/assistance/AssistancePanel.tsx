// The Assistance panel over the reply box, opened and closed by the toolbar's Assistance button:
// the knowledge-base articles and the earlier resolutions that match the conversation, asked again
// as the customer writes. Each is a button: one click (or Enter) puts the article's title and
// link, or the resolution's text, at the reply box's cursor and gives the box its focus back.
// Resolutions are marked staff only: the customer sees one only if the agent sends it.
import { useEffect, useRef } from 'preact/hooks';
import type { SuggestedArticle, SuggestedResolution } from '../../../worker/assistance/wire.ts';
import type { OpenChat } from '../chat/chat.ts';
import { formatStarted, now } from '../ui/time.ts';
import { assistanceOf, assistanceShown, toggleAssistance, type ChatAssistance } from './assistance.ts';
import { suggestionCount } from './rules.ts';
import './assistance.css';

const panelId = (chatId: string) => `assistance-${chatId}`;

/** The toolbar's toggle (the seed's "Assistance"). */
export function AssistanceButton({ chat }: { chat: OpenChat }) {
  const shown = assistanceShown.value;
  return (
    <button type="button" aria-pressed={shown} aria-controls={shown ? panelId(chat.chatId) : undefined} onClick={toggleAssistance}>
      Assistance
    </button>
  );
}

export function AssistancePanel({ chat, canInsert }: { chat: OpenChat; canInsert: boolean }) {
  if (!assistanceShown.value) return null;
  return <Panel chat={chat} assistance={assistanceOf(chat)} canInsert={canInsert} />;
}

function Panel({ chat, assistance, canInsert }: { chat: OpenChat; assistance: ChatAssistance; canInsert: boolean }) {
  const root = useRef<HTMLElement>(null);
  // Asks while the panel is shown, and stops when it goes (or the chat does).
  useEffect(() => assistance.follow(), [assistance]);
  const found = assistance.suggestions.value;
  const loading = assistance.loading.value;
  const problem = assistance.problem.value;
  const articles = found?.articles ?? [];
  const resolutions = found?.resolutions ?? [];
  const headingId = `${panelId(chat.chatId)}-title`;

  /** After an insert: back to the reply box, its cursor after what was put there. */
  function backToBox(): void {
    const box = root.current?.closest('.pane')?.querySelector<HTMLTextAreaElement>('.composer.reply textarea');
    if (!box || box.disabled) return;
    box.focus();
    const { start, end } = chat.replyDraft.selection.value;
    box.setSelectionRange(start, end);
  }

  return (
    <section id={panelId(chat.chatId)} class="assistance" aria-labelledby={headingId} aria-busy={loading} ref={root}>
      <div class="assistance-head">
        <h3 id={headingId}>Assistance</h3>
        <p class="assistance-count" aria-live="polite">
          {found === null ? (loading ? 'Looking…' : '') : suggestionCount(articles.length + resolutions.length)}
        </p>
        <button type="button" class="link" disabled={loading} onClick={() => void assistance.refresh()}>
          Refresh
        </button>
      </div>
      {found && found.terms.length > 0 ? <p class="assistance-terms">Matching: {found.terms.join(', ')}</p> : null}
      {found && found.terms.length === 0 ? <p class="assistance-terms">Suggestions appear as the customer describes the problem.</p> : null}
      {problem ? (
        <p class="notice" role="alert">
          Suggestions could not be loaded: {problem}
        </p>
      ) : null}
      {!canInsert && (articles.length > 0 || resolutions.length > 0) ? <p class="assistance-terms">Take the chat to insert a suggestion into your reply.</p> : null}
      {articles.length > 0 ? (
        <>
          <h4 class="assistance-kind">Knowledge base</h4>
          <ul class="assistance-list" aria-label="Knowledge-base articles">
            {articles.map((a) => (
              <ArticleItem
                key={a.id}
                article={a}
                disabled={!canInsert}
                onInsert={() => {
                  assistance.insertArticle(a);
                  backToBox();
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
      {resolutions.length > 0 ? (
        <>
          <h4 class="assistance-kind">
            Resolutions <span class="staff-tag">Staff only</span>
          </h4>
          <p class="assistance-terms">How earlier chats and tickets were solved. The customer sees one only if you send it.</p>
          <ul class="assistance-list" aria-label="Resolutions (staff only)">
            {resolutions.map((r) => (
              <ResolutionItem
                key={r.id}
                resolution={r}
                disabled={!canInsert}
                onInsert={() => {
                  assistance.insertResolution(r);
                  backToBox();
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
      <p class="sr-only" role="status">
        {assistance.announcement.value}
      </p>
    </section>
  );
}

function ArticleItem({ article, disabled, onInsert }: { article: SuggestedArticle; disabled: boolean; onInsert(): void }) {
  const snippetId = `snippet-${article.id}`;
  return (
    <li data-article-id={article.id}>
      <button type="button" class="assistance-insert" disabled={disabled} aria-describedby={snippetId} onClick={onInsert}>
        <span class="sr-only">Insert article: </span>
        {article.title}
      </button>
      <p id={snippetId} class="assistance-snippet">
        {article.snippet}{' '}
        <a href={article.url} target="_blank" rel="noopener noreferrer">
          Open<span class="sr-only"> “{article.title}” in a new tab</span>
        </a>
      </p>
    </li>
  );
}

function ResolutionItem({ resolution, disabled, onInsert }: { resolution: SuggestedResolution; disabled: boolean; onInsert(): void }) {
  const sourceId = `resolution-${resolution.id}`;
  return (
    <li data-resolution-id={resolution.id}>
      <button type="button" class="assistance-insert assistance-resolution" disabled={disabled} aria-describedby={sourceId} onClick={onInsert}>
        <span class="sr-only">Insert resolution: </span>
        {resolution.text}
      </button>
      <p id={sourceId} class="assistance-snippet">
        {resolution.from.label} · {resolution.authorName} · {formatStarted(resolution.createdAt, now.value)}
      </p>
    </li>
  );
}
