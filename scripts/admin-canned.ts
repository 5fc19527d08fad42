// `npm run admin -- canned …`: canned replies from the command line, through `wrangler d1
// execute` and the same SQL as the console (worker/canned/sql.ts: a shortcut is taken once in a
// scope), with the same checks (objects/rules/canned.ts: the variables, the shortcut, the limits).
// Text only: a reply's files are added in the console; removing a reply removes its files from R2
// too (`wrangler r2 object delete`).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkBody, MAX_CANNED_BODY, MAX_CANNED_FOLDER, MAX_CANNED_TITLE, normalShortcut, shortcutProblem, type CannedScope } from '../objects/rules/canned.ts';
import { randomId } from '../worker/auth/encoding.ts';
import { cannedSql } from '../worker/canned/sql.ts';
import { inlineSql, people, type Query } from '../worker/people/admin-sql.ts';
import { change, type Context, Refused, table, UsageError } from './admin-core.ts';
import { executeD1 } from './d1.ts';
import { persistArgs, runWrangler } from './process.ts';

/** Who wrote a shared or group reply made here (a personal one is its owner's). */
const CLI_AUTHOR = 'npm run admin';
/** The R2 bucket of wrangler.toml's FILES binding. */
const FILES_BUCKET = 'switchboard-files';

export const CANNED_USAGE = `Canned replies
  canned list
  canned add --title <title> (--body <text> | --body-file <path>) [--group <group> | --owner <email>]
             [--folder <folder>] [--shortcut <shortcut>]
  canned remove <id>
  Without --group or --owner a reply is shared (every agent has it); with --group it is that
  group's, with --owner that agent's own. Variables: {{customer.name}}, {{customer.first_name}},
  {{customer.email}}, {{agent.name}}, {{agent.first_name}}, {{group.name}}, {{field.<key>}},
  each with an optional fallback: {{customer.first_name|there}}.`;

function oneLine(value: string | undefined, what: string, max: number, min: number): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v.length < min || v.length > max || /[\r\n]/.test(v)) throw new UsageError(`${what} must be one line of ${min} to ${max} characters.`);
  return v;
}

function bodyOf(text: string | undefined, file: string | undefined): string {
  if (text !== undefined && file !== undefined) throw new UsageError('Give --body or --body-file, not both.');
  let body = text;
  if (file !== undefined) {
    try {
      body = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${file}.`);
    }
  }
  if (body === undefined) throw new UsageError('`canned add` needs --body or --body-file.');
  body = body.trim();
  if (body === '' || body.length > MAX_CANNED_BODY) throw new UsageError(`The body must have 1 to ${MAX_CANNED_BODY} characters.`);
  return body;
}

export async function runCanned(argv: string[], ctx: Context): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      title: { type: 'string' },
      body: { type: 'string' },
      'body-file': { type: 'string' },
      group: { type: 'string' },
      owner: { type: 'string' },
      folder: { type: 'string' },
      shortcut: { type: 'string' },
    },
  });
  const [, verb, ...args] = positionals;
  const want = (n: number) => {
    if (args.length !== n) throw new UsageError(`\`canned ${verb}\` takes ${n} argument${n === 1 ? '' : 's'}.`);
  };
  switch (verb) {
    case 'list': {
      want(0);
      const [rows] = await executeD1(inlineSql(cannedSql.listAll()), ctx.target);
      return table(ctx, rows ?? [], ['id', 'scope', 'belongsTo', 'folder', 'shortcut', 'title', 'files']);
    }
    case 'add': {
      want(0);
      const title = oneLine(values.title, 'The title', MAX_CANNED_TITLE, 1);
      if (!title) throw new UsageError('`canned add` needs --title.');
      const folder = oneLine(values.folder, 'The folder', MAX_CANNED_FOLDER, 0) ?? '';
      const body = bodyOf(values.body, values['body-file']);
      const shortcut = normalShortcut(values.shortcut);
      const problem = shortcutProblem(shortcut);
      if (problem) throw new UsageError(problem);
      if (values.group !== undefined && values.owner !== undefined) throw new UsageError('A reply is a group’s (--group) or a person’s (--owner), not both.');
      const scope: CannedScope = values.group !== undefined ? 'group' : values.owner !== undefined ? 'personal' : 'shared';

      // The group or owner, and the custom fields a {{field.<key>}} may name, in one wrangler call.
      const lookups: Query[] = [{ sql: 'SELECT key FROM custom_fields', params: [] }];
      if (scope === 'group') lookups.push(people.findGroup(values.group!));
      if (scope === 'personal') lookups.push(people.findAgentByEmail(values.owner!));
      const [fields, found] = await executeD1(lookups.map((q) => inlineSql(q)).join(';\n'), ctx.target);
      const checked = checkBody(body, (fields ?? []).map((r) => String(r['key'])));
      if (!checked.ok) throw new Refused(checked.message);
      const owner = found?.[0];
      if (scope === 'group' && !owner) throw new Refused(`No group named ${values.group}.`);
      if (scope === 'personal' && !owner) throw new Refused(`No agent with email ${values.owner}.`);

      const id = randomId(8);
      const ownerId = scope === 'personal' ? String(owner!['id']) : null;
      const insert = cannedSql.insert({
        id,
        scope,
        groupId: scope === 'group' ? String(owner!['id']) : null,
        ownerId,
        folder,
        title,
        shortcut,
        body,
        createdBy: ownerId ?? CLI_AUTHOR,
        now: Date.now(),
      });
      await change(ctx, [inlineSql(insert)], `Another canned reply of this scope has the shortcut #${shortcut}.`);
      const where = scope === 'shared' ? 'shared' : scope === 'group' ? `for ${values.group}` : `for ${values.owner}`;
      return ctx.out(`Created canned reply ${id} (${where}): ${title}${shortcut ? ` (#${shortcut})` : ''}.`);
    }
    case 'remove': {
      want(1);
      const id = args[0]!;
      const [files] = await executeD1(inlineSql({ sql: 'SELECT id FROM canned_reply_files WHERE reply_id = ?1', params: [id] }), ctx.target);
      await change(ctx, cannedSql.delete(id).map((q) => inlineSql(q)), `No canned reply ${id}.`);
      // The rows are gone first: a file left in R2 by a failure here is never served again.
      const where = ctx.target.remote ? ['--remote'] : ['--local', ...persistArgs(ctx.target.persistTo)];
      for (const file of files ?? []) {
        await runWrangler(['r2', 'object', 'delete', `${FILES_BUCKET}/canned/${id}/${String(file['id'])}`, ...where], { quiet: true });
      }
      const n = files?.length ?? 0;
      return ctx.out(`Removed canned reply ${id}${n > 0 ? ` and its ${n} file${n === 1 ? '' : 's'}` : ''}.`);
    }
    default:
      throw new UsageError(`Unknown command: canned ${verb ?? ''}.`.replace(' .', '.'));
  }
}
