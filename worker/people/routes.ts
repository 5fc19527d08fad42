// The administrator's page: people, groups and memberships. Administrators only. The changes
// are the same guarded SQL the admin command line runs (worker/db/people.ts); a guard that
// refuses gives a clear 409 and nothing changes. Membership changes reach open consoles at once.
import type {
  AdminAgent,
  AdminAgentsResponse,
  AdminGroup,
  AdminGroupsResponse,
  DisabledBody,
  GroupNameBody,
  NewAgentBody,
  NewGroupBody,
  PasswordBody,
  ProfileBody,
  RoleBody,
} from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { agentHub } from '../../objects/agent/hub.ts';
import { tellMemberships } from '../../objects/lobby/lobby.ts';
import { MIN_PASSWORD_LENGTH, STAFF_RANKS } from '../../objects/protocol.ts';
import { isEmail, MAX_EMAIL_LENGTH } from '../../objects/rules/email.ts';
import type { AppEnv } from '../http/app-env.ts';
import { randomId } from '../auth/encoding.ts';
import { hashPassword } from '../auth/password.ts';
import { people, type Query } from './admin-sql.ts';
import { run, runBatch } from './run.ts';
import { DEFAULT_MAX_CHATS } from '../../objects/protocol.ts';
import type { HttpErrorCode } from '../http/error-codes.ts';
import { ApiError } from '../http/errors.ts';
import { readBody } from '../http/body.ts';


const name = z.pipe(z.string(), z.transform((s) => s.trim())).check(z.minLength(1), z.maxLength(100));
const password = z.string().check(z.minLength(MIN_PASSWORD_LENGTH), z.maxLength(1024));
const role = z.enum(STAFF_RANKS);
const maxChats = z.int().check(z.minimum(1), z.maximum(100));

const NewAgent = z.object({
  email: z.string().check(z.maxLength(MAX_EMAIL_LENGTH), z.refine(isEmail, { message: 'an email address' })),
  name,
  role,
  password,
  maxChats: z.optional(maxChats),
  groupIds: z.array(z.string()),
});
const NewGroup = z.object({ name, memberIds: z.array(z.string()).check(z.minLength(1)) });


/** Runs a guarded change; no returned row means a guard refused it. */
async function change(db: D1Database, query: Query, code: HttpErrorCode, message: string): Promise<void> {
  if ((await run(db, query)).length === 0) throw new ApiError(409, code, message);
}

async function requireAgentRow(db: D1Database, id: string): Promise<void> {
  if ((await run(db, people.agentExists(id))).length === 0) throw new ApiError(404, 'not_found', 'No such agent.');
}

async function requireGroupRow(db: D1Database, id: string): Promise<void> {
  if ((await run(db, people.groupExists(id))).length === 0) throw new ApiError(404, 'not_found', 'No such group.');
}

/**
 * The agent's rights changed (role, groups, disabled, sessions): every socket they hold follows
 * now, before the answer (consoles and chats alike; see objects/agent/hub.ts).
 */
async function pushRights(env: Env, agentId: string): Promise<void> {
  await agentHub(env, agentId).refresh(agentId);
}

/** A group was renamed: its members' consoles fetch their groups again. */
async function refreshMemberships(env: Env, agentId: string): Promise<void> {
  const groupIds = (await run<{ id: string }>(env.DB, people.groupIdsOf(agentId))).map((g) => g.id);
  await tellMemberships(env, agentId, groupIds);
}

async function signOutEverywhere(env: Env, agentId: string): Promise<void> {
  await run(env.DB, people.endSessions(agentId));
  await pushRights(env, agentId);
}

