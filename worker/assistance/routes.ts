// Agent assistance (the seed's toolbar action "Assistance": "shows the agent any relevant KB
// articles that may help with answering", and, as its overview says, earlier resolutions): for
// staff who may see the chat now, the published articles and Resolution comments of earlier
// chats and tickets that best match what the customer and agent have said. The conversation is
// read as the customer sees it (the object's visitor transcript), so no coaching line, comment or
// other staff-only text ever shapes the search. Mounted by worker/chats/routes.ts under
// /api/chats/:id/assistance, behind its requireAgent.
import { Hono } from 'hono';
import { assistanceQuery, assistanceTerms, conversationLines, participantNames } from '../../objects/rules/assistance.ts';
import { chatStub, requireChat } from '../chats/actions.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError } from '../http/errors.ts';
import { suggest } from './queries.ts';
import type { AssistanceResponse } from './wire.ts';

export const assistanceRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const agent = c.get('agent');
  const chat = await requireChat(c.env, agent, c.req.param('id')!);
  const seen = await chatStub(c.env, chat.id).transcript('visitor');
  if (!seen) throw new ApiError(404, 'not_found', 'No such chat in your groups.');
  const terms = assistanceTerms(conversationLines(seen.events), participantNames(seen.events));
  const match = assistanceQuery(terms);
  const found = match === null ? { articles: [], resolutions: [] } : await suggest(c.env.DB, match, agent, chat.id, new URL(c.req.url).origin);
  return c.json({ terms: terms.map((t) => t.term), ...found } satisfies AssistanceResponse);
});
