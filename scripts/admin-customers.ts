// `npm run admin -- customers …`: a customer's privacy requests from the command line. What
// Switchboard holds about a customer includes their chats' conversations, which live in each
// chat's Durable Object, out of reach of `wrangler d1 execute`; so these commands ask the running
// Switchboard itself (npm start's address by default, the deployed one with --url), signed in as
// an administrator, through the same routes as the console (worker/customers/privacy.ts).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isEmail, normalEmail } from '../objects/rules/email.ts';
import { type Context, Refused, UsageError } from './admin-core.ts';
import { readPassword } from './prompt.ts';

/** Where `npm start` serves Switchboard. */
export const DEFAULT_URL = 'http://127.0.0.1:8787';

interface Session {
  base: string;
  cookie: string;
}

async function call(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(new URL(path, base), { ...init, headers: { Origin: new URL(base).origin, 'content-type': 'application/json', ...init.headers }, signal: AbortSignal.timeout(60_000) });
  } catch {
    throw new Refused(`Switchboard does not answer at ${base}: start it with npm start, or name it with --url.`);
  }
}

async function refusal(res: Response): Promise<Refused> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return new Refused(body?.error?.message ?? `Switchboard answered ${res.status}.`);
}

async function signIn(base: string, email: string): Promise<Session> {
  const password = process.env['SWITCHBOARD_PASSWORD'] ?? (await readPassword(`Password for ${email}: `));
  const res = await call(base, '/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
  if (!res.ok) throw await refusal(res);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { base, cookie };
}

async function customerId(session: Session, email: string): Promise<string> {
  const res = await call(session.base, `/api/customers/lookup?email=${encodeURIComponent(email)}`, { headers: { Cookie: session.cookie } });
  if (res.status === 404) throw new Refused(`No customer with email ${email}.`);
  if (!res.ok) throw await refusal(res);
  return ((await res.json()) as { customerId: string }).customerId;
}

export async function runCustomers(argv: string[], ctx: Context): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { url: { type: 'string' }, as: { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean' } },
  });
  const [, verb, email, ...extra] = positionals;
  if (verb !== 'export' && verb !== 'erase') throw new UsageError(verb ? `Unknown command: customers ${verb}.` : 'customers takes export or erase.');
  if (email === undefined || extra.length > 0) throw new UsageError(`\`customers ${verb}\` takes one email.`);
  if (!isEmail(normalEmail(email))) throw new UsageError(`"${email}" is not an email address.`);
  const admin = values.as ?? process.env['SWITCHBOARD_ADMIN_EMAIL'];
  if (!admin) throw new UsageError('Name the administrator to sign in as: --as <email> or SWITCHBOARD_ADMIN_EMAIL.');
  let base: string;
  try {
    base = new URL(values.url ?? DEFAULT_URL).toString();
  } catch {
    throw new UsageError(`--url must be an address such as ${DEFAULT_URL}.`);
  }
  const session = await signIn(base, admin);
  const id = await customerId(session, normalEmail(email));
  if (verb === 'export') {
    const res = await call(base, `/api/customers/${encodeURIComponent(id)}/export`, { headers: { Cookie: session.cookie } });
    if (!res.ok) throw await refusal(res);
    const document = await res.text();
    if (values.out) {
      writeFileSync(values.out, document, { mode: 0o600 });
      return ctx.out(`Exported everything about ${email} to ${values.out}.`);
    }
    return ctx.out(document);
  }
  if (!values.yes) throw new UsageError('Erasing cannot be undone: add --yes to erase the customer.');
  const res = await call(base, `/api/customers/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { Cookie: session.cookie } });
  if (!res.ok) throw await refusal(res);
  const { erased } = (await res.json()) as { erased: Record<string, number> };
  ctx.out(`Erased ${email}: ${erased['chats']} chat(s), ${erased['messagesLeft']} message(s) left; ${erased['tickets']} ticket(s) and ${erased['calls']} call log(s) kept without them.`);
}
