// The Hono environment: bindings plus what middleware puts on the context.
import type { Agent } from '../auth/wire.ts';

/** The signed-in agent (requireAgent puts them on the context). */
export type SessionAgent = Agent;

export interface AppEnv {
  Bindings: Env;
  /** `session`: the signed-in agent's session (its D1 id and expiry), for grants on their sockets. */
  Variables: { agent: SessionAgent; session: { id: string; expiresAt: number } };
}
