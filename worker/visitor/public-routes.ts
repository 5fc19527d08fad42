// What anyone may ask before a chat exists: the groups and whether anyone is online in them, the
// custom fields, a live chat link's presets, and the knowledge base (published articles only).
import type { DeflectionBody, PublicArticleResponse, SuggestionsResponse } from '../kb/wire.ts';
import type { OnlineAnswer, PublicConfig } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { onlineByGroup } from '../lobby/store.ts';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';
import type { AppEnv } from '../http/app-env.ts';
import { randomId } from '../auth/encoding.ts';
import { findGroup, listGroups } from '../people/queries.ts';
import { findLink, listFields } from '../content/queries.ts';
import { findArticle, insertDeflection, searchArticles } from '../kb/queries.ts';
import { limitPerAddress } from '../auth/client.ts';
import { ApiError } from '../http/errors.ts';
import { readBody, readQuery } from '../http/body.ts';

/** How many articles the suggestions page shows at most. */
export const MAX_SUGGESTIONS = 10;

const SearchQuery = z.object({
  q: z.string().check(z.maxLength(MAX_TEXT_LENGTH), z.refine((s) => s.trim() !== '', { message: 'empty' })),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_SUGGESTIONS)), 5),
});

const Deflection = z.object({
  articleId: z.string().check(z.minLength(1), z.maxLength(64)),
  groupId: z.string().check(z.minLength(1), z.maxLength(64)),
  question: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
});

export const publicRoutes = new Hono<AppEnv>()
  .get('/groups', async (c) => c.json({ groups: await listGroups(c.env.DB) }))
  .get('/config', async (c) => {
    const slug = c.req.query('link');
    const link = slug ? await findLink(c.env.DB, slug) : null;
    if (slug && !link) throw new ApiError(404, 'unknown_link', 'This chat link does not exist (any more).');
    const [groups, fields] = await Promise.all([listGroups(c.env.DB), listFields(c.env.DB)]);
    // One D1 read for every group's availability, whatever the number of groups (worker/lobby/store.ts).
    const online = await onlineByGroup(c.env.DB, Date.now());
    return c.json({ groups: groups.map((g) => ({ ...g, online: online.get(g.id) ?? 0 })), fields, link: link ?? null } satisfies PublicConfig);
  })
  .get('/online', async (c) => {
    const groupId = c.req.query('group');
    const online = await onlineByGroup(c.env.DB, Date.now());
    // The loader asks from the embedding website's origin: worker/http/security-headers.ts lets
    // that origin read this answer (public, no cookies); nothing else of the API.
    c.header('Cache-Control', 'no-store');
    if (groupId === undefined || groupId === '') return c.json({ online: [...online.values()].some((n) => n > 0) } satisfies OnlineAnswer);
    if (groupId.length > 64 || !(await findGroup(c.env.DB, groupId))) throw new ApiError(404, 'unknown_group', 'No such group.');
    return c.json({ online: (online.get(groupId) ?? 0) > 0 } satisfies OnlineAnswer);
  })
  .get('/kb/search', async (c) => {
    const { q, limit } = readQuery(c, SearchQuery, { hint: `q is 1 to ${MAX_TEXT_LENGTH} characters; limit is 1 to ${MAX_SUGGESTIONS}.` });
    return c.json({ articles: await searchArticles(c.env.DB, q, limit) } satisfies SuggestionsResponse);
  })
  .get('/kb/articles/:id', async (c) => {
    const article = await findArticle(c.env.DB, c.req.param('id'));
    if (!article || article.status !== 'published') throw new ApiError(404, 'not_found', 'No such article.');
    return c.json({ article: { id: article.id, title: article.title, body: article.body, updatedAt: article.updatedAt } } satisfies PublicArticleResponse);
  })
  .post('/kb/deflections', async (c) => {
    const body = await readBody<DeflectionBody>(c, Deflection);
    await limitPerAddress(c, c.env.VISITOR_LIMITER, 'deflection', {
      code: 'rate_limited',
      message: 'Too many answers from this address: wait a minute and try again.',
    });
    const article = await findArticle(c.env.DB, body.articleId);
    if (!article || article.status !== 'published') throw new ApiError(404, 'not_found', 'No such article.');
    if (!(await findGroup(c.env.DB, body.groupId))) throw new ApiError(404, 'unknown_group', 'No such group.');
    await insertDeflection(c.env.DB, { id: randomId(), articleId: body.articleId, groupId: body.groupId, question: body.question, now: Date.now() });
    return c.json({ counted: true }, 201);
  });
