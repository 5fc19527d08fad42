// `npm run admin -- <command>`: the administrator's command line. It changes people and groups
// in D1 through `wrangler d1 execute`, on the local database by default or the deployed one with
// `--remote`, using the same guarded SQL as the console's administration page
// (worker/db/people.ts). Passwords come from SWITCHBOARD_PASSWORD or a prompt, never an argument.
import { parseArgs } from 'node:util';
import { randomId } from '../worker/auth/encoding.ts';
import { hashPassword } from '../worker/auth/password.ts';
import { DEFAULT_MAX_CHATS, inlineSql, literal, people } from '../worker/people/admin-sql.ts';
import { MIN_PASSWORD_LENGTH, STAFF_RANKS, type StaffRank } from '../objects/protocol.ts';
import { isEmail } from '../objects/rules/email.ts';
import { executeD1, type Row } from './d1.ts';
import { change, type Context, Refused, table, UsageError } from './admin-core.ts';
import { runKb } from './admin-kb.ts';
import { CANNED_USAGE, runCanned } from './admin-canned.ts';
import { runSearchIndex, SEARCH_USAGE } from './admin-search.ts';
import { DEFAULT_URL, runCustomers } from './admin-customers.ts';
import { readPassword } from './prompt.ts';

export const USAGE = `Usage: npm run admin -- [--remote | --persist-to <dir>] <command>

People
  agents list
  agents create <email> --name <name> [--role agent|manager|admin] [--max-chats <n>] [--group <group>]...
  agents disable <email>
  agents enable <email>
  agents password <email>
  agents role <email> <agent|manager|admin>
  agents unlock <email>          lifts a lock that failed sign-ins put on the email
Groups
  groups list
  groups create <name> --member <email> [--member <email>]...
  groups rename <group> <new name>
  groups delete <group>
  members add <email> <group>
  members remove <email> <group>
Customers (ask the running Switchboard, signed in as an administrator)
  customers export <email> --as <admin email> [--url <address>] [--out <file>]
  customers erase <email> --as <admin email> [--url <address>] --yes
Knowledge base
  kb list
  kb create --title <title> --body-file <path>
  kb edit <id> [--title <title>] [--body-file <path>]
  kb publish <id>
  kb unpublish <id>
  kb delete <id>
${CANNED_USAGE}
${SEARCH_USAGE}

<group> is a group's name or id. Passwords are read from SWITCHBOARD_PASSWORD, or asked for.
customers commands talk to ${DEFAULT_URL} (npm start) unless --url names another; --as may
come from SWITCHBOARD_ADMIN_EMAIL.
Without --remote the local database (.wrangler/state, as npm start uses) is changed. Open consoles
and chats follow a change within 30 seconds (the agents' hubs check D1 on a timer).`;

const agentRef = (email: string) => `(SELECT id FROM agents WHERE email = ${literal(email.trim().toLowerCase())})`;

async function one(ctx: Context, sql: string): Promise<Row[]> {
  const results = await executeD1(sql, ctx.target);
  return results[0] ?? [];
}

/**
 * Checks, in one wrangler call, that every email names an agent and every group exists, and
 * returns the groups' ids. A name that does not exist is refused before anything changes.
 */
async function lookUp(ctx: Context, emails: string[], groups: string[]): Promise<string[]> {
  const queries = [...emails.map((e) => people.findAgentByEmail(e)), ...groups.map((g) => people.findGroup(g))];
  if (queries.length === 0) return [];
  const results = await executeD1(queries.map((q) => inlineSql(q)).join(';\n'), ctx.target);
  emails.forEach((e, i) => {
    if ((results[i] ?? []).length === 0) throw new Refused(`No agent with email ${e}.`);
  });
  return groups.map((g, i) => {
    const found = results[emails.length + i]?.[0];
    if (!found) throw new Refused(`No group named ${g}.`);
    return String(found['id']);
  });
}

