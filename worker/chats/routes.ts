// Agents' chat routes: lists and counts from D1; take, transfer, follow-up, end and delete
// through the chat's object; the chat's WebSocket upgrade, forwarded to the object (Hono's
// upgradeWebSocket cannot hibernate). Every route first finds the chat among the caller's groups:
// outside them it does not exist. Actions on several chats are in bulk.ts.
import type { FollowUpBody, TranscriptEmailBody, TransferBody as TransferBodyWire, TranslateBody } from './wire.ts';
import type { ChatCommandResponse, ChatCounts, ChatListResponse, ChatRowResponse, TranscriptResponse, TranslateResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { MAX_FOLLOW_UP_AHEAD_MS } from '../../objects/chat/logic.ts';
import { isLanguageTag } from '../../objects/rules/language.ts';
import type { CommandResult } from '../../objects/chat/room.ts';
import { identityHeaders } from '../../objects/identity.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { groupsOf } from '../people/queries.ts';
import { countChats, listChats, SORT_KEYS } from './queries.ts';
import { parseAddresses, sendTranscript } from './email.ts';
import { ApiError } from '../http/errors.ts';
import { serveUpload, storeUpload } from './files.ts';
import { translateChat } from './translate.ts';
import { translatorFor } from './translate-ai.ts';
import { readBody, readQuery } from '../http/body.ts';
import { pageQuery } from '../http/paging.ts';
import { orRefuse } from '../http/refusals.ts';
import { callerOf, chatStub, requireChat, resolveTarget, TransferBody } from './actions.ts';
import { recordRoutes } from './record-routes.ts';
import { chatManualEventRoutes } from '../manual-events/routes.ts';
import { assistanceRoutes } from '../assistance/routes.ts';

export { callerOf, chatStub } from './actions.ts';

function answer(result: CommandResult): ChatCommandResponse {
  return { chat: orRefuse(result).chat };
}

const page = {
  sort: z._default(z.enum(SORT_KEYS), 'started'),
  dir: z._default(z.enum(['asc', 'desc']), 'desc'),
  ...pageQuery,
};
const ListQuery = z.discriminatedUnion('view', [
  z.object({ view: z.enum(['my-active', 'my-completed', 'queued', 'global']), ...page }),
  z.object({ view: z.literal('group'), group: z.string().check(z.minLength(1)), state: z.enum(['active', 'inactive']), ...page }),
]);

export const chatRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .route('/:id', recordRoutes)
  .route('/:id/manual-events', chatManualEventRoutes)
  .route('/:id/assistance', assistanceRoutes)
  .get('/', async (c) => {
    const agent = c.get('agent');
    const q = readQuery(c, ListQuery, {
      defaults: { view: 'my-active' },
      hint:
        'view is my-active, my-completed, queued, global, or group with group=<id> and state=active|inactive; ' +
        `sort is one of ${SORT_KEYS.join(', ')}; dir is asc or desc.`,
    });
    if (q.view === 'group' && !(await groupsOf(c.env.DB, agent.id)).some((g) => g.id === q.group)) {
      throw new ApiError(404, 'not_found', 'No such group among yours.');
    }
    const filter = q.view === 'group' ? { view: q.view, groupId: q.group, state: q.state } : { view: q.view };
    const options = { sort: q.sort, dir: q.dir, limit: q.limit, offset: q.offset, now: Date.now() };
    return c.json((await listChats(c.env.DB, agent.id, filter, options)) satisfies ChatListResponse);
  })
  .get('/counts', async (c) => c.json((await countChats(c.env.DB, c.get('agent').id)) satisfies ChatCounts))
  .get('/:id', async (c) => c.json({ chat: await requireChat(c.env, c.get('agent'), c.req.param('id')) } satisfies ChatRowResponse))
  .post('/:id/take', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json(answer(await chatStub(c.env, chat.id).take(callerOf(agent), false)));
  })
  .post('/:id/take-over', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json(answer(await chatStub(c.env, chat.id).take(callerOf(agent), true)));
  })
  .post('/:id/transfer', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    const body = await readBody<TransferBodyWire>(c, TransferBody);
    const to = await resolveTarget(c.env, body.to, chat.groupId);
    return c.json(answer(await chatStub(c.env, chat.id).transfer(callerOf(agent), to, body.comment)));
  })
  .put('/:id/follow-up', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    const { at } = await readBody<FollowUpBody>(c, z.object({ at: z.nullable(z.int().check(z.minimum(0))) }));
    const now = Date.now();
    if (at !== null && (at <= now || at > now + MAX_FOLLOW_UP_AHEAD_MS)) {
      throw new ApiError(400, 'invalid_body', 'A follow-up is a time in the future, at most a year ahead (ms since the epoch).', 'at');
    }
    return c.json(answer(await chatStub(c.env, chat.id).setFollowUp(callerOf(agent), at)));
  })
  .post('/:id/end', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json(answer(await chatStub(c.env, chat.id).end(callerOf(agent))));
  })
  .delete('/:id', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    answer(await chatStub(c.env, chat.id).delete(callerOf(agent)));
    return c.body(null, 204);
  })
  .get('/:id/transcript', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('id'));
    const transcript = await chatStub(c.env, chat.id).transcript('agent');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such chat.');
    return c.json({ ...transcript, row: chat } satisfies TranscriptResponse);
  })
  .post('/:id/files', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json({ file: await storeUpload(c.env, chat.id, callerOf(agent), c.req.raw) }, 201);
  })
  .get('/:id/files/:fileId', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('id'));
    return serveUpload(c.env, chat.id, c.req.param('fileId'));
  })
  .post('/:id/transcript-email', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('id'));
    const { addresses } = await readBody<TranscriptEmailBody>(c, z.object({ addresses: z.string().check(z.maxLength(2000)) }));
    const to = parseAddresses(addresses);
    // What the customer may read: an emailed transcript never carries coaching or internal events.
    const transcript = await chatStub(c.env, chat.id).transcript('visitor');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such chat.');
    await sendTranscript(c.env, to, transcript);
    return c.json({ sent: to.length }, 202);
  })
  .post('/:id/translate', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('id'));
    const { language } = await readBody<TranslateBody>(c, z.object({ language: z.string().check(z.refine(isLanguageTag, { message: 'a language tag' })) }));
    const translator = translatorFor(c.env.AI);
    if (!translator) {
      throw new ApiError(503, 'translation_off', 'Translation is not configured: this deployment has no Workers AI binding (AI).');
    }
    if (chat.status !== 'ended') throw new ApiError(409, 'not_ended', 'Translation is available once the chat has ended.');
    const transcript = await chatStub(c.env, chat.id).transcript('agent');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such chat.');
    return c.json({ language, lines: await translateChat(translator, transcript.events, language) } satisfies TranslateResponse);
  })
  .get('/:id/ws', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    // The socket outlives this check: it carries the session and groups it was opened with, and
    // the chat holds them against the agent's rights as they change (objects/agent/hub.ts).
    const session = c.get('session');
    const groupIds = (await groupsOf(c.env.DB, agent.id)).map((g) => g.id);
    const grant = { sessionId: session.id, sessionExpiresAt: session.expiresAt, groupIds };
    const req = c.req.raw;
    return chatStub(c.env, chat.id).fetch(new Request(req, { headers: identityHeaders({ ...callerOf(agent), grant }, req.headers) }));
  });
