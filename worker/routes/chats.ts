// Agents' chat routes: lists from D1, take and end through the chat's object, and the chat's
// WebSocket upgrade, forwarded to the object (Hono's upgradeWebSocket cannot hibernate).
import { Hono } from 'hono';
import type { Person } from '../../objects/protocol.ts';
import { identityHeaders } from '../../objects/identity.ts';
import type { CommandResult } from '../../objects/chat/room.ts';
import type { AppEnv, SessionAgent } from '../app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { CHAT_VIEWS, type ChatView, findChatForAgent, listChats } from '../db/chats.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../errors.ts';

export function chatStub(env: Env, chatId: string) {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId));
}

function asPerson(agent: SessionAgent): Person {
  return { role: 'agent', id: agent.id, name: agent.name };
}

async function requireChat(env: Env, agent: SessionAgent, chatId: string) {
  const chat = await findChatForAgent(env.DB, agent.id, chatId);
  if (!chat) throw new ApiError(404, 'not_found', 'No such chat in your groups.');
  return chat;
}

function answer(result: CommandResult) {
  if (!result.ok) throw new ApiError(409, result.code, result.message);
  return { chat: result.chat };
}

export const chatRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const view = c.req.query('view') ?? 'my-active';
    if (!(CHAT_VIEWS as readonly string[]).includes(view)) {
      throw new ApiError(400, 'bad_view', `view must be one of: ${CHAT_VIEWS.join(', ')}.`);
    }
    return c.json({ chats: await listChats(c.env.DB, c.get('agent').id, view as ChatView) });
  })
  .get('/:id', async (c) => c.json({ chat: await requireChat(c.env, c.get('agent'), c.req.param('id')) }))
  .post('/:id/take', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json(answer(await chatStub(c.env, chat.id).take(asPerson(agent))));
  })
  .post('/:id/end', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    return c.json(answer(await chatStub(c.env, chat.id).end(asPerson(agent))));
  })
  .get('/:id/ws', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id'));
    const req = c.req.raw;
    return chatStub(c.env, chat.id).fetch(new Request(req, { headers: identityHeaders(asPerson(agent), req.headers) }));
  });
