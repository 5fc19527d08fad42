// A published article as a plain web page, at /kb/<id>: the link an agent sends a customer from
// the Assistance panel (worker/assistance/). The text is escaped (hono/html escapes every
// interpolated value) and the page loads nothing, so the Worker's default Content-Security-Policy
// (default-src 'none') holds. A draft or a deleted article is simply not there.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/app-env.ts';
import { findArticle } from './queries.ts';

/** Paragraphs are separated by a blank line; a single line break stays a line break. */
function paragraphs(body: string) {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br />${line}`))}</p>`);
}

function page(title: string, content: unknown) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${title}</title>
  </head>
  <body>
    <main>${content}</main>
  </body>
</html>`;
}

export const articlePageRoutes = new Hono<AppEnv>().get('/:id', async (c) => {
  const article = await findArticle(c.env.DB, c.req.param('id'));
  if (!article || article.status !== 'published') {
    return c.html(page('Article not found', html`<h1>Article not found</h1><p>This article is not available. It may have been moved or withdrawn.</p>`), 404);
  }
  const updated = new Date(article.updatedAt).toISOString().slice(0, 10);
  return c.html(
    page(
      article.title,
      html`<article>
        <h1>${article.title}</h1>
        <p><small>Updated <time datetime="${updated}">${updated}</time></small></p>
        ${paragraphs(article.body)}
      </article>`,
    ),
  );
});
