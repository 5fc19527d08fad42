// Agents sign in and out (here or everywhere); /api/me tells the console who is signed in and
// their groups; /api/agents lists the colleagues who share a group, with their presence.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { lobbyStub } from '../../objects/lobby/lobby.ts';
import type { AppEnv } from '../app-env.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { endSession, requireAgent, startSession } from '../auth/session.ts';
import { afterFailure, gate } from '../auth/throttle.ts';
import {
  clearFailures,
  colleaguesOf,
  deleteSessionsOf,
  findAgentForSignIn,
  groupsOf,
  readFailures,
  writeFailures,
} from '../db/agents.ts';
import { ApiError } from '../errors.ts';
import { readBody } from '../validate.ts';

const SignIn = z.object({
  email: z.string().check(z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const authRoutes = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const body = await readBody(c, SignIn);
    const email = body.email.trim().toLowerCase();
    const now = Date.now();
    const failures = await readFailures(c.env.DB, email);
    const allowed = gate(failures, now);
    if (!allowed.open) {
      c.header('Retry-After', String(Math.ceil(allowed.retryAfterMs / 1000)));
      const message =
        allowed.code === 'locked'
          ? 'Too many failed sign-ins: this account is locked for a while.'
          : 'Too many failed sign-ins: wait a moment before trying again.';
      throw new ApiError(429, allowed.code, message);
    }
    const agent = await findAgentForSignIn(c.env.DB, email);
    // Hash even for an unknown email, so the answer's timing does not reveal who has an account.
    const ok = await verifyPassword(body.password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok || agent.disabled) {
      await writeFailures(c.env.DB, email, afterFailure(failures, now));
      throw new ApiError(401, 'bad_credentials', 'Wrong email or password.');
    }
    if (failures) await clearFailures(c.env.DB, email);
    await startSession(c, agent.id);
    return c.json({ agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } });
  })
  .post('/logout', requireAgent(), async (c) => {
    await endSession(c);
    return c.body(null, 204);
  })
  .post('/logout-all', requireAgent(), async (c) => {
    const agent = c.get('agent');
    await deleteSessionsOf(c.env.DB, agent.id);
    await endSession(c);
    await lobbyStub(c.env).disconnect(agent.id);
    return c.body(null, 204);
  });

export const meRoutes = new Hono<AppEnv>().get('/', requireAgent(), async (c) => {
  const agent = c.get('agent');
  // What this deployment can do: translation needs a Workers AI binding.
  const features = { translation: c.env.AI !== undefined };
  return c.json({ agent, groups: await groupsOf(c.env.DB, agent.id), features });
});

export const colleagueRoutes = new Hono<AppEnv>().get('/', requireAgent(), async (c) => {
  const colleagues = await colleaguesOf(c.env.DB, c.get('agent').id);
  const presence = await lobbyStub(c.env).presenceOf(colleagues.map((a) => a.id));
  return c.json({ agents: colleagues.map((a) => ({ ...a, presence: presence[a.id] ?? 'offline' })) });
});
