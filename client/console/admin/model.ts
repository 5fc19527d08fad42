// The administrator's page as signals and actions: people and groups as the server lists them,
// and one action per admin route. A refused change shows the server's message in its section and
// changes nothing here; a change that succeeds is followed by fetching both lists again.
import type { DisabledBody, GroupNameBody, NewAgentBody, NewGroupBody, PasswordBody, ProfileBody, RoleBody } from '../../../worker/people/wire.ts';
import { signal, type Signal } from '@preact/signals';
import { changeRunner } from './changes.ts';
import type { StaffRank } from '../../../objects/protocol.ts';
import {
  ApiError,
  del,
  describeError,
  getJson,
  post,
  postJson,
  put,
  type AdminAgent,
  type AdminAgentsResponse,
  type AdminGroup,
  type AdminGroupsResponse,
  type CreatedResponse,
} from '../../shared/api.ts';
import type { NewPerson } from './rules.ts';

export type AdminSection = 'people' | 'groups';
export type AdminModel = ReturnType<typeof createAdmin>;

export interface AdminOptions {
  /** Groups were created, renamed or deleted: the console's own nav may need new names. */
  onGroupsChanged(): void;
}

const agentPath = (agent: AdminAgent) => `/api/admin/agents/${encodeURIComponent(agent.id)}`;
const groupPath = (group: AdminGroup) => `/api/admin/groups/${encodeURIComponent(group.id)}`;
const memberPath = (group: AdminGroup, agent: AdminAgent) => `${groupPath(group)}/members/${encodeURIComponent(agent.id)}`;

export function createAdmin(options: AdminOptions) {
  const agents = signal<readonly AdminAgent[]>([]);
  const groups = signal<readonly AdminGroup[]>([]);
  const loaded = signal(false);
  /** A change is waiting for the server; controls that start another stay disabled. */
  const busy = signal(false);
  const errors: Readonly<Record<AdminSection, Signal<string | null>>> = {
    people: signal<string | null>(null),
    groups: signal<string | null>(null),
  };
  /** What the last successful change did, for screen readers (a polite status region). */
  const announcement = signal('');

  function fail(section: AdminSection, error: unknown): void {
    errors[section].value = describeError(error);
  }

  async function load(): Promise<void> {
    const [people, teams] = await Promise.allSettled([
      getJson<AdminAgentsResponse>('/api/admin/agents'),
      getJson<AdminGroupsResponse>('/api/admin/groups'),
    ]);
    if (people.status === 'fulfilled') agents.value = people.value.agents;
    else fail('people', people.reason);
    if (teams.status === 'fulfilled') groups.value = teams.value.groups;
    else fail('groups', teams.reason);
    loaded.value = true;
  }

  /** Runs one change; true if the server accepted it. */
  const change = changeRunner<AdminSection>({
    busy,
    announcement,
    errors,
    fail,
    async reload(section) {
      await load();
      if (section === 'groups') options.onGroupsChanged();
    },
  });


  return {
    agents,
    groups,
    loaded,
    busy,
    errors,
    announcement,
    load,
    dismissError(section: AdminSection): void {
      errors[section].value = null;
    },
    addPerson: (person: NewPerson) =>
      change('people', () => postJson<CreatedResponse>('/api/admin/agents', person satisfies NewAgentBody), `${person.name} was added.`),
    setRole: (agent: AdminAgent, role: StaffRank) =>
      change('people', () => put(`${agentPath(agent)}/role`, { role } satisfies RoleBody), `${agent.name} is now ${role === 'admin' ? 'an' : 'a'} ${role}.`),
    setDisabled: (agent: AdminAgent, disabled: boolean) =>
      change(
        'people',
        () => put(`${agentPath(agent)}/disabled`, { disabled } satisfies DisabledBody),
        `${agent.name} was ${disabled ? 'disabled and signed out' : 'enabled'}.`,
      ),
    resetPassword: (agent: AdminAgent, password: string) =>
      change('people', () => put(`${agentPath(agent)}/password`, { password } satisfies PasswordBody), `${agent.name}'s password was reset.`),
    unlock: (agent: AdminAgent) =>
      change('people', () => post(`${agentPath(agent)}/unlock`), `${agent.name} can sign in again.`),
    setMaxChats: (agent: AdminAgent, maxChats: number) =>
      change(
        'people',
        () => put(`${agentPath(agent)}/profile`, { name: agent.name, maxChats } satisfies ProfileBody),
        `${agent.name} may now have ${maxChats} chats at once.`,
      ),
    addGroup: (name: string, memberIds: readonly string[]) =>
      change('groups', () => postJson<CreatedResponse>('/api/admin/groups', { name, memberIds: [...memberIds] } satisfies NewGroupBody), `Group ${name} was added.`),
    renameGroup: (group: AdminGroup, name: string) =>
      change('groups', () => put(groupPath(group), { name } satisfies GroupNameBody), `${group.name} is now called ${name}.`),
    deleteGroup: (group: AdminGroup) => change('groups', () => del(groupPath(group)), `Group ${group.name} was deleted.`),
    addMember: (group: AdminGroup, agent: AdminAgent) =>
      change('groups', () => put(memberPath(group, agent)), `${agent.name} was added to ${group.name}.`),
    removeMember: (group: AdminGroup, agent: AdminAgent) =>
      change('groups', () => del(memberPath(group, agent)), `${agent.name} was removed from ${group.name}.`),
  };
}
