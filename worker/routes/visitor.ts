// The customer's side: the groups to pick from, starting a chat, and the chat's socket for the
// holder of that chat's signed token. Nothing here ever returns staff-only content.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { type Caller, identityHeaders } from '../../objects/identity.ts';
import { MAX_TEXT_LENGTH } from '../../objects/protocol.ts';
import type { AppEnv } from '../app-env.ts';
import { randomId } from '../auth/encoding.ts';
import { issueVisitorToken, verifyVisitorToken } from '../auth/visitor-token.ts';
import { findGroup, listGroups } from '../db/agents.ts';
import { findChat } from '../db/chats.ts';
import { ApiError } from '../errors.ts';
import { readBody } from '../validate.ts';
import { chatStub } from './chats.ts';

const trimmed = (max: number) => z.pipe(z.string(), z.transform((s) => s.trim())).check(z.minLength(1), z.maxLength(max));

const StartChat = z.object({
  name: trimmed(100),
  email: z.email().check(z.maxLength(254)),
  question: trimmed(MAX_TEXT_LENGTH),
  groupId: z.string().check(z.minLength(1), z.maxLength(64)),
});

/** The chat id, once the visitor's token is shown to open exactly that chat. */
async function requireToken(secret: string, chatId: string, token: string | undefined): Promise<string> {
  if (!(await verifyVisitorToken(secret, token ?? '', chatId, Date.now()))) {
    throw new ApiError(401, 'bad_token', 'This link does not open that chat.');
  }
  return chatId;
}

export const publicRoutes = new Hono<AppEnv>().get('/groups', async (c) => c.json({ groups: await listGroups(c.env.DB) }));

export const visitorRoutes = new Hono<AppEnv>()
  .post('/chats', async (c) => {
    const body = await readBody(c, StartChat);
    const group = await findGroup(c.env.DB, body.groupId);
    if (!group) throw new ApiError(404, 'unknown_group', 'No such group.');
    const id = randomId();
    const result = await chatStub(c.env, id).open({
      id,
      groupId: group.id,
      groupName: group.name,
      visitor: { role: 'visitor', id, name: body.name },
      visitorEmail: body.email.toLowerCase(),
      question: body.question,
    });
    if (!result.ok) throw new ApiError(409, result.code, result.message);
    const ttlMs = Number(c.env.VISITOR_TOKEN_TTL) * 1000;
    const token = await issueVisitorToken(c.env.TOKEN_SECRET, id, Date.now() + ttlMs);
    return c.json({ chatId: id, token }, 201);
  })
  .get('/chats/:id/transcript', async (c) => {
    const chatId = await requireToken(c.env.TOKEN_SECRET, c.req.param('id'), c.req.query('token'));
    const transcript = await chatStub(c.env, chatId).transcript('visitor');
    if (!transcript) throw new ApiError(404, 'not_found', 'No such chat.');
    return c.json(transcript);
  })
  .get('/chats/:id/ws', async (c) => {
    const chatId = await requireToken(c.env.TOKEN_SECRET, c.req.param('id'), c.req.query('token'));
    const chat = await findChat(c.env.DB, chatId);
    if (!chat) throw new ApiError(404, 'not_found', 'No such chat.');
    const req = c.req.raw;
    const caller: Caller = { person: { role: 'visitor', id: chatId, name: chat.visitorName }, rank: null };
    return chatStub(c.env, chatId).fetch(new Request(req, { headers: identityHeaders(caller, req.headers) }));
  });
