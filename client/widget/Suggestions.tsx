// The intermediary page between the form and the chat: knowledge-base articles that may answer
// the question, each readable here. An article's body is plain text and is rendered as text
// (a Preact text node, line breaks kept by CSS), never as HTML.
import { useFocusOnMount } from './focus.ts';
import type { Step, WidgetModel } from './model.ts';

type SuggestionStep = Extract<Step, { name: 'suggestions' | 'article' }>;

export function Suggestions({ model, step }: { model: WidgetModel; step: SuggestionStep }) {
  return step.name === 'article' ? <ArticleView key={step.id} model={model} step={step} /> : <SuggestionList model={model} step={step} />;
}

function SuggestionList({ model, step }: { model: WidgetModel; step: Extract<Step, { name: 'suggestions' }> }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="suggest" aria-labelledby="suggest-title">
      <h2 id="suggest-title" tabIndex={-1} ref={heading}>
        These articles may answer your question
      </h2>
      <ul class="suggest-list">
        {step.articles.map((article) => (
          <li key={article.id}>
            <button type="button" class="link suggest-title" aria-describedby={`snippet-${article.id}`} onClick={() => void model.openArticle(article.id)}>
              {article.title}
            </button>
            <p id={`snippet-${article.id}`} class="suggest-snippet">
              {article.snippet}
            </p>
          </li>
        ))}
      </ul>
      <p class="prechat-intro">Not what you were looking for?</p>
      <ContinueButton model={model} primary />
      <Busy model={model} />
    </section>
  );
}

function ArticleView({ model, step }: { model: WidgetModel; step: Extract<Step, { name: 'article' }> }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const title = step.article?.title ?? step.articles.find((a) => a.id === step.id)?.title ?? 'Article';
  const busy = model.busy.value;
  return (
    <article class="suggest" aria-labelledby="article-title">
      <button type="button" class="link back" onClick={() => model.backToSuggestions()}>
        <span aria-hidden="true">← </span>Back to the suggestions
      </button>
      <h2 id="article-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {step.article ? (
        <div class="kb-body">{step.article.body}</div>
      ) : step.error ? (
        <p class="form-error" role="alert">
          {step.error}
        </p>
      ) : (
        <p class="busy">Loading…</p>
      )}
      {model.error.value ? (
        <p class="form-error" role="alert">
          {model.error.value}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="primary" disabled={busy !== null || step.article === null} onClick={() => void model.solved()}>
          This solved my problem
        </button>
        <ContinueButton model={model} />
      </div>
      <Busy model={model} />
    </article>
  );
}

function ContinueButton({ model, primary }: { model: WidgetModel; primary?: boolean }) {
  return (
    <button type="button" class={primary ? 'primary' : undefined} disabled={model.busy.value !== null} onClick={() => void model.continueToChat()}>
      Continue to chat
    </button>
  );
}

function Busy({ model }: { model: WidgetModel }) {
  return (
    <p class="busy" aria-live="polite">
      {model.busy.value ?? ''}
    </p>
  );
}

/** The end of a visit that needed no chat: an article solved it, or a message was left. */
export function Done({ title, text, onAgain }: { title: string; text: string; onAgain: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="suggest done" aria-labelledby="done-title">
      <h2 id="done-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p>{text}</p>
      <button type="button" onClick={onAgain}>
        Ask something else
      </button>
    </section>
  );
}
