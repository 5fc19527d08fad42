// The administrator's content for the customer's side: knowledge-base articles (with their
// deflection counts), live chat links and the custom fields of the pre-chat form.
import type { ArticleBody, KbArticlesResponse } from '../kb/wire.ts';
import type { ChatLink, ChatLinksResponse, CustomField, CustomFieldsResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../http/app-env.ts';
import { randomId } from '../auth/encoding.ts';
import { findGroup } from '../people/queries.ts';
import { countAllChats } from '../chats/queries.ts';
import { createField, createLink, deleteField, deleteLink, listFields, listLinks } from './queries.ts';
import { deleteArticle, listArticles, saveArticle, setArticleStatus } from '../kb/queries.ts';
import { ApiError } from '../http/errors.ts';
import { readBody } from '../http/body.ts';
import { MAX_ARTICLE_BODY, MAX_ARTICLE_TITLE } from '../../objects/rules/kb.ts';


const Article = z.object({
  title: z.pipe(z.string(), z.transform((s) => s.trim())).check(z.minLength(1), z.maxLength(MAX_ARTICLE_TITLE)),
  body: z.string().check(z.minLength(1), z.maxLength(MAX_ARTICLE_BODY)),
});
const slugOrKey = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/));
const Link = z.object({
  slug: slugOrKey,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  groupId: z.string().check(z.minLength(1), z.maxLength(64)),
  fields: z._default(z.record(z.string(), z.string().check(z.maxLength(500))), {}),
});
const Field = z.object({
  key: slugOrKey,
  label: z.string().check(z.minLength(1), z.maxLength(100)),
  type: z.enum(['text', 'number', 'select']),
  required: z._default(z.boolean(), false),
  options: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(50)), []),
});

/** Mounted inside the admin routes, behind their administrator check. */
/** Knowledge base, live chat links and custom fields (app.ts mounts it behind requireAdmin). */
export const adminContentRoutes = new Hono<AppEnv>()
  .get('/kb', async (c) => c.json({ articles: await listArticles(c.env.DB) } satisfies KbArticlesResponse))
  .post('/kb', async (c) => {
    const body = await readBody<ArticleBody>(c, Article);
    const id = randomId(8);
    await saveArticle(c.env.DB, { id, ...body, now: Date.now() }, true);
    return c.json({ id }, 201);
  })
  .put('/kb/:id', async (c) => {
    const body = await readBody<ArticleBody>(c, Article);
    if (!(await saveArticle(c.env.DB, { id: c.req.param('id'), ...body, now: Date.now() }, false))) throw new ApiError(404, 'not_found', 'No such article.');
    return c.json({ id: c.req.param('id') });
  })
  .post('/kb/:id/publish', async (c) => {
    if (!(await setArticleStatus(c.env.DB, c.req.param('id'), 'published', Date.now()))) throw new ApiError(404, 'not_found', 'No such article.');
    return c.json({ status: 'published' });
  })
  .post('/kb/:id/unpublish', async (c) => {
    if (!(await setArticleStatus(c.env.DB, c.req.param('id'), 'draft', Date.now()))) throw new ApiError(404, 'not_found', 'No such article.');
    return c.json({ status: 'draft' });
  })
  .delete('/kb/:id', async (c) => {
    if (!(await deleteArticle(c.env.DB, c.req.param('id')))) throw new ApiError(404, 'not_found', 'No such article.');
    return c.body(null, 204);
  })
  .get('/kb/stats', async (c) => {
    const articles = await listArticles(c.env.DB);
    const chatsStarted = await countAllChats(c.env.DB);
    return c.json({
      articles: articles.map(({ id, title, status, deflections }) => ({ id, title, status, deflections })),
      deflections: articles.reduce((n, a) => n + a.deflections, 0),
      chatsStarted,
    });
  })
  .get('/links', async (c) => c.json({ links: await listLinks(c.env.DB) } satisfies ChatLinksResponse))
  .post('/links', async (c) => {
    const body = await readBody<ChatLink>(c, Link);
    if (!(await findGroup(c.env.DB, body.groupId))) throw new ApiError(404, 'unknown_group', 'No such group.');
    if (!(await createLink(c.env.DB, { ...body, now: Date.now() }))) throw new ApiError(409, 'slug_taken', 'A link with that address exists.');
    return c.json({ slug: body.slug }, 201);
  })
  .delete('/links/:slug', async (c) => {
    if (!(await deleteLink(c.env.DB, c.req.param('slug')))) throw new ApiError(404, 'not_found', 'No such link.');
    return c.body(null, 204);
  })
  .get('/fields', async (c) => c.json({ fields: await listFields(c.env.DB) } satisfies CustomFieldsResponse))
  .post('/fields', async (c) => {
    const body = await readBody<CustomField>(c, Field);
    if (body.type === 'select' && body.options.length === 0) throw new ApiError(400, 'invalid_body', 'A select field needs options.');
    if (!(await createField(c.env.DB, body))) throw new ApiError(409, 'key_taken', 'A field with that key exists.');
    return c.json({ key: body.key }, 201);
  })
  .delete('/fields/:key', async (c) => {
    if (!(await deleteField(c.env.DB, c.req.param('key')))) throw new ApiError(404, 'not_found', 'No such field.');
    return c.body(null, 204);
  });
