// Call logs (the seed's Add → New Call Log): a phone call with a customer — their number, inbound
// or outbound, when it started, how long it lasted, the group and agent, notes. Made from a chat it
// is prefilled with the chat's customer and related to the chat. Lists by group and by agent.
// Notes, number and duration are changed by whoever logged the call, a manager or an
// administrator. Mounted at /api/calls.
import type { CallLogEditBody, CallLogListResponse, CallLogResponse, NewCallLogBody } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { MAX_EMAIL_LENGTH } from '../../objects/rules/email.ts';
import { CALL_DIRECTIONS, isPhoneNumber, MAX_CALL_SECONDS, MAX_DETAILS_LENGTH, MAX_ITEM_TIME_SPAN_MS, MAX_NAME_LENGTH } from '../../objects/rules/items.ts';
import { supervises } from '../../objects/rules/ranks.ts';
import { requireAgent } from '../auth/session.ts';
import type { AppEnv, SessionAgent } from '../http/app-env.ts';
import { readBody, readQuery } from '../http/body.ts';
import { idField, pageQuery } from '../http/paging.ts';
import { ApiError } from '../http/errors.ts';
import { callRef, findCall, insertCall, insertRelation, listCalls, relatedOf, updateCall } from './queries.ts';
import type { CallLog } from './wire.ts';
import { noteCustomerQuietly } from '../customers/queries.ts';
import { customerOf, manyLines, noteOnChat, oneLine, placeOf, requireMyGroup } from './scope.ts';

const id = idField;
const phone = oneLine(40);
const seconds = z.int().check(z.minimum(0), z.maximum(MAX_CALL_SECONDS));
const notes = manyLines(MAX_DETAILS_LENGTH);

const NewCall = z.object({
  customerName: z.optional(oneLine(MAX_NAME_LENGTH)),
  customerEmail: z.optional(z.string().check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH))),
  phone,
  direction: z.enum(CALL_DIRECTIONS),
  startedAt: z.int(),
  durationSeconds: seconds,
  groupId: z.optional(id),
  notes: z.optional(notes),
  chatId: z.optional(id),
});
const CallEdit = z.object({ notes: z.optional(notes), phone: z.optional(phone), durationSeconds: z.optional(seconds) });
const ListQuery = z.discriminatedUnion('view', [
  z.object({ view: z.literal('group'), group: id, ...pageQuery }),
  z.object({ view: z.literal('agent'), agent: z.optional(id), ...pageQuery }),
]);

function checkPhone(value: string): void {
  if (!isPhoneNumber(value)) throw new ApiError(400, 'invalid_phone', `"${value}" is not a phone number.`, 'phone');
}

async function requireCall(env: Env, agent: SessionAgent, callId: string): Promise<CallLog> {
  const call = await findCall(env.DB, agent.id, callId);
  if (!call) throw new ApiError(404, 'not_found', 'No such call log in your groups.');
  return call;
}

export const callRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const agent = c.get('agent');
    const q = readQuery(c, ListQuery, { defaults: { view: 'agent' }, hint: 'view is group with group=<id>, or agent with agent=<id> (yourself if none).' });
    if (q.view === 'group') await requireMyGroup(c.env, agent, q.group);
    const filter = q.view === 'group' ? { view: q.view, groupId: q.group } : { view: q.view, agentId: q.agent ?? agent.id };
    return c.json((await listCalls(c.env.DB, agent.id, filter, q)) satisfies CallLogListResponse);
  })
  .post('/', async (c) => {
    const agent = c.get('agent');
    const body = await readBody<NewCallLogBody>(c, NewCall);
    checkPhone(body.phone);
    const now = Date.now();
    if (body.startedAt > now || body.startedAt < now - MAX_ITEM_TIME_SPAN_MS) {
      throw new ApiError(400, 'invalid_body', 'startedAt is a time (ms since the epoch) in the past, within ten years.', 'startedAt');
    }
    const { chat, groupId } = await placeOf(c.env, agent, body);
    const { customerName, customerEmail } = customerOf(body, chat, 'optional');
    const callId = crypto.randomUUID();
    const statements = [
      insertCall(c.env.DB, {
        id: callId,
        customerName,
        customerEmail,
        phone: body.phone,
        direction: body.direction,
        startedAt: body.startedAt,
        durationSeconds: body.durationSeconds,
        groupId,
        agent: { id: agent.id, name: agent.name },
        notes: body.notes ?? '',
        now,
      }),
    ];
    if (chat) statements.push(...insertRelation(c.env.DB, { kind: 'call', id: callId }, { kind: 'chat', id: chat.id }, agent.id, now));
    const results = await c.env.DB.batch(statements);
    if (customerEmail !== '') await noteCustomerQuietly(c.env.DB, { email: customerEmail, name: customerName, at: now });
    const number = (results[0]!.results[0] as { number: number }).number;
    if (chat) await noteOnChat(c.env, agent, chat.id, callRef({ id: callId, number, customerName, phone: body.phone }), 'added');
    return c.json((await callAnswer(c.env, agent, callId)) satisfies CallLogResponse, 201);
  })
  // The answer finds the call log among the caller's groups itself (404 otherwise).
  .get('/:id', async (c) => c.json((await callAnswer(c.env, c.get('agent'), c.req.param('id'))) satisfies CallLogResponse))
  .patch('/:id', async (c) => {
    const agent = c.get('agent');
    const call = await requireCall(c.env, agent, c.req.param('id'));
    const body = await readBody<CallLogEditBody>(c, CallEdit);
    if (Object.keys(body).length === 0) throw new ApiError(400, 'invalid_body', 'Change at least one of notes, phone, durationSeconds.');
    if (call.agentId !== agent.id && !supervises(agent.role)) {
      throw new ApiError(403, 'not_allowed', 'Only whoever logged the call, a manager or an administrator can change it.');
    }
    if (body.phone !== undefined) checkPhone(body.phone);
    await updateCall(c.env.DB, call.id, body);
    return c.json((await callAnswer(c.env, agent, call.id)) satisfies CallLogResponse);
  });

async function callAnswer(env: Env, agent: SessionAgent, callId: string): Promise<CallLogResponse> {
  const [call, related] = await Promise.all([findCall(env.DB, agent.id, callId), relatedOf(env.DB, agent.id, { kind: 'call', id: callId }, Date.now())]);
  if (!call) throw new ApiError(404, 'not_found', 'No such call log in your groups.');
  return { call, related };
}