/** The People and Groups of the Administration page (app.ts mounts it behind requireAdmin). */
export const peopleAdminRoutes = new Hono<AppEnv>()
  .get('/agents', async (c) => {
    const agents = await run<Omit<AdminAgent, 'disabled' | 'groupIds'> & { disabled: number; groupIds: string }>(c.env.DB, people.listAgents());
    return c.json({ agents: agents.map((a) => ({ ...a, disabled: a.disabled === 1, groupIds: JSON.parse(a.groupIds) as string[] })) } satisfies AdminAgentsResponse);
  })
  .post('/agents', async (c) => {
    const body = await readBody<NewAgentBody>(c, NewAgent);
    for (const g of body.groupIds) await requireGroupRow(c.env.DB, g);
    const id = randomId();
    const create = people.createAgent({
      id,
      email: body.email,
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(body.password),
      maxChats: body.maxChats ?? DEFAULT_MAX_CHATS,
      now: Date.now(),
    });
    const [created] = await runBatch(c.env.DB, [create, ...body.groupIds.map((g) => people.addMember(id, g))]);
    if (!created || created.length === 0) throw new ApiError(409, 'email_taken', 'An agent with that email exists.');
    return c.json({ id }, 201);
  })
  .put('/agents/:id/role', async (c) => {
    const id = c.req.param('id');
    const body = await readBody<RoleBody>(c, z.object({ role }));
    await requireAgentRow(c.env.DB, id);
    await change(c.env.DB, people.setRole(id, body.role), 'last_admin', 'The deployment must keep an enabled administrator.');
    // The person's open sockets decide with the new rank; their consoles fetch who they are again.
    await pushRights(c.env, id);
    return c.json({ id, role: body.role });
  })
  .put('/agents/:id/disabled', async (c) => {
    const id = c.req.param('id');
    const body = await readBody<DisabledBody>(c, z.object({ disabled: z.boolean() }));
    await requireAgentRow(c.env.DB, id);
    await change(
      c.env.DB,
      people.setDisabled(id, body.disabled),
      'would_orphan',
      'Disabling would leave the deployment without an administrator or a group without members.',
    );
    if (body.disabled) await signOutEverywhere(c.env, id);
    return c.json({ id, disabled: body.disabled });
  })
  .put('/agents/:id/password', async (c) => {
    const id = c.req.param('id');
    const body = await readBody<PasswordBody>(c, z.object({ password }));
    await requireAgentRow(c.env.DB, id);
    await change(c.env.DB, people.setPassword(id, await hashPassword(body.password)), 'not_found', 'No such agent.');
    await signOutEverywhere(c.env, id);
    return c.body(null, 204);
  })
  .post('/agents/:id/unlock', async (c) => {
    const id = c.req.param('id');
    const [agent] = await run<{ email: string }>(c.env.DB, people.emailOf(id));
    if (!agent) throw new ApiError(404, 'not_found', 'No such agent.');
    // Nothing to lift is no failure: the account is not locked either way afterwards.
    await run(c.env.DB, people.unlockSignIn(agent.email));
    return c.body(null, 204);
  })
  .put('/agents/:id/profile', async (c) => {
    const id = c.req.param('id');
    const body = await readBody<ProfileBody>(c, z.object({ name, maxChats }));
    await requireAgentRow(c.env.DB, id);
    await change(c.env.DB, people.setProfile(id, body.name, body.maxChats), 'not_found', 'No such agent.');
    return c.json({ id, ...body });
  })
  .get('/groups', async (c) => {
    const groups = await run<Omit<AdminGroup, 'memberIds'> & { memberIds: string }>(c.env.DB, people.listGroups());
    return c.json({ groups: groups.map((g) => ({ ...g, memberIds: JSON.parse(g.memberIds) as string[] })) } satisfies AdminGroupsResponse);
  })
  .post('/groups', async (c) => {
    const body = await readBody<NewGroupBody>(c, NewGroup);
    for (const a of body.memberIds) await requireAgentRow(c.env.DB, a);
    const id = randomId(8);
    const create = people.createGroup({ id, name: body.name, now: Date.now() });
    const [created] = await runBatch(c.env.DB, [create, ...body.memberIds.map((a) => people.addMember(a, id))]).catch(() => {
      // The name was taken: the memberships then refer to no group and the batch rolls back.
      throw new ApiError(409, 'name_taken', 'A group with that name exists.');
    });
    if (!created || created.length === 0) throw new ApiError(409, 'name_taken', 'A group with that name exists.');
    for (const a of body.memberIds) await pushRights(c.env, a);
    return c.json({ id }, 201);
  })
  .put('/groups/:id', async (c) => {
    const id = c.req.param('id');
    const body = await readBody<GroupNameBody>(c, z.object({ name }));
    await requireGroupRow(c.env.DB, id);
    await change(c.env.DB, people.renameGroup(id, body.name), 'name_taken', 'A group with that name exists.');
    // Members' consoles show the new name at once.
    for (const m of await run<{ id: string }>(c.env.DB, people.memberIdsOf(id))) await refreshMemberships(c.env, m.id);
    return c.json({ id, name: body.name });
  })
  .delete('/groups/:id', async (c) => {
    const id = c.req.param('id');
    await requireGroupRow(c.env.DB, id);
    const members = await run<{ id: string }>(c.env.DB, people.memberIdsOf(id));
    if ((await run(c.env.DB, people.openItemsOf(id))).length > 0) {
      throw new ApiError(409, 'group_has_open_items', 'The group still has open tickets or tasks: close, complete or move them first.');
    }
    // The delete checks again, in one statement, for chats and items that arrived meanwhile.
    await change(c.env.DB, people.deleteGroup(id), 'group_has_open_chats', 'The group still has chats waiting or under way, or open tickets or tasks.');
    for (const m of members) await pushRights(c.env, m.id);
    return c.body(null, 204);
  })
  .put('/groups/:id/members/:agentId', async (c) => {
    const { id, agentId } = c.req.param();
    await requireGroupRow(c.env.DB, id);
    await requireAgentRow(c.env.DB, agentId);
    await run(c.env.DB, people.addMember(agentId, id));
    await pushRights(c.env, agentId);
    return c.body(null, 204);
  })
  .delete('/groups/:id/members/:agentId', async (c) => {
    const { id, agentId } = c.req.param();
    await requireGroupRow(c.env.DB, id);
    await requireAgentRow(c.env.DB, agentId);
    if ((await run(c.env.DB, people.isMember(agentId, id))).length === 0) throw new ApiError(404, 'not_member', 'That agent is not in the group.');
    await change(c.env.DB, people.removeMember(agentId, id), 'last_member', 'A group must keep at least one enabled member.');
    await pushRights(c.env, agentId);
    return c.body(null, 204);
  });