function role(value: string | undefined): StaffRank {
  if (!value || !(STAFF_RANKS as readonly string[]).includes(value)) throw new UsageError(`Role must be one of: ${STAFF_RANKS.join(', ')}.`);
  return value as StaffRank;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`${name} must be a whole number from 1 to 100.`);
  return n;
}

async function newPassword(): Promise<string> {
  const password = process.env['SWITCHBOARD_PASSWORD'] ?? (await readPassword('New password: '));
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  return password;
}

/** Runs one command; throws UsageError or Refused. */
export async function runAdmin(argv: string[], ctx: Context): Promise<void> {
  if (argv[0] === 'customers') return runCustomers(argv, ctx);
  if (argv[0] === 'canned') return runCanned(argv, ctx);
  if (argv[0] === 'search-index') return runSearchIndex(argv, ctx);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'max-chats': { type: 'string' },
      group: { type: 'string', multiple: true },
      member: { type: 'string', multiple: true },
      title: { type: 'string' },
      'body-file': { type: 'string' },
    },
  });
  const [noun, verb, a, b, ...extra] = positionals;
  const want = (n: number) => {
    const got = positionals.length - 2;
    if (got !== n || extra.length > 0) throw new UsageError(`\`${noun} ${verb}\` takes ${n} argument${n === 1 ? '' : 's'}.`);
  };
  /** Sessions of the agent are ended only if the change before them was made. */
  const endSessionsIf = (condition: string) =>
    `DELETE FROM sessions WHERE agent_id = ${agentRef(a!)} AND EXISTS (SELECT 1 FROM agents WHERE id = ${agentRef(a!)} AND ${condition})`;

  if (noun === 'kb') return runKb(verb, positionals.slice(2), values, ctx);
  switch (`${noun} ${verb}`) {
    case 'agents list':
      want(0);
      return table(ctx, await one(ctx, inlineSql(people.listAgents())), ['email', 'name', 'role', 'disabled', 'maxChats', 'groups']);
    case 'groups list':
      want(0);
      return table(ctx, await one(ctx, inlineSql(people.listGroups())), ['id', 'name', 'members', 'memberEmails']);
    case 'agents create': {
      want(1);
      if (!values.name) throw new UsageError('`agents create` needs --name.');
      if (!isEmail(a!)) throw new UsageError(`${a} is not an email address.`);
      const groupIds = await lookUp(ctx, [], values.group ?? []);
      const rank = role(values.role ?? 'agent');
      const maxChats = positiveInt(values['max-chats'], '--max-chats', DEFAULT_MAX_CHATS);
      const id = randomId();
      const create = people.createAgent({
        id,
        email: a!,
        name: values.name,
        role: rank,
        passwordHash: await hashPassword(await newPassword()),
        maxChats,
        now: Date.now(),
      });
      // Memberships are added only if the agent was created (the insert of a refused one finds no agent).
      const memberships = groupIds.map(
        (g) => `INSERT INTO memberships (agent_id, group_id) SELECT id, ${literal(g)} FROM agents WHERE id = ${literal(id)}`,
      );
      await change(ctx, [inlineSql(create), ...memberships], `An agent with email ${a} exists already.`);
      return ctx.out(`Created ${rank} ${a}${groupIds.length ? ` in ${values.group!.join(', ')}` : ''}.`);
    }
    case 'agents disable':
    case 'agents enable': {
      want(1);
      await lookUp(ctx, [a!], []);
      const disable = verb === 'disable';
      await change(
        ctx,
        [inlineSql(people.setDisabled('', disable), { 1: agentRef(a!) }), ...(disable ? [endSessionsIf('disabled = 1')] : [])],
        'Refused: that would leave the deployment without an enabled administrator, or a group without an enabled member.',
      );
      return ctx.out(`${disable ? 'Disabled' : 'Enabled'} ${a}${disable ? ' and signed them out everywhere' : ''}.`);
    }
    case 'agents password': {
      want(1);
      const hash = await hashPassword(await newPassword());
      await change(ctx, [inlineSql(people.setPassword('', hash), { 1: agentRef(a!) }), endSessionsIf('1')], `No agent with email ${a}.`);
      return ctx.out(`Set a new password for ${a} and signed them out everywhere.`);
    }
    case 'agents role': {
      want(2);
      const rank = role(b);
      await lookUp(ctx, [a!], []);
      await change(ctx, [inlineSql(people.setRole('', rank), { 1: agentRef(a!) })], 'Refused: the deployment must keep an enabled administrator.');
      return ctx.out(`${a} is now ${rank}.`);
    }
    case 'agents unlock': {
      want(1);
      // Any email, an agent's or not: guesses lock the address they name.
      const lifted = await one(ctx, inlineSql(people.unlockSignIn(a!)));
      return ctx.out(lifted.length > 0 ? `Lifted the sign-in lock on ${a}.` : `${a} was not locked.`);
    }
    case 'groups create': {
      want(1);
      const members = values.member ?? [];
      if (members.length === 0) throw new UsageError('`groups create` needs at least one --member, so the group is never empty.');
      await lookUp(ctx, members, []);
      const id = randomId(8);
      const memberships = members.map(
        (m) => `INSERT INTO memberships (agent_id, group_id) SELECT ${agentRef(m)}, id FROM groups WHERE id = ${literal(id)}`,
      );
      await change(ctx, [inlineSql(people.createGroup({ id, name: a!, now: Date.now() })), ...memberships], `A group named ${a} exists already.`);
      return ctx.out(`Created group ${a} (${id}) with ${members.join(', ')}.`);
    }
    case 'groups rename': {
      want(2);
      const [groupId] = await lookUp(ctx, [], [a!]);
      await change(ctx, [inlineSql(people.renameGroup(groupId!, b!))], `A group named ${b} exists already.`);
      return ctx.out(`Renamed ${a} to ${b}.`);
    }
    case 'groups delete': {
      want(1);
      const [groupId] = await lookUp(ctx, [], [a!]);
      await change(ctx, [inlineSql(people.deleteGroup(groupId!))], `Refused: ${a} still has chats waiting or under way, or open tickets or tasks.`);
      return ctx.out(`Deleted group ${a}.`);
    }
    case 'members add':
    case 'members remove': {
      want(2);
      const [groupId] = await lookUp(ctx, [a!], [b!]);
      if (verb === 'add') {
        await executeD1(inlineSql(people.addMember('', groupId!), { 1: agentRef(a!) }), ctx.target);
        return ctx.out(`Added ${a} to ${b}.`);
      }
      await change(
        ctx,
        [inlineSql(people.removeMember('', groupId!), { 1: agentRef(a!) })],
        `Refused: ${a} is not in ${b}, or is its last enabled member.`,
      );
      return ctx.out(`Removed ${a} from ${b}.`);
    }
    default:
      throw new UsageError(noun ? `Unknown command: ${[noun, verb].filter(Boolean).join(' ')}.` : 'No command given.');
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const remote = argv.includes('--remote');
  const at = argv.indexOf('--persist-to');
  const persistTo = at >= 0 ? argv[at + 1] : undefined;
  // --persist-to and its folder are dropped only when given (at -1, `at + 1` would be the first word).
  const rest = argv.filter((x, i) => x !== '--remote' && !(at >= 0 && (i === at || i === at + 1)));
  const ctx: Context = { target: { remote, persistTo }, out: (line) => console.log(line) };
  try {
    if (at >= 0 && (!persistTo || remote)) throw new UsageError('--persist-to needs a folder, and cannot be used with --remote.');
    if (rest.length === 0 || rest[0] === 'help' || rest[0] === '--help') {
      console.log(USAGE);
      return rest.length === 0 ? 2 : 0;
    }
    await runAdmin(rest, ctx);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

process.exitCode = await main();
