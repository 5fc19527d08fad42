// The bodies of the Administration page's people and groups routes, defined once: the routes
// check what they send with `satisfies`, the console imports these types.
import type { StaffRank } from '../../objects/protocol.ts';

/** `GET /api/admin/agents`: one row per person, `groups` being their groups' names joined by ", ". */
export interface AdminAgent {
  id: string;
  email: string;
  name: string;
  role: StaffRank;
  disabled: boolean;
  maxChats: number;
  /** The group names, for reading ("Sales, Support"). */
  groups: string;
  groupIds: string[];
  /** Until when failed sign-ins lock the account (ms), if they ever did; 0 or past: not locked. */
  lockedUntil: number;
}
export interface AdminAgentsResponse {
  agents: AdminAgent[];
}
/** `GET /api/admin/groups`: `memberEmails` joined by ", " for reading; `memberIds` to act on. */
export interface AdminGroup {
  id: string;
  name: string;
  members: number;
  memberEmails: string;
  memberIds: string[];
}
export interface AdminGroupsResponse {
  groups: AdminGroup[];
}
/** `POST /api/admin/agents`, `POST /api/admin/groups` */
export interface CreatedResponse {
  id: string;
}

// ---- request bodies ------------------------------------------------------------------------

/** `POST /api/admin/agents` */
export interface NewAgentBody {
  email: string;
  name: string;
  role: StaffRank;
  password: string;
  maxChats?: number;
  groupIds: string[];
}
/** `PUT /api/admin/agents/:id/role` */
export interface RoleBody {
  role: StaffRank;
}
/** `PUT /api/admin/agents/:id/disabled` */
export interface DisabledBody {
  disabled: boolean;
}
/** `PUT /api/admin/agents/:id/password` */
export interface PasswordBody {
  password: string;
}
/** `PUT /api/admin/agents/:id/profile` */
export interface ProfileBody {
  name: string;
  maxChats: number;
}
/** `POST /api/admin/groups` */
export interface NewGroupBody {
  name: string;
  memberIds: string[];
}
/** `PUT /api/admin/groups/:id` */
export interface GroupNameBody {
  name: string;
}
