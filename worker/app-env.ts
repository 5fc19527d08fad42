// The Hono environment: bindings plus what middleware puts on the context.
import type { Env } from './env.ts';

export interface SessionAgent {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
}

export interface AppEnv {
  Bindings: Env;
  Variables: { agent: SessionAgent };
}
