// The bodies of the sign-in, /api/me and /api/agents routes, defined once: the routes check what
// they send with `satisfies`, the console imports these types. Types only, importing nothing but
// the protocol, so any client (and Deno) can read them.
import type { Presence, StaffRank } from '../../objects/protocol.ts';

/** A signed-in member of staff as the console knows them. */
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: StaffRank;
}
export interface Group {
  id: string;
  name: string;
}

/** `POST /api/auth/login` */
export interface SignInBody {
  email: string;
  password: string;
}
export interface SignInResponse {
  agent: Agent;
}
/**
 * `GET /api/auth/session`: whether the request is signed in, always 200, so a console that opens
 * signed out logs no failed request.
 */
export type SessionResponse = { signedIn: false } | { signedIn: true; me: MeResponse };
/** `GET /api/me` */
export interface MeResponse {
  agent: Agent;
  groups: Group[];
  /** What this deployment can do (translation needs a Workers AI binding). */
  /** What this deployment offers: translation (a Workers AI binding), agents taking chats from colleagues (an administrator's setting). */
  features: { translation: boolean; takeFromColleagues: boolean };
}
/** `GET /api/agents`: an enabled colleague who shares at least one group, with those groups. */
export interface Colleague extends Agent {
  groupIds: string[];
  presence: Presence;
}
export interface ColleaguesResponse {
  agents: Colleague[];
}
