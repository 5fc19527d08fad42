// Agents' chat routes: lists from D1, take and end through the chat's object, and the chat's
// WebSocket upgrade, forwarded to the object (Hono's upgradeWebSocket cannot hibernate).
// Every route first finds the chat among the caller's groups: outside them it does not exist.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { CommandResult } from '../../objects/chat/room.ts';
import { type Caller, identityHeaders } from '../../objects/identity.ts';
import type { AppEnv, SessionAgent } from '../app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { type ChatFilter, findChatForAgent, listChats } from '../db/chats.ts';
import { groupsOf } from '../db/agents.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../errors.ts';

export function chatStub(env: Env, chatId: string) {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
}

export function callerOf(agent: SessionAgent): Caller {
  return { person: { role: 'agent', id: agent.id, name: agent.name }, rank: agent.role };
}

async function requireChat(env: Env, agent: SessionAgent, chatId: string) {
  const chat = await findChatForAgent(env.DB, agent.id, chatId);
  if (!chat) throw new ApiError(404, 'not_found', 'No such chat in your groups.');
  return chat;
}

function answer(result: CommandResult) {
  if (result.ok) return { chat: result.chat };
  throw new ApiError(result.code === 'not_allowed' ? 403 : 409, result.code, result.message);
}

const ListQuery = z.discriminatedUnion('view', [
  z.object({ view: z.enum(['my-active', 'my-completed', 'queued', 'global']) }),
  z.object({ view: z.literal('group'), group: z.string().check(z.minLength(1)), state: z.enum(['active', 'inactive']) }),
]);

function parseFilter(query: Record<string, string>): ChatFilter {
  const parsed = ListQuery.safeParse({ view: 'my-active', ...query });
  if (!parsed.success) {
    throw new ApiError(
      400,
      'bad_view',
      'view must be my-active, my-completed, queued, global, or group (with group=<id> and state=active|inactive).',
    );
  }
  const q = parsed.data;
  return q.view === 'group' ? { view: 'group', groupId: q.group, state: q.state } : { view: q.view };
}

export const chatRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const agent = c.get('agent');
    const filter = parseFilter(c.req.query());
    if (filter.view === 'group' && !(await groupsOf(c.env.DB, agent.id)).some((g) => g.id === filter.groupId)) {
      throw new ApiError(404, 'not_found', 'No such group among yours.');
    }
    return c.json({ chats: await listChats(c.env.DB, agent.id, filter) });
  })
  .get('/:id', async (c) => c.json({ chat: await requireChat(c.env, c.get('agent'), c.req.param('id')) }))
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
  .post('/:id/end', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json(answer(await chatStub(c.env, chat.id).end(callerOf(agent))));
  })
  .get('/:id/ws', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    const req = c.req.raw;
    return chatStub(c.env, chat.id).fetch(new Request(req, { headers: identityHeaders(callerOf(agent), req.headers) }));
  });
