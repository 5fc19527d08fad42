// Agents sign in and out; /api/me tells the console who is signed in and their groups.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../app-env.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { endSession, requireAgent, startSession } from '../auth/session.ts';
import { findAgentForSignIn, groupsOf } from '../db/agents.ts';
import { ApiError } from '../errors.ts';
import { readBody } from '../validate.ts';

const SignIn = z.object({
  email: z.string().check(z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const authRoutes = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { email, password } = await readBody(c, SignIn);
    const agent = await findAgentForSignIn(c.env.DB, email);
    // Hash even for an unknown email, so the answer's timing does not reveal who has an account.
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok || agent.disabled) throw new ApiError(401, 'bad_credentials', 'Wrong email or password.');
    await startSession(c, agent.id);
    return c.json({ agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } });
  })
  .post('/logout', requireAgent(), async (c) => {
    await endSession(c);
    return c.body(null, 204);
  });

export const meRoutes = new Hono<AppEnv>().get('/', requireAgent(), async (c) => {
  const agent = c.get('agent');
  return c.json({ agent, groups: await groupsOf(c.env.DB, agent.id) });
});
