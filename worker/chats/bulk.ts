// Actions on the chats an agent selected in a list: transfer them, or delete them. Every chat is
// checked before anything changes: one outside the caller's groups, or (for delete) one not yet
// completed, refuses the whole request with the chats named, and nothing changes.
import type { BulkDeleteBody, BulkTransferBody } from './wire.ts';
import type { BulkDeleteResponse, BulkTransferResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../http/app-env.ts';
import { requireAgent } from '../auth/session.ts';
import { chatsForAgent } from './queries.ts';
import { ApiError } from '../http/errors.ts';
import { orRefuse } from '../http/refusals.ts';
import { readBody } from '../http/body.ts';
import { callerOf, chatStub, resolveTarget, TransferComment, TransferTo } from './actions.ts';
import { bulkManualEventRoutes } from '../manual-events/routes.ts';

/** The most chats one bulk action takes. */
export const MAX_BULK = 100;

const chatIds = z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(MAX_BULK));

async function selected(env: Env, agentId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const chats = await chatsForAgent(env.DB, agentId, unique);
  const missing = unique.filter((id) => !chats.some((ch) => ch.id === id));
  if (missing.length > 0) throw new ApiError(404, 'not_found', `Not found in your groups: ${missing.join(', ')}.`);
  // In the order they were asked for, so answers line up with the selection.
  return unique.map((id) => chats.find((ch) => ch.id === id)!);
}

export const bulkRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  // Running a manual event on the selected chats (worker/manual-events/routes.ts).
  .route('/manual-events', bulkManualEventRoutes)
  .post('/delete', async (c) => {
    const body = await readBody<BulkDeleteBody>(c, z.object({ chatIds }));
    const chats = await selected(c.env, c.get('agent').id, body.chatIds);
    const open = chats.filter((ch) => ch.status !== 'ended');
    if (open.length > 0) {
      const names = open.map((ch) => `${ch.visitorName} (${ch.status})`).join(', ');
      throw new ApiError(409, 'not_ended', `Only completed chats can be deleted; still open: ${names}. Nothing was deleted.`);
    }
    // Ended chats stay ended, so the check above still holds as each is deleted.
    const caller = callerOf(c.get('agent'));
    for (const ch of chats) {
      const result = await chatStub(c.env, ch.id).delete(caller);
      orRefuse(result);
    }
    return c.json({ deleted: chats.map((ch) => ch.id) } satisfies BulkDeleteResponse);
  })
  .post('/transfer', async (c) => {
    const body = await readBody<BulkTransferBody>(c, z.object({ chatIds, to: TransferTo, comment: TransferComment }));
    const chats = await selected(c.env, c.get('agent').id, body.chatIds);
    const ended = chats.filter((ch) => ch.status === 'ended');
    if (ended.length > 0) throw new ApiError(409, 'chat_ended', `Completed chats cannot be transferred: ${ended.map((ch) => ch.visitorName).join(', ')}.`);
    const targets = await Promise.all(chats.map((ch) => resolveTarget(c.env, body.to, ch.groupId)));
    const caller = callerOf(c.get('agent'));
    // Each transfer is its own chat's decision: one may be refused (say, the agent is full) while
    // the others go through; the answer says which.
    const results: BulkTransferResponse['results'] = [];
    for (const [i, ch] of chats.entries()) {
      const result = await chatStub(c.env, ch.id).transfer(caller, targets[i]!, body.comment);
      results.push(result.ok ? { chatId: ch.id, ok: true } : { chatId: ch.id, ok: false, code: result.code, message: result.message });
    }
    return c.json({ results } satisfies BulkTransferResponse);
  });
