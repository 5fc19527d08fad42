// `npm run admin -- kb …`: knowledge-base articles from the command line, through the same SQL
// as the console (worker/db/kb-sql.ts), so the customers' search index follows every change.
import { MAX_ARTICLE_BODY, MAX_ARTICLE_TITLE } from '../objects/rules/kb.ts';
import { readFileSync } from 'node:fs';
import { randomId } from '../worker/auth/encoding.ts';
import { kbSql } from '../worker/kb/sql.ts';
import { inlineSql, type Query } from '../worker/people/admin-sql.ts';
import { change, type Context, Refused, table, UsageError } from './admin-core.ts';
import { executeD1 } from './d1.ts';

/** The longest article body (characters), as the console allows. */
const MAX_BODY = MAX_ARTICLE_BODY;
const MAX_TITLE = MAX_ARTICLE_TITLE;

interface KbOptions {
  title?: string;
  'body-file'?: string;
}

function readBody(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let body: string;
  try {
    body = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${path}.`);
  }
  if (body.trim() === '' || body.length > MAX_BODY) throw new UsageError(`The body must have 1 to ${MAX_BODY} characters.`);
  return body;
}

function checkTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const t = title.trim();
  if (t === '' || t.length > MAX_TITLE) throw new UsageError(`The title must have 1 to ${MAX_TITLE} characters.`);
  return t;
}

const withReindex = (changeQuery: Query, id: string) => [changeQuery, ...kbSql.reindex(id)].map((q) => inlineSql(q));

export async function runKb(verb: string | undefined, args: string[], options: KbOptions, ctx: Context): Promise<void> {
  const want = (n: number) => {
    if (args.length !== n) throw new UsageError(`\`kb ${verb}\` takes ${n} argument${n === 1 ? '' : 's'}.`);
  };
  const now = Date.now();
  switch (verb) {
    case 'list': {
      want(0);
      const [rows] = await executeD1(inlineSql(kbSql.list()), ctx.target);
      return table(ctx, rows ?? [], ['id', 'status', 'deflections', 'title']);
    }
    case 'create': {
      want(0);
      const title = checkTitle(options.title);
      const body = readBody(options['body-file']);
      if (!title || !body) throw new UsageError('`kb create` needs --title and --body-file.');
      const id = randomId(8);
      await change(ctx, withReindex(kbSql.create({ id, title, body, now }), id), 'The article could not be created.');
      return ctx.out(`Created draft ${id}: ${title}. Publish it with: npm run admin -- kb publish ${id}`);
    }
    case 'edit': {
      want(1);
      const id = args[0]!;
      const [rows] = await executeD1(inlineSql({ sql: 'SELECT title, body FROM kb_articles WHERE id = ?1', params: [id] }), ctx.target);
      const current = rows?.[0];
      if (!current) throw new Refused(`No article ${id}.`);
      const title = checkTitle(options.title) ?? String(current['title']);
      const body = readBody(options['body-file']) ?? String(current['body']);
      await change(ctx, withReindex(kbSql.update({ id, title, body, now }), id), `No article ${id}.`);
      return ctx.out(`Saved ${id}.`);
    }
    case 'publish':
    case 'unpublish': {
      want(1);
      const id = args[0]!;
      await change(ctx, withReindex(kbSql.setStatus(id, verb === 'publish' ? 'published' : 'draft', now), id), `No article ${id}.`);
      return ctx.out(verb === 'publish' ? `Published ${id}: customers can find it now.` : `Unpublished ${id}.`);
    }
    case 'delete': {
      want(1);
      const id = args[0]!;
      await change(ctx, withReindex(kbSql.delete(id), id), `No article ${id}.`);
      return ctx.out(`Deleted ${id}.`);
    }
    default:
      throw new UsageError(`Unknown command: kb ${verb ?? ''}.`.replace(' .', '.'));
  }
}
