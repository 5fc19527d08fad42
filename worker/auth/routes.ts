// Agents sign in and out (here or everywhere); /api/me tells the console who is signed in and
// their groups; /api/agents lists the colleagues who share a group, with their presence.
import { readColleaguesMayTake } from '../settings/queries.ts';
import type { Context } from 'hono';
import type { Agent, ColleaguesResponse, MeResponse, SessionResponse, SignInBody, SignInResponse } from './wire.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { agentHub } from '../../objects/agent/hub.ts';
import { presenceAcross } from '../../objects/lobby/lobby.ts';
import type { AppEnv } from '../http/app-env.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { limitPerAddress } from './client.ts';
import { endSession, findSession, requireAgent, sameOriginOnly, startSession } from './session.ts';
import { colleaguesOf, groupsOf } from '../people/queries.ts';
import { claimSignInAttempt, clearFailures, deleteSessionsOf, findAgentForSignIn } from './queries.ts';
import { ApiError } from '../http/errors.ts';
import { readBody } from '../http/body.ts';

const SignIn = z.object({
  email: z.string().check(z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const authRoutes = new Hono<AppEnv>()
  .get('/session', async (c) => {
    const found = await findSession(c);
    return c.json((found ? { signedIn: true, me: await meOf(c, found.agent) } : { signedIn: false }) satisfies SessionResponse);
  })
  .post('/login', sameOriginOnly(), async (c) => {
    const body = await readBody<SignInBody>(c, SignIn);
    const email = body.email.trim().toLowerCase();
    // One address trying many emails is slowed too (per client address, Workers rate limiting).
    await limitPerAddress(c, c.env.SIGN_IN_LIMITER, 'sign-in', {
      code: 'slow_down',
      message: 'Too many sign-in attempts from this address: wait a minute before trying again.',
    });
    // The attempt is counted before the password is checked, so parallel guesses all count.
    const allowed = await claimSignInAttempt(c.env.DB, email, Date.now());
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
    if (!agent || !ok || agent.disabled) throw new ApiError(401, 'bad_credentials', 'Wrong email or password.');
    await clearFailures(c.env.DB, email);
    await startSession(c, agent.id);
    return c.json({ agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } } satisfies SignInResponse);
  })
  .post('/logout', requireAgent(), async (c) => {
    await endSession(c);
    // Sockets opened with this session close; the agent's other sessions keep theirs.
    await agentHub(c.env, c.get('agent').id).refresh(c.get('agent').id);
    return c.body(null, 204);
  })
  .post('/logout-all', requireAgent(), async (c) => {
    const agent = c.get('agent');
    await deleteSessionsOf(c.env.DB, agent.id);
    await endSession(c);
    await agentHub(c.env, agent.id).refresh(agent.id);
    return c.body(null, 204);
  });

export const meRoutes = new Hono<AppEnv>().get('/', requireAgent(), async (c) => c.json(await meOf(c, c.get('agent'))));

/** Who is signed in, their groups, and what this deployment can do (translation needs a Workers AI binding). */
async function meOf(c: Context<AppEnv>, agent: Agent): Promise<MeResponse> {
  const features = { translation: c.env.AI !== undefined, takeFromColleagues: await readColleaguesMayTake(c.env.DB) };
  return { agent, groups: await groupsOf(c.env.DB, agent.id), features };
}

export const colleagueRoutes = new Hono<AppEnv>().get('/', requireAgent(), async (c) => {
  const me = c.get('agent').id;
  const [colleagues, groups] = await Promise.all([colleaguesOf(c.env.DB, me), groupsOf(c.env.DB, me)]);
  // Colleagues share a group with us: each of our groups' lobby pieces knows its own agents.
  const presence = await presenceAcross(c.env, groups.map((g) => g.id), colleagues.map((a) => a.id));
  return c.json({ agents: colleagues.map((a) => ({ ...a, presence: presence[a.id] ?? 'offline' })) } satisfies ColleaguesResponse);
});
