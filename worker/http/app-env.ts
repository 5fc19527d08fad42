// The Hono environment: bindings plus what middleware puts on the context.

export interface SessionAgent {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
}

export interface AppEnv {
  Bindings: Env;
  /** `session`: the signed-in agent's session (its D1 id and expiry), for grants on their sockets. */
  Variables: { agent: SessionAgent; session: { id: string; expiresAt: number } };
}
