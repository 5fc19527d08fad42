// The "Knowledge base" section: every article with its status and deflections (Edit, Publish or
// Unpublish, Delete after a confirmation), the total of deflections, and one form that writes a
// new article or, after Edit, changes the chosen one. Bodies are plain text, shown as text.
import { useId, useState } from 'preact/hooks';
import type { KbArticle } from '../../shared/api.ts';
import type { ContentModel } from './content.ts';
import { ARTICLE_STATUS_LABELS, checkArticle } from './content-rules.ts';
import { Refusal } from './Refusal.tsx';
import { ConfirmDelete } from './ConfirmDelete.tsx';

export function KnowledgeBaseSection({ content }: { content: ContentModel }) {
  const [editing, setEditing] = useState<KbArticle | null>(null);
  const articles = content.articles.value;
  const total = content.deflections.value;
  return (
    <section class="admin-section" aria-labelledby="admin-kb">
      <h2 id="admin-kb">Knowledge base</h2>
      <Refusal error={content.errors.kb} />
      <p class="muted" data-testid="kb-deflections">
        {total === null ? '' : `Deflections in all: ${total} (customers who said an article answered them).`}
      </p>
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="sr-only">Knowledge-base articles</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Deflections</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((article) => (
              <ArticleRow key={article.id} content={content} article={article} onEdit={() => setEditing(article)} />
            ))}
            {articles.length === 0 ? (
              <tr class="empty">
                <td colSpan={4}>{content.loaded.value ? 'No articles yet.' : 'Loading…'}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <ArticleForm key={editing?.id ?? 'new'} content={content} editing={editing} onDone={() => setEditing(null)} />
    </section>
  );
}

function ArticleRow({ content, article, onEdit }: { content: ContentModel; article: KbArticle; onEdit(): void }) {
  const [confirming, setConfirming] = useState(false);
  const busy = content.busy.value;
  const published = article.status === 'published';
  return (
    <tr data-article-id={article.id}>
      <th scope="row">{article.title}</th>
      <td>
        <span class={`badge badge-${published ? 'active' : 'inactive'}`}>{ARTICLE_STATUS_LABELS[article.status]}</span>
      </td>
      <td>{article.deflections}</td>
      <td>
        {confirming ? (
          <ConfirmDelete
            name={article.title}
            what="article"
            busy={busy}
            onDelete={() => content.deleteArticle(article)}
            onClose={() => setConfirming(false)}
          />
        ) : (
          <span class="actions">
            <button type="button" onClick={onEdit}>
              Edit<span class="sr-only"> {article.title}</span>
            </button>
            <button type="button" disabled={busy} onClick={() => void content.setPublished(article, !published)}>
              {published ? 'Unpublish' : 'Publish'}
              <span class="sr-only"> {article.title}</span>
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
              Delete<span class="sr-only"> {article.title}</span>
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** New article, or (with `editing`) the chosen one's title and body to change. */
function ArticleForm({ content, editing, onDone }: { content: ContentModel; editing: KbArticle | null; onDone(): void }) {
  const id = useId();
  const [title, setTitle] = useState(editing?.title ?? '');
  const [body, setBody] = useState(editing?.body ?? '');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const heading = editing ? `Edit article: ${editing.title}` : 'New article';
  return (
    <form
      class="admin-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const problems = checkArticle(title, body);
        setErrors(problems);
        if (problems.title) return document.getElementById(`${id}-t`)?.focus();
        if (problems.body) return document.getElementById(`${id}-b`)?.focus();
        const ok = editing ? await content.editArticle(editing, title.trim(), body) : await content.addArticle(title.trim(), body);
        if (ok) {
          setTitle('');
          setBody('');
          onDone();
        }
      }}
    >
      <h3 id={`${id}-title`}>{heading}</h3>
      <div class="field">
        <label for={`${id}-t`}>Title</label>
        <input
          id={`${id}-t`}
          type="text"
          autocomplete="off"
          value={title}
          aria-invalid={errors.title ? 'true' : undefined}
          aria-describedby={errors.title ? `${id}-t-error` : undefined}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {errors.title ? (
          <p id={`${id}-t-error`} class="field-error">
            {errors.title}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for={`${id}-b`}>Body</label>
        <textarea
          id={`${id}-b`}
          rows={6}
          value={body}
          aria-invalid={errors.body ? 'true' : undefined}
          aria-describedby={errors.body ? `${id}-b-error` : undefined}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        {errors.body ? (
          <p id={`${id}-b-error`} class="field-error">
            {errors.body}
          </p>
        ) : null}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={content.busy.value}>
          Save
        </button>
        {editing ? (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
