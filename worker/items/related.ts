// Related items (the seed's Add → Related Item and the Related Items tab): relate a chat, ticket,
// task or call log to another one the caller may see, found by number, subject or customer; list
// what is related (both ways: a ticket lists its chats, a chat its tickets); unrelate. Both sides
// must be in the caller's groups. A chat on either side gets a History line (naming an item of
// another group only by its kind). Mounted at /api/related.
import type { FoundItemsResponse, RelateBody, RelatedResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { ITEM_KINDS, type ItemKind, type ItemRef, kindName } from '../../objects/rules/items.ts';
import { requireAgent } from '../auth/session.ts';
import type { AppEnv, SessionAgent } from '../http/app-env.ts';
import { readBody, readQuery } from '../http/body.ts';
import { idField } from '../http/paging.ts';
import { ApiError } from '../http/errors.ts';
import { deleteRelation, describeItem, type DescribedItem, findItems, insertRelation, isRelated, type ItemKey, relatedOf } from './queries.ts';
import { noteOnChat } from './scope.ts';

const Relate = z.object({ kind: z.enum(ITEM_KINDS), id: idField });
const FindQuery = z.object({
  q: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  kinds: z._default(z.string().check(z.regex(/^(ticket|task|call|chat)(,(ticket|task|call|chat))*$/)), 'ticket,call,chat'),
});

function keyOf(kind: string, itemId: string): ItemKey {
  if (!(ITEM_KINDS as readonly string[]).includes(kind)) throw new ApiError(404, 'not_found', `No such kind of item: ${kind}.`);
  return { kind: kind as ItemKind, id: itemId };
}

/** The item, named, if the caller may see it. */
async function requireItem(env: Env, agent: SessionAgent, key: ItemKey) {
  const item = await describeItem(env.DB, agent.id, key, Date.now());
  if (!item) throw new ApiError(404, 'not_found', 'No such item in your groups.');
  return item;
}

/**
 * How a chat's History names the other item: by its label when it is in the chat's group, else
 * only by its kind (everyone on the chat's staff reads its History; an item of another group is
 * not theirs to read about).
 */
export function historyLabel(other: DescribedItem, chatGroupId: string): ItemRef {
  const label = other.groupId === chatGroupId ? other.label : `a ${kindName(other.kind).toLowerCase()} of another group`;
  return { kind: other.kind, id: other.id, label };
}

/** Each chat of the two gets a History line naming the other. */
async function noteBoth(env: Env, agent: SessionAgent, a: DescribedItem, b: DescribedItem, change: 'added' | 'removed') {
  await Promise.all([
    a.kind === 'chat' ? noteOnChat(env, agent, a.id, historyLabel(b, a.groupId), change) : null,
    b.kind === 'chat' ? noteOnChat(env, agent, b.id, historyLabel(a, b.groupId), change) : null,
  ]);
}

export const relatedRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/find', async (c) => {
    const q = readQuery(c, FindQuery, { hint: 'q is a number ("1042" or "#1042"), a subject or a customer; kinds is a comma list of ticket, task, call, chat.' });
    const kinds = q.kinds.split(',') as ItemKind[];
    return c.json({ items: await findItems(c.env.DB, c.get('agent').id, q.q, kinds, Date.now()) } satisfies FoundItemsResponse);
  })
  .get('/:kind/:id', async (c) => {
    const agent = c.get('agent');
    const key = keyOf(c.req.param('kind'), c.req.param('id'));
    await requireItem(c.env, agent, key);
    return c.json({ related: await relatedOf(c.env.DB, agent.id, key, Date.now()) } satisfies RelatedResponse);
  })
  .post('/:kind/:id', async (c) => {
    const agent = c.get('agent');
    const key = keyOf(c.req.param('kind'), c.req.param('id'));
    const body = await readBody<RelateBody>(c, Relate);
    if (body.kind === key.kind && body.id === key.id) throw new ApiError(400, 'same_item', 'An item cannot be related to itself.');
    const [a, b] = await Promise.all([requireItem(c.env, agent, key), requireItem(c.env, agent, body)]);
    if (await isRelated(c.env.DB, key, body)) throw new ApiError(409, 'already_related', `${b.label} is related already.`);
    await c.env.DB.batch(insertRelation(c.env.DB, key, body, agent.id, Date.now()));
    await noteBoth(c.env, agent, a, b, 'added');
    return c.json({ related: await relatedOf(c.env.DB, agent.id, key, Date.now()) } satisfies RelatedResponse, 201);
  })
  .delete('/:kind/:id/:toKind/:toId', async (c) => {
    const agent = c.get('agent');
    const key = keyOf(c.req.param('kind'), c.req.param('id'));
    const other = keyOf(c.req.param('toKind'), c.req.param('toId'));
    const [a, b] = await Promise.all([requireItem(c.env, agent, key), requireItem(c.env, agent, other)]);
    if (!(await isRelated(c.env.DB, key, other))) throw new ApiError(404, 'not_related', `${b.label} is not related.`);
    await c.env.DB.batch(deleteRelation(c.env.DB, key, other));
    await noteBoth(c.env, agent, a, b, 'removed');
    return c.body(null, 204);
  });
