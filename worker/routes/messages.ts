// Messages customers left while nobody in their group was online: agents find them here, in the
// groups they belong to, and mark them handled.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { ApiError } from '../errors.ts';

/** The most messages one list returns. */
const MESSAGE_PAGE = 200;

export const messageRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const state = c.req.query('state') ?? 'open';
    if (state !== 'open' && state !== 'handled') throw new ApiError(400, 'bad_state', 'state is open or handled.');
    const { results } = await c.env.DB.prepare(
      `SELECT o.id, o.group_id AS groupId, g.name AS groupName, o.name, o.email, o.message,
              o.custom_fields AS fields, o.created_at AS createdAt, o.handled_by AS handledBy, o.handled_at AS handledAt
         FROM offline_messages o
         JOIN memberships m ON m.group_id = o.group_id AND m.agent_id = ?1
         JOIN groups g ON g.id = o.group_id
        WHERE (o.handled_at IS NULL) = ?2
        ORDER BY o.created_at DESC LIMIT ${MESSAGE_PAGE}`,
    )
      .bind(c.get('agent').id, state === 'open' ? 1 : 0)
      .all<{ fields: string }>();
    return c.json({ messages: results.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> })) });
  })
  .post('/:id/handled', async (c) => {
    const agent = c.get('agent');
    const done = await c.env.DB.prepare(
      `UPDATE offline_messages SET handled_by = ?1, handled_at = ?2
        WHERE id = ?3 AND group_id IN (SELECT group_id FROM memberships WHERE agent_id = ?4) RETURNING id`,
    )
      .bind(agent.name, Date.now(), c.req.param('id'), agent.id)
      .first();
    if (!done) throw new ApiError(404, 'not_found', 'No such message in your groups.');
    return c.json({ handled: true });
  });
