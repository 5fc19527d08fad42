// The administrator's manual events (app.ts mounts these behind requireAdmin): list, create,
// replace and delete. A body is checked whole before anything is written: its shape (zod), the
// rules (objects/rules/manual-events.ts: names, limits, templates' variables, addresses), then
// what only D1 knows (the groups exist, a transfer's group or agent exists, the name is free).
import type { ManualEventBody, ManualEventsResponse } from './wire.ts';
import { Hono } from 'hono';
import { checkManualEvent, ManualEventSchema, type ManualEventInput } from '../../objects/rules/manual-events.ts';
import type { AppEnv } from '../http/app-env.ts';
import { randomId } from '../auth/encoding.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { listFields } from '../content/queries.ts';
import { findGroup } from '../people/queries.ts';
import { agentExists, createEvent, deleteEvent, listEvents, updateEvent } from './queries.ts';

const NAME_TAKEN = 'A manual event with that name exists.';

/** The body, checked against the rules and against D1; the first refusal is thrown. */
async function checkedEvent(env: Env, body: ManualEventBody): Promise<ManualEventInput> {
  const fieldKeys = (await listFields(env.DB)).map((f) => f.key);
  const checked = checkManualEvent(body, fieldKeys);
  if (!checked.ok) throw new ApiError(400, checked.code, checked.message, checked.field);
  const { event } = checked;
  for (const groupId of event.groupIds) {
    if (!(await findGroup(env.DB, groupId))) throw new ApiError(404, 'unknown_group', `No such group: ${groupId}.`, 'groupIds');
  }
  for (const [i, action] of event.actions.entries()) {
    if (action.type !== 'transfer') continue;
    const field = `actions.${i}.to`;
    if (action.to.kind === 'group' && !(await findGroup(env.DB, action.to.groupId))) {
      throw new ApiError(404, 'unknown_group', `Action ${i + 1} (transfer): no such group: ${action.to.groupId}.`, field);
    }
    if (action.to.kind === 'agent' && !(await agentExists(env.DB, action.to.agentId))) {
      throw new ApiError(404, 'unknown_agent', `Action ${i + 1} (transfer): no such enabled agent: ${action.to.agentId}.`, field);
    }
  }
  return event;
}

export const adminManualEventRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ events: await listEvents(c.env.DB) } satisfies ManualEventsResponse))
  .post('/', async (c) => {
    const event = await checkedEvent(c.env, await readBody<ManualEventBody>(c, ManualEventSchema));
    const id = randomId(8);
    if (!(await createEvent(c.env.DB, id, event, Date.now()))) throw new ApiError(409, 'event_name_taken', NAME_TAKEN, 'name');
    return c.json({ id }, 201);
  })
  .put('/:id', async (c) => {
    const event = await checkedEvent(c.env, await readBody<ManualEventBody>(c, ManualEventSchema));
    const id = c.req.param('id');
    const outcome = await updateEvent(c.env.DB, id, event, Date.now());
    if (outcome === 'missing') throw new ApiError(404, 'not_found', 'No such manual event.');
    if (outcome === 'name_taken') throw new ApiError(409, 'event_name_taken', NAME_TAKEN, 'name');
    return c.json({ id });
  })
  .delete('/:id', async (c) => {
    if (!(await deleteEvent(c.env.DB, c.req.param('id')))) throw new ApiError(404, 'not_found', 'No such manual event.');
    return c.body(null, 204);
  });
