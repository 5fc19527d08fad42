// Tasks (the seed's Add → New Task): a title, details, a due time and an assignee (the creator
// unless another member of the group is named), done or not. My Tasks lists the open ones, overdue
// first, and each group's open tasks (so one whose assignee left is still seen). When a task falls due its assignee is told in their console: the assignee's hub
// (objects/agent/hub.ts) holds the reminder and checks the task in D1 when it comes. Mounted at
// /api/tasks.
import type { NewTaskBody, TaskEditBody, TaskListResponse, TaskResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { agentHub } from '../../objects/agent/hub.ts';
import { MAX_DETAILS_LENGTH, MAX_ITEM_TIME_SPAN_MS, MAX_TASK_TITLE_LENGTH } from '../../objects/rules/items.ts';
import { requireAgent } from '../auth/session.ts';
import type { AppEnv, SessionAgent } from '../http/app-env.ts';
import { readBody, readQuery } from '../http/body.ts';
import { idField, pageQuery } from '../http/paging.ts';
import { ApiError } from '../http/errors.ts';
import { findTask, insertRelation, insertTask, listTasks, relatedOf, type TaskFilter, taskRef, updateTask } from './queries.ts';
import type { Task } from './wire.ts';
import { manyLines, noteOnChat, oneLine, placeOf, requireMember, requireMyGroup } from './scope.ts';

const id = idField;
const title = oneLine(MAX_TASK_TITLE_LENGTH);
const details = manyLines(MAX_DETAILS_LENGTH);
/** A due time: ms since the epoch, within a decade of now (a bad format or a typo is refused). */
const dueAt = z.nullable(z.int());

const NewTask = z.object({ title, details: z.optional(details), dueAt: z.optional(dueAt), groupId: z.optional(id), assigneeId: z.optional(id), chatId: z.optional(id) });
const TaskEdit = z.object({ title: z.optional(title), details: z.optional(details), dueAt: z.optional(dueAt), assigneeId: z.optional(id), done: z.optional(z.boolean()) });
const ListQuery = z.object({
  view: z._default(z.enum(['mine', 'group']), 'mine'),
  group: z.optional(id),
  state: z._default(z.enum(['open', 'done']), 'open'),
  ...pageQuery,
});

function checkDue(due: number | null | undefined, now: number): void {
  if (due === null || due === undefined) return;
  if (due < now - MAX_ITEM_TIME_SPAN_MS || due > now + MAX_ITEM_TIME_SPAN_MS) {
    throw new ApiError(400, 'invalid_body', 'dueAt is a time (ms since the epoch) within ten years of now.', 'dueAt');
  }
}

async function requireTask(env: Env, agent: SessionAgent, taskId: string): Promise<Task> {
  const task = await findTask(env.DB, agent.id, taskId);
  if (!task) throw new ApiError(404, 'not_found', 'No such task in your groups.');
  return task;
}

/**
 * The assignee's hub reminds them when the task falls due (it checks D1 then, so a stale one says
 * nothing). The task is stored already: a hub that cannot be reached now costs the reminder (said
 * in the log), never the task, and the request still succeeds (My Tasks lists it, overdue first).
 */
async function remind(env: Env, task: Pick<Task, 'id' | 'assigneeId' | 'dueAt' | 'doneAt'>): Promise<void> {
  if (task.dueAt === null || task.doneAt !== null) return;
  try {
    await agentHub(env, task.assigneeId).remindTask(task.assigneeId, task.id, task.dueAt);
  } catch (err) {
    console.error('task reminder not scheduled', task.id, err);
  }
}

export const taskRoutes = new Hono<AppEnv>()
  .use(requireAgent())
  .get('/', async (c) => {
    const agent = c.get('agent');
    const q = readQuery(c, ListQuery, { hint: 'view is mine, or group with group=<id>; state is open (overdue first) or done.' });
    if (q.view === 'group' && q.group === undefined) throw new ApiError(400, 'invalid_query', 'view=group needs group=<id>.');
    if (q.view === 'group') await requireMyGroup(c.env, agent, q.group!);
    const filter: TaskFilter = q.view === 'group' ? { view: 'group', groupId: q.group! } : { view: 'mine' };
    return c.json((await listTasks(c.env.DB, agent.id, filter, q.state, q)) satisfies TaskListResponse);
  })
  .post('/', async (c) => {
    const agent = c.get('agent');
    const body = await readBody<NewTaskBody>(c, NewTask);
    const now = Date.now();
    checkDue(body.dueAt, now);
    const { chat, groupId } = await placeOf(c.env, agent, body);
    const assignee = await requireMember(c.env, groupId, body.assigneeId ?? agent.id, 'assigneeId');
    const taskId = crypto.randomUUID();
    const statements = [insertTask(c.env.DB, { id: taskId, title: body.title, details: body.details ?? '', dueAt: body.dueAt ?? null, groupId, assignee, createdBy: agent.id, now })];
    if (chat) statements.push(...insertRelation(c.env.DB, { kind: 'task', id: taskId }, { kind: 'chat', id: chat.id }, agent.id, now));
    await c.env.DB.batch(statements);
    if (chat) await noteOnChat(c.env, agent, chat.id, taskRef({ id: taskId, title: body.title }), 'added');
    await remind(c.env, { id: taskId, assigneeId: assignee.id, dueAt: body.dueAt ?? null, doneAt: null });
    return c.json((await taskAnswer(c.env, agent, taskId)) satisfies TaskResponse, 201);
  })
  // The answer finds the task among the caller's groups itself (404 otherwise).
  .get('/:id', async (c) => c.json((await taskAnswer(c.env, c.get('agent'), c.req.param('id'))) satisfies TaskResponse))
  .patch('/:id', async (c) => {
    const agent = c.get('agent');
    const task = await requireTask(c.env, agent, c.req.param('id'));
    const body = await readBody<TaskEditBody>(c, TaskEdit);
    if (Object.keys(body).length === 0) throw new ApiError(400, 'invalid_body', 'Change at least one of title, details, dueAt, assigneeId, done.');
    const now = Date.now();
    checkDue(body.dueAt, now);
    const assignee = body.assigneeId === undefined ? undefined : await requireMember(c.env, task.groupId, body.assigneeId, 'assigneeId');
    const doneAt = body.done === undefined ? undefined : body.done ? (task.doneAt ?? now) : null;
    // Only what the body names is written: a colleague's change to another field stands.
    await updateTask(c.env.DB, task.id, { title: body.title, details: body.details, dueAt: body.dueAt, assignee, doneAt });
    const next = { id: task.id, assigneeId: assignee?.id ?? task.assigneeId, dueAt: body.dueAt === undefined ? task.dueAt : body.dueAt, doneAt: doneAt === undefined ? task.doneAt : doneAt };
    if (next.dueAt !== task.dueAt || next.assigneeId !== task.assigneeId || (task.doneAt !== null && next.doneAt === null)) await remind(c.env, next);
    return c.json((await taskAnswer(c.env, agent, task.id)) satisfies TaskResponse);
  });

async function taskAnswer(env: Env, agent: SessionAgent, taskId: string): Promise<TaskResponse> {
  const [task, related] = await Promise.all([findTask(env.DB, agent.id, taskId), relatedOf(env.DB, agent.id, { kind: 'task', id: taskId }, Date.now())]);
  if (!task) throw new ApiError(404, 'not_found', 'No such task in your groups.');
  return { task, related };
}
