// Messages customers left while nobody in their group was online: agents find them here, in the
// groups they belong to, and mark them handled.
import type { OfflineMessagesResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { readQuery } from '../http/body.ts';
import { requireAgent } from '../auth/session.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError } from '../http/errors.ts';
import { listOfflineMessages, markHandled } from './queries.ts';

export const messageRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const { state } = readQuery(c, z.object({ state: z._default(z.enum(['open', 'handled']), 'open') }), { hint: 'state is open or handled.' });
    return c.json({ messages: await listOfflineMessages(c.env.DB, c.get('agent').id, state) } satisfies OfflineMessagesResponse);
  })
  .post('/:id/handled', async (c) => {
    if (!(await markHandled(c.env.DB, c.req.param('id'), c.get('agent'), Date.now()))) {
      throw new ApiError(404, 'not_found', 'No such message in your groups.');
    }
    return c.json({ handled: true });
  });
