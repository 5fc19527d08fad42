// Agents' manual events: the ones they may run (anywhere, for the list's menu; on one chat, for
// the chat's Actions menu), running one on a chat, and on the chats selected in a list. May run
// = the chat is among the caller's groups and the chat's group is among the event's, both read
// from D1 at the moment of the run, never from what a menu showed. chats/routes.ts mounts the
// chat's routes under /api/chats/:id/manual-events, chats/bulk.ts the bulk one under /api/bulk.
import type { BulkRunBody, BulkRunResponse, ManualEvent, RunnableEvent, RunnableEventsResponse, RunResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { DEFAULT_PAGE_SIZE, type ChatListRow } from '../../objects/protocol.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { chatsForAgent } from '../chats/queries.ts';
import { requireChat } from '../chats/actions.ts';
import { eventsForAgent, eventUsableIn, findEvent } from './queries.ts';
import { runManualEvent } from './run.ts';

/** The most chats one bulk run takes: each runs every action of the event, so a list page's worth. */
export const MAX_BULK_RUN = DEFAULT_PAGE_SIZE;

function runnable(event: ManualEvent): RunnableEvent {
  return { id: event.id, name: event.name, groupIds: event.groupIds, actions: event.actions.map((a) => a.type) };
}

async function requireEvent(env: Env, eventId: string): Promise<ManualEvent> {
  const event = await findEvent(env.DB, eventId);
  if (!event) throw new ApiError(404, 'not_found', 'No such manual event.');
  return event;
}

function notForGroup(event: ManualEvent, chats: readonly ChatListRow[]): ApiError {
  const names = chats.map((ch) => `${ch.visitorName} (${ch.groupName})`).join(', ');
  return new ApiError(403, 'event_not_for_group', `${event.name} is not for the group of: ${names}. Nothing was run.`);
}

/** GET /api/manual-events: every event usable in at least one of the caller's groups, with those groups. */
export const manualEventRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => c.json({ events: (await eventsForAgent(c.env.DB, c.get('agent').id)).map(runnable) } satisfies RunnableEventsResponse));

/** Under /api/chats/:id/manual-events (behind chats/routes.ts's requireAgent). */
export const chatManualEventRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    const events = (await eventsForAgent(c.env.DB, agent.id)).filter((e) => e.groupIds.includes(chat.groupId));
    return c.json({ events: events.map(runnable) } satisfies RunnableEventsResponse);
  })
  .post('/:eventId/run', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    const event = await requireEvent(c.env, c.req.param('eventId'));
    if (!(await eventUsableIn(c.env.DB, event.id, chat.groupId))) throw notForGroup(event, [chat]);
    return c.json({ run: await runManualEvent(c.env, agent, chat, event) } satisfies RunResponse);
  });

const chatIds = z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(MAX_BULK_RUN));

/**
 * Under /api/bulk/manual-events (behind bulk.ts's requireAgent). Every chat is checked first: one
 * outside the caller's groups, or in a group the event is not for, refuses the whole request with
 * the chats named, and nothing runs. Then the event runs on each chat in turn; each run's
 * outcomes are its own (one chat's failed transfer does not stop the next chat's run).
 */
export const bulkManualEventRoutes = new Hono<AppEnv>().post('/:eventId/run', async (c) => {
  const agent = c.get('agent');
  const body = await readBody<BulkRunBody>(c, z.object({ chatIds }));
  const event = await requireEvent(c.env, c.req.param('eventId'));
  const unique = [...new Set(body.chatIds)];
  const found = await chatsForAgent(c.env.DB, agent.id, unique);
  const missing = unique.filter((id) => !found.some((ch) => ch.id === id));
  if (missing.length > 0) throw new ApiError(404, 'not_found', `Not found in your groups: ${missing.join(', ')}. Nothing was run.`);
  const chats = unique.map((id) => found.find((ch) => ch.id === id)!);
  const outside = chats.filter((ch) => !event.groupIds.includes(ch.groupId));
  if (outside.length > 0) throw notForGroup(event, outside);
  const results: BulkRunResponse['results'] = [];
  for (const chat of chats) {
    // Read again as each run starts: a colleague may have moved or ended it while earlier chats ran.
    const now = (await chatsForAgent(c.env.DB, agent.id, [chat.id]))[0];
    if (!now) results.push({ chatId: chat.id, ok: false, code: 'not_found', message: 'No longer in your groups.' });
    else if (!(await eventUsableIn(c.env.DB, event.id, now.groupId))) results.push({ chatId: chat.id, ok: false, code: 'event_not_for_group', message: `${event.name} is not for ${now.groupName}.` });
    else results.push({ chatId: chat.id, ok: true, run: await runManualEvent(c.env, agent, now, event) });
  }
  return c.json({ results } satisfies BulkRunResponse);
});
