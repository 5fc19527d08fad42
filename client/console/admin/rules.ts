// The administrator's page as pure rules: what a new person, a password, a maximum of chats and a
// group name must look like (so each form shows its problems next to the field), and who is in
// a group. The server checks everything again and has the last word; these only spare a round trip.
import { isEmail, MAX_EMAIL_LENGTH } from '../../../objects/rules/email.ts';
import { DEFAULT_MAX_CHATS, MIN_PASSWORD_LENGTH, type StaffRank } from '../../../objects/protocol.ts';
import type { AdminAgent, AdminGroup, NewAgentBody } from '../../shared/api.ts';

export { DEFAULT_MAX_CHATS, MIN_PASSWORD_LENGTH };
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_NAME_LENGTH = 100;
export { MAX_EMAIL_LENGTH };
export const MIN_MAX_CHATS = 1;
export const MAX_MAX_CHATS = 100;

export const RANK_LABELS: Readonly<Record<StaffRank, string>> = { agent: 'Agent', manager: 'Manager', admin: 'Administrator' };

/** The "Add person" form as typed; `maxChats` is the field's text (empty means the default). */
export interface NewPersonForm {
  email: string;
  name: string;
  role: StaffRank;
  password: string;
  maxChats: string;
  groupIds: readonly string[];
}
export type NewPersonField = 'email' | 'name' | 'password' | 'maxChats';
export type NewPersonErrors = Partial<Record<NewPersonField, string>>;
/** The body of `POST /api/admin/agents`, as the Worker defines it (worker/people/wire.ts). */
export type NewPerson = NewAgentBody;

export function checkName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Please enter a name.';
  if (trimmed.length > MAX_NAME_LENGTH) return `Please keep the name under ${MAX_NAME_LENGTH} characters.`;
  return null;
}

export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password is limited to ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

/** A whole number from 1 to 100, or null. */
export function parseMaxChats(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= MIN_MAX_CHATS && value <= MAX_MAX_CHATS ? value : null;
}

export const MAX_CHATS_HINT = `A whole number from ${MIN_MAX_CHATS} to ${MAX_MAX_CHATS}.`;

/** The form's problems by field, or the request body when there are none. */
export function checkNewPerson(form: NewPersonForm): { ok: true; person: NewPerson } | { ok: false; errors: NewPersonErrors } {
  const errors: NewPersonErrors = {};
  const email = form.email.trim();
  if (email === '') errors.email = 'Please enter an email address.';
  else if (email.length > MAX_EMAIL_LENGTH || !isEmail(email)) errors.email = 'Please enter a valid email address.';
  const name = checkName(form.name);
  if (name) errors.name = name;
  const password = checkPassword(form.password);
  if (password) errors.password = password;
  const maxChats = form.maxChats.trim() === '' ? undefined : parseMaxChats(form.maxChats);
  if (maxChats === null) errors.maxChats = MAX_CHATS_HINT;
  if (Object.keys(errors).length > 0 || maxChats === null) return { ok: false, errors };
  const person: NewPerson = { email, name: form.name.trim(), role: form.role, password: form.password, groupIds: [...form.groupIds] };
  if (maxChats !== undefined) person.maxChats = maxChats;
  return { ok: true, person };
}

export function checkNewGroup(name: string, memberIds: readonly string[]): { name?: string; members?: string } {
  const errors: { name?: string; members?: string } = {};
  const bad = checkName(name);
  if (bad) errors.name = bad.replace('a name', 'a group name');
  if (memberIds.length === 0) errors.members = 'Choose at least one member: a group is never without one.';
  return errors;
}

/** One of the server's ", "-joined lists as items. */
export function splitList(joined: string): string[] {
  return joined === '' ? [] : joined.split(', ');
}

/** The group's members, in the order the server lists them. */
export function membersOf(group: AdminGroup, agents: readonly AdminAgent[]): AdminAgent[] {
  const byId = new Map(agents.map((a) => [a.id, a]));
  return group.memberIds.flatMap((id) => byId.get(id) ?? []);
}

/** Everyone who could still join the group, by name. */
export function candidatesFor(group: AdminGroup, agents: readonly AdminAgent[]): AdminAgent[] {
  const members = new Set(membersOf(group, agents).map((a) => a.id));
  return agents.filter((a) => !members.has(a.id)).sort((a, b) => a.name.localeCompare(b.name));
}

/** How a person is named in a list of choices: the name, and the email that tells two Alexes apart. */
export function personLabel(agent: Pick<AdminAgent, 'name' | 'email' | 'disabled'>): string {
  return `${agent.name} (${agent.email})${agent.disabled ? ', disabled' : ''}`;
}
