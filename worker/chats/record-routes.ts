// What staff keep beside a conversation (the seed's Add → Comment, New Time Log and the Custom
// Fields tab): comments of five kinds, added by any staff member of the chat's groups and changed
// by their author or a manager or administrator; time logs; custom fields edited under the
// pre-chat form's rules. The
// chat's object stores each change in its log (staff only) and decides who may; these routes find
// the chat among the caller's groups first. Mounted by routes.ts under /api/chats/:id.
import type { CommentBody, CommentEditBody, CommentResponse, CommentsResponse, FieldsBody, TimeLogBody, TimeLogResponse, TimeLogsResponse } from './wire.ts';
import type { ChatCommandResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { MAX_FOLLOW_UP_AHEAD_MS } from '../../objects/chat/logic.ts';
import type { CommandResult, CommentResult, TimeLogResult } from '../../objects/chat/room.ts';
import { COMMENT_KINDS, MAX_COMMENT_LENGTH, MAX_TIME_LOG_MINUTES, MAX_TIME_LOG_NOTE } from '../../objects/protocol.ts';
import { totalMinutes } from '../../objects/rules/time-logs.ts';
import { checkFields, MAX_FIELD_LENGTH } from '../../objects/rules/fields.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { orRefuse } from '../http/refusals.ts';
import { listFields } from '../content/queries.ts';
import { callerOf, chatStub, requireChat } from './actions.ts';

/** The most fields one edit may change (far more than any pre-chat form has). */
const MAX_FIELDS_PER_EDIT = 50;
const text = z.string().check(z.minLength(1), z.maxLength(MAX_COMMENT_LENGTH));

const NewComment = z.object({
  kind: z.enum(COMMENT_KINDS),
  text,
  dueAt: z.optional(z.nullable(z.int().check(z.minimum(0)))),
});

/** How far back a time log may be dated (a year): older work belongs to another record. */
const MAX_TIME_LOG_AGE_MS = 366 * 24 * 60 * 60 * 1000;
export const NewTimeLog = z.object({
  minutes: z.int().check(z.minimum(1), z.maximum(MAX_TIME_LOG_MINUTES)),
  note: z.optional(z.string().check(z.maxLength(MAX_TIME_LOG_NOTE))),
  billable: z.optional(z.boolean()),
  at: z.optional(z.int().check(z.minimum(0))),
});

/** A New Time Log body as stored: dated now unless `at` says when (now or in the last year). */
export function timeLogInput(body: TimeLogBody, now: number): { minutes: number; note: string; billable: boolean; at: number } {
  const at = body.at ?? now;
  if (at > now || at < now - MAX_TIME_LOG_AGE_MS) {
    throw new ApiError(400, 'invalid_body', 'A time log is dated now or in the last year, never in the future (ms since the epoch).', 'at');
  }
  return { minutes: body.minutes, note: (body.note ?? '').trim(), billable: body.billable ?? false, at };
}

const FieldEdit = z.object({
  fields: z.record(z.string().check(z.minLength(1), z.maxLength(64)), z.string().check(z.maxLength(MAX_FIELD_LENGTH))),
});

export const recordRoutes = new Hono<AppEnv>()
  .get('/comments', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('id')!);
    return c.json({ comments: await chatStub(c.env, chat.id).comments() } satisfies CommentsResponse);
  })
  .post('/comments', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    const body = await readBody<CommentBody>(c, NewComment);
    const dueAt = body.dueAt ?? null;
    const now = Date.now();
    if (body.kind === 'follow-up' && (dueAt === null || dueAt <= now || dueAt > now + MAX_FOLLOW_UP_AHEAD_MS)) {
      throw new ApiError(400, 'invalid_body', 'A Follow-Up comment needs dueAt: a time in the future, at most a year ahead (ms since the epoch).', 'dueAt');
    }
    if (body.kind !== 'follow-up' && dueAt !== null) throw new ApiError(400, 'invalid_body', 'Only a Follow-Up comment has dueAt.', 'dueAt');
    const result: CommentResult = await chatStub(c.env, chat.id).comment(callerOf(agent), { kind: body.kind, text: body.text, dueAt });
    return c.json({ comment: orRefuse(result).comment } satisfies CommentResponse, 201);
  })
  .patch('/comments/:commentId', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    const body = await readBody<CommentEditBody>(c, z.object({ text }));
    const result: CommentResult = await chatStub(c.env, chat.id).editComment(callerOf(agent), c.req.param('commentId'), body.text);
    return c.json({ comment: orRefuse(result).comment } satisfies CommentResponse);
  })
  .delete('/comments/:commentId', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    orRefuse(await chatStub(c.env, chat.id).deleteComment(callerOf(agent), c.req.param('commentId')));
    return c.body(null, 204);
  })
  .get('/time-logs', async (c) => {
    const chat = await requireChat(c.env, c.get('agent'), c.req.param('id')!);
    const timeLogs = await chatStub(c.env, chat.id).timeLogs();
    return c.json({ timeLogs, total: totalMinutes(timeLogs) } satisfies TimeLogsResponse);
  })
  .post('/time-logs', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    const input = timeLogInput(await readBody<TimeLogBody>(c, NewTimeLog), Date.now());
    const result: TimeLogResult = await chatStub(c.env, chat.id).logTime(callerOf(agent), input);
    return c.json({ timeLog: orRefuse(result).timeLog } satisfies TimeLogResponse, 201);
  })
  .delete('/time-logs/:timeLogId', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    orRefuse(await chatStub(c.env, chat.id).deleteTimeLog(callerOf(agent), c.req.param('timeLogId')));
    return c.body(null, 204);
  })
  .put('/fields', async (c) => {
    const agent = c.get('agent');
    const chat = await requireChat(c.env, agent, c.req.param('id')!);
    const { fields } = await readBody<FieldsBody>(c, FieldEdit);
    const keys = Object.keys(fields);
    if (keys.length === 0 || keys.length > MAX_FIELDS_PER_EDIT) {
      throw new ApiError(400, 'invalid_body', `Change 1 to ${MAX_FIELDS_PER_EDIT} fields at once.`, 'fields');
    }
    // The pre-chat form's rules, for the fields being changed: a field that is not defined is
    // refused (not dropped), a required one cannot be cleared, numbers and choices are checked.
    const defs = await listFields(c.env.DB);
    const unknown = keys.find((key) => !defs.some((d) => d.key === key));
    if (unknown !== undefined) throw new ApiError(400, 'invalid_field', `No custom field "${unknown}" is defined.`, unknown);
    const checked = checkFields(
      defs.filter((d) => keys.includes(d.key)),
      fields,
    );
    if (!checked.ok) throw new ApiError(400, 'invalid_field', checked.message, checked.key);
    const values = Object.fromEntries(keys.map((key) => [key, checked.values[key] ?? '']));
    const result: CommandResult = await chatStub(c.env, chat.id).setFields(callerOf(agent), values);
    return c.json({ chat: orRefuse(result).chat } satisfies ChatCommandResponse);
  });
