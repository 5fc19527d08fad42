// Named queries over customers: found or created by address whenever a chat, a message left, a
// ticket or a call log names them; what the user-details pop-out shows, always limited to the
// caller's groups; edits, comments, merges and organizations. A customer's items are theirs by
// email (`customer_emails`), so a merge moves addresses, never items.
import { emailDomain, MAX_CUSTOMER_ITEMS, STATISTICS_WINDOWS, type StatisticsWindow, windowStarts } from '../../objects/rules/customers.ts';
import { randomId } from '../auth/encoding.ts';
import type {
  Customer, CustomerCall, CustomerChat, CustomerComment, CustomerForm, CustomerHistory, CustomerStatistics, CustomerSurvey, CustomerTicket,
  OrganizationMember, OrganizationRef, StatisticsRow,
} from './wire.ts';

/** The customer's addresses, as a sub-select on `?2` (the customer's id). */
const THEIR_EMAILS = 'SELECT email FROM customer_emails WHERE customer_id = ?2';
/** The caller's groups, as a sub-select on `?1` (the agent's id). */
const MY_GROUPS = 'SELECT group_id FROM memberships WHERE agent_id = ?1';

/** What a source says about the customer as it names them. */
export interface Sighting {
  email: string;
  name: string;
  at: number;
  timeZone?: string | null;
  language?: string | null;
  /** Custom field values given (a pre-chat form's): they replace the customer's same keys. */
  fields?: Record<string, string>;
  /** Their website vouched for them (a valid signed identity). */
  verified?: { externalId: string | null; name: string | null };
}

/**
 * The customer with this address, created if there is none, told what the source says: last seen,
 * the browser's time zone and language (unless staff set them), a pre-chat form's fields, a
 * verification. One batch: two sources naming a new address at once make one customer (the
 * address's row decides which id wins, and only that id gets a customer row).
 */
export async function noteCustomer(db: D1Database, s: Sighting): Promise<string> {
  const id = randomId();
  const byEmail = '(SELECT customer_id FROM customer_emails WHERE email = ?1)';
  const results = await db.batch([
    db.prepare('INSERT INTO customer_emails (email, customer_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (email) DO NOTHING').bind(s.email, id, s.at),
    db
      .prepare(
        `INSERT INTO customers (id, name, first_seen_at, last_seen_at, created_at)
         SELECT ?2, ?3, ?4, ?4, ?4 WHERE ${byEmail} = ?2`,
      )
      .bind(s.email, id, s.verified?.name ?? s.name, s.at),
    db
      .prepare(
        `UPDATE customers SET
           last_seen_at = max(last_seen_at, ?2),
           time_zone = CASE WHEN time_zone_by_staff OR ?3 IS NULL THEN time_zone ELSE ?3 END,
           language = CASE WHEN language_by_staff OR ?4 IS NULL THEN language ELSE ?4 END,
           custom_fields = json_patch(custom_fields, ?5),
           name = CASE WHEN ?6 IS NULL THEN name ELSE ?6 END,
           external_id = coalesce(?7, external_id),
           verified_at = CASE WHEN ?8 THEN coalesce(verified_at, ?2) ELSE verified_at END,
           last_sign_in_at = CASE WHEN ?8 THEN ?2 ELSE last_sign_in_at END
         WHERE id = ${byEmail}`,
      )
      .bind(
        s.email,
        s.at,
        s.timeZone ?? null,
        s.language ?? null,
        JSON.stringify(s.fields ?? {}),
        s.verified?.name ?? null,
        s.verified?.externalId ?? null,
        s.verified ? 1 : 0,
      ),
    db.prepare('SELECT customer_id AS id FROM customer_emails WHERE email = ?1').bind(s.email),
  ]);
  return (results[3]!.results[0] as { id: string }).id;
}

/** Notes a customer without failing the source that names them (its row stands; the pop-out finds them again by email). */
export async function noteCustomerQuietly(db: D1Database, s: Sighting): Promise<void> {
  try {
    await noteCustomer(db, s);
  } catch (err) {
    console.error('customer not noted', err);
  }
}

export async function customerIdByEmail(db: D1Database, email: string): Promise<string | null> {
  return (await db.prepare('SELECT customer_id AS id FROM customer_emails WHERE email = ?').bind(email).first<{ id: string }>())?.id ?? null;
}

/**
 * True when a chat, message left, ticket or call log with one of the addresses `emails` selects
 * (an SQL expression on `?2`) is in one of the caller's groups (`?1`); for an administrator, in any.
 */
async function onItemsSeen(db: D1Database, agent: { id: string; role: string }, emails: string, key: string): Promise<boolean> {
  const mine = agent.role === 'admin' ? '' : ` AND group_id IN (${MY_GROUPS})`;
  const sources: [string, string][] = [['chats', 'visitor_email'], ['tickets', 'customer_email'], ['call_logs', 'customer_email'], ['offline_messages', 'email']];
  const sql = `SELECT ${sources.map(([table, column]) => `EXISTS (SELECT 1 FROM ${table} WHERE ${column} IN (${emails})${mine})`).join(' OR ')} AS y`;
  return ((await db.prepare(sql).bind(agent.id, key).first<{ y: number }>())?.y ?? 0) === 1;
}

/**
 * True when the caller may open the customer: an administrator always (privacy requests reach
 * them); anyone else when one of the customer's chats, messages left, tickets or call logs is in
 * one of their groups.
 */
export async function mayOpenCustomer(db: D1Database, agent: { id: string; role: string }, customerId: string): Promise<boolean> {
  if (agent.role === 'admin') return (await db.prepare('SELECT 1 AS y FROM customers WHERE id = ?').bind(customerId).first()) !== null;
  return onItemsSeen(db, agent, THEIR_EMAILS, customerId);
}

/** True when an item the caller may see (an administrator: any) names the address. */
export function addressOnItems(db: D1Database, agent: { id: string; role: string }, email: string): Promise<boolean> {
  return onItemsSeen(db, agent, '?2', email);
}

const COMMENT_COLUMNS = 'id, author_id AS authorId, author_name AS authorName, text, sticky, created_at AS createdAt';
type CommentRow = Omit<CustomerComment, 'sticky'> & { sticky: number };
const commentOf = (c: CommentRow): CustomerComment => ({ ...c, sticky: c.sticky === 1 });

interface CustomerRow {
  id: string;
  name: string;
  organization_id: string | null;
  time_zone: string | null;
  time_zone_by_staff: number;
  language: string | null;
  language_by_staff: number;
  website: string;
  home_phone: string;
  work_phone: string;
  mobile_phone: string;
  address: string;
  subscribed: number;
  custom_fields: string;
  external_id: string | null;
  verified_at: number | null;
  last_sign_in_at: number | null;
  first_seen_at: number;
  last_seen_at: number;
}

function customerOf(r: CustomerRow, emails: string[], organization: OrganizationRef | null, suggested: OrganizationRef | null): Customer {
  return {
    id: r.id,
    name: r.name,
    emails,
    organization,
    suggestedOrganization: organization ? null : suggested,
    timeZone: r.time_zone,
    timeZoneByStaff: r.time_zone_by_staff === 1,
    language: r.language,
    languageByStaff: r.language_by_staff === 1,
    website: r.website,
    homePhone: r.home_phone,
    workPhone: r.work_phone,
    mobilePhone: r.mobile_phone,
    address: r.address,
    subscribed: r.subscribed === 1,
    customFields: JSON.parse(r.custom_fields) as Record<string, string>,
    externalId: r.external_id,
    verifiedAt: r.verified_at,
    lastSignInAt: r.last_sign_in_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  };
}

/** The customer's record, addresses (oldest first) and organization, or null. */
export async function findCustomer(db: D1Database, customerId: string): Promise<Customer | null> {
  const [rows, emails] = await db.batch([
    db.prepare('SELECT * FROM customers WHERE id = ?').bind(customerId),
    db.prepare('SELECT email FROM customer_emails WHERE customer_id = ? ORDER BY created_at, email').bind(customerId),
  ]);
  const row = rows!.results[0] as CustomerRow | undefined;
  if (!row) return null;
  const addresses = (emails!.results as { email: string }[]).map((e) => e.email);
  const orgs = await db
    .prepare('SELECT id, name, domain FROM organizations WHERE id = ?1 OR domain IN (SELECT value FROM json_each(?2)) ORDER BY id = ?1 DESC LIMIT 2')
    .bind(row.organization_id, JSON.stringify([...new Set(addresses.map(emailDomain))]))
    .all<OrganizationRef>();
  const organization = orgs.results.find((o) => o.id === row.organization_id) ?? null;
  const suggested = orgs.results.find((o) => o.id !== row.organization_id) ?? null;
  return customerOf(row, addresses, organization, suggested);
}

export interface CustomerActivity {
  comments: CustomerComment[];
  tickets: CustomerTicket[];
  chats: CustomerChat[];
  calls: CustomerCall[];
  surveys: CustomerSurvey[];
  forms: CustomerForm[];
  statistics: CustomerStatistics;
  history: Omit<CustomerHistory, 'firstSeenAt' | 'lastSeenAt' | 'lastSignInAt'>;
}

/** One statistics row: how many of `from`'s rows have `at` in each window (`?3`…`?5` the windows' starts). */
function countsOver(at: string, from: string): string {
  return `SELECT coalesce(sum(${at} >= ?3), 0) AS last7, coalesce(sum(${at} >= ?4), 0) AS last30,
    coalesce(sum(${at} >= ?5), 0) AS last90, count(${at}) AS "all" FROM ${from}`;
}

/**
 * Everything the pop-out lists about the customer, newest first, and its statistics (tickets
 * closed, chats ended, calls and time logs in the last 7, 30 and 90 days and all time): only what
 * is in the caller's groups. One round trip.
 */
export async function customerActivity(db: D1Database, agentId: string, customerId: string, now: number): Promise<CustomerActivity> {
  const limit = `LIMIT ${MAX_CUSTOMER_ITEMS}`;
  const starts = windowStarts(now);
  const binds = [agentId, customerId, starts.last7, starts.last30, starts.last90];
  const myTickets = `tickets t WHERE t.customer_email IN (${THEIR_EMAILS}) AND t.group_id IN (${MY_GROUPS})`;
  const myChats = `chats c WHERE c.visitor_email IN (${THEIR_EMAILS}) AND c.group_id IN (${MY_GROUPS})`;
  const myCalls = `call_logs l WHERE l.customer_email IN (${THEIR_EMAILS}) AND l.group_id IN (${MY_GROUPS})`;
  const statements = [
    `SELECT ${COMMENT_COLUMNS} FROM customer_comments WHERE customer_id = ?2 ORDER BY created_at DESC`,
    `SELECT t.id, t.number, t.subject, t.status, g.name AS groupName, t.agent_name AS agentName, t.created_at AS createdAt, t.updated_at AS updatedAt,
       (SELECT count(*) FROM ticket_entries e WHERE e.ticket_id = t.id) AS messages
     FROM ${myTickets.replace('tickets t', 'tickets t JOIN groups g ON g.id = t.group_id')} ORDER BY t.created_at DESC ${limit}`,
    `SELECT c.id, c.status, c.group_id AS groupId, c.group_name AS groupName, c.agent_name AS agentName, c.started_at AS startedAt,
       c.taken_at - c.started_at AS queueMs, c.ended_at AS endedAt, c.message_count AS messageCount,
       EXISTS (SELECT 1 FROM verified_chats v WHERE v.chat_id = c.id) AS verified
     FROM ${myChats} ORDER BY c.started_at DESC ${limit}`,
    `SELECT l.id, l.number, l.phone, l.direction, l.group_id AS groupId, g.name AS groupName, l.agent_name AS agentName,
       l.started_at AS startedAt, l.duration_seconds AS durationSeconds
     FROM ${myCalls.replace('call_logs l', 'call_logs l JOIN groups g ON g.id = l.group_id')} ORDER BY l.started_at DESC ${limit}`,
    `SELECT s.chat_id AS chatId, s.rating, s.comment, c.group_name AS groupName, s.created_at AS createdAt
     FROM surveys s JOIN ${myChats.replace('chats c WHERE', 'chats c ON c.id = s.chat_id WHERE')} ORDER BY s.created_at DESC ${limit}`,
    `SELECT 'pre-chat' AS kind, c.id, c.group_name AS groupName, c.custom_fields AS fields, NULL AS message, NULL AS handled, c.started_at AS at
     FROM ${myChats} AND c.custom_fields != '{}'
     UNION ALL
     SELECT 'offline-message', m.id, g.name, m.custom_fields, m.message, m.handled_at IS NOT NULL, m.created_at
     FROM offline_messages m JOIN groups g ON g.id = m.group_id WHERE m.email IN (${THEIR_EMAILS}) AND m.group_id IN (${MY_GROUPS})
     ORDER BY at DESC ${limit}`,
    countsOver('t.closed_at', myTickets),
    countsOver('c.ended_at', myChats),
    countsOver('l.started_at', myCalls),
    countsOver(
      'tl.logged_at',
      `time_logs tl WHERE tl.group_id IN (${MY_GROUPS}) AND (
         tl.chat_id IN (SELECT id FROM chats WHERE visitor_email IN (${THEIR_EMAILS}))
         OR tl.ticket_id IN (SELECT id FROM tickets WHERE customer_email IN (${THEIR_EMAILS})))`,
    ),
    `SELECT (SELECT max(c.started_at) FROM ${myChats}) AS lastChatAt, (SELECT max(t.created_at) FROM ${myTickets}) AS lastTicketAt,
       (SELECT max(l.started_at) FROM ${myCalls}) AS lastCallAt,
       (SELECT max(m.created_at) FROM offline_messages m WHERE m.email IN (${THEIR_EMAILS}) AND m.group_id IN (${MY_GROUPS})) AS lastMessageLeftAt`,
  ];
  // Every statement numbers its parameters from the same five values; each is bound with as many
  // as its highest number (D1 refuses more values than a statement has parameters).
  const highest = (sql: string) => Math.max(...Array.from(sql.matchAll(/\?(\d+)/g), (m) => Number(m[1])));
  const results = await db.batch(statements.map((sql) => db.prepare(sql).bind(...binds.slice(0, highest(sql)))));
  const rows = <R>(i: number) => results[i]!.results as R[];
  const stats = (i: number): StatisticsRow => {
    const r = rows<Record<StatisticsWindow, number>>(i)[0]!;
    return Object.fromEntries(STATISTICS_WINDOWS.map((w) => [w, r[w] ?? 0])) as StatisticsRow;
  };
  return {
    comments: rows<CommentRow>(0).map(commentOf),
    tickets: rows<CustomerTicket>(1),
    chats: rows<Omit<CustomerChat, 'verified'> & { verified: number }>(2).map((c) => ({ ...c, verified: c.verified === 1 })),
    calls: rows<CustomerCall>(3),
    surveys: rows<Omit<CustomerSurvey, 'name'>>(4).map((s) => ({ ...s, name: 'After-chat survey' })),
    forms: rows<{ kind: CustomerForm['kind']; id: string; groupName: string; fields: string; message: string | null; handled: number | null; at: number }>(5).map(
      (f): CustomerForm =>
        f.kind === 'pre-chat'
          ? { kind: 'pre-chat', chatId: f.id, groupName: f.groupName, fields: JSON.parse(f.fields) as Record<string, string>, at: f.at }
          : { kind: 'offline-message', id: f.id, groupName: f.groupName, message: f.message ?? '', fields: JSON.parse(f.fields) as Record<string, string>, handled: f.handled === 1, at: f.at },
    ),
    statistics: { tickets: stats(6), liveChats: stats(7), calls: stats(8), timeLogs: stats(9) },
    history: rows<CustomerActivity['history']>(10)[0]!,
  };
}

/** Columns staff may set, by the edit body's names. */
const EDITABLE = {
  name: 'name',
  website: 'website',
  homePhone: 'home_phone',
  workPhone: 'work_phone',
  mobilePhone: 'mobile_phone',
  address: 'address',
  organizationId: 'organization_id',
} as const;

export interface CustomerChange {
  name?: string;
  website?: string;
  homePhone?: string;
  workPhone?: string;
  mobilePhone?: string;
  address?: string;
  organizationId?: string | null;
  subscribed?: boolean;
  customFields?: Record<string, string>;
  /** null: back to the browser's own value (the next chat's). */
  timeZone?: string | null;
  language?: string | null;
}

/** Writes only the fields named, so two people changing different things both keep theirs. */
export async function updateCustomer(db: D1Database, customerId: string, change: CustomerChange): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (sql: string, ...v: unknown[]) => {
    sets.push(sql);
    values.push(...v);
  };
  for (const [key, column] of Object.entries(EDITABLE)) {
    const value = change[key as keyof typeof EDITABLE];
    if (value !== undefined) set(`${column} = ?`, value);
  }
  if (change.subscribed !== undefined) set('subscribed = ?', change.subscribed ? 1 : 0);
  if (change.customFields !== undefined) set('custom_fields = ?', JSON.stringify(change.customFields));
  if (change.timeZone !== undefined) set('time_zone = ?, time_zone_by_staff = ?', change.timeZone, change.timeZone === null ? 0 : 1);
  if (change.language !== undefined) set('language = ?, language_by_staff = ?', change.language, change.language === null ? 0 : 1);
  if (sets.length === 0) return;
  await db.prepare(`UPDATE customers SET ${sets.join(', ')} WHERE id = ?`).bind(...values, customerId).run();
}

export async function insertCustomerComment(db: D1Database, customerId: string, c: CustomerComment): Promise<void> {
  await db
    .prepare('INSERT INTO customer_comments (id, customer_id, author_id, author_name, text, sticky, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(c.id, customerId, c.authorId, c.authorName, c.text, c.sticky ? 1 : 0, c.createdAt)
    .run();
}

export async function findCustomerComment(db: D1Database, customerId: string, commentId: string): Promise<CustomerComment | null> {
  const row = await db.prepare(`SELECT ${COMMENT_COLUMNS} FROM customer_comments WHERE customer_id = ? AND id = ?`).bind(customerId, commentId).first<CommentRow>();
  return row ? commentOf(row) : null;
}

export async function updateCustomerComment(db: D1Database, commentId: string, change: { text?: string; sticky?: boolean }): Promise<void> {
  await db
    .prepare('UPDATE customer_comments SET text = coalesce(?, text), sticky = coalesce(?, sticky) WHERE id = ?')
    .bind(change.text ?? null, change.sticky === undefined ? null : change.sticky ? 1 : 0, commentId)
    .run();
}

export async function deleteCustomerComment(db: D1Database, commentId: string): Promise<void> {
  await db.prepare('DELETE FROM customer_comments WHERE id = ?').bind(commentId).run();
}

/** The comments about the customer, newest first: all of them, or only the sticky ones (shown on every chat of theirs). */
export async function customerComments(db: D1Database, customerId: string, which: 'all' | 'sticky'): Promise<CustomerComment[]> {
  const sticky = which === 'sticky' ? ' AND sticky = 1' : '';
  const { results } = await db
    .prepare(`SELECT ${COMMENT_COLUMNS} FROM customer_comments WHERE customer_id = ?${sticky} ORDER BY created_at DESC`)
    .bind(customerId)
    .all<CommentRow>();
  return results.map(commentOf);
}

export async function isVerifiedChat(db: D1Database, chatId: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS y FROM verified_chats WHERE chat_id = ?').bind(chatId).first()) !== null;
}

/**
 * `from` merged into `into`, in one batch: its addresses (and so its chats, messages, tickets and
 * calls) and comments move; what `into` lacks (contact details, organization, time zone,
 * language, custom fields) is taken from `from`; first and last seen, verification and sign-in
 * span both. Then `from` is gone.
 */
export async function mergeCustomers(db: D1Database, into: string, from: string): Promise<void> {
  const other = (column: string) => `(SELECT ${column} FROM customers WHERE id = ?2)`;
  const text = (column: string) => `${column} = CASE WHEN ${column} = '' THEN ${other(column)} ELSE ${column} END`;
  await db.batch([
    db
      .prepare(
        `UPDATE customers SET
           ${['website', 'home_phone', 'work_phone', 'mobile_phone', 'address'].map(text).join(',\n')},
           organization_id = coalesce(organization_id, ${other('organization_id')}),
           time_zone = coalesce(time_zone, ${other('time_zone')}),
           language = coalesce(language, ${other('language')}),
           subscribed = subscribed OR ${other('subscribed')},
           custom_fields = json_patch(${other('custom_fields')}, custom_fields),
           external_id = coalesce(external_id, ${other('external_id')}),
           verified_at = CASE WHEN verified_at IS NULL THEN ${other('verified_at')} ELSE min(verified_at, coalesce(${other('verified_at')}, verified_at)) END,
           last_sign_in_at = max(coalesce(last_sign_in_at, 0), coalesce(${other('last_sign_in_at')}, 0)),
           first_seen_at = min(first_seen_at, ${other('first_seen_at')}),
           last_seen_at = max(last_seen_at, ${other('last_seen_at')})
         WHERE id = ?1`,
      )
      .bind(into, from),
    db.prepare('UPDATE customers SET last_sign_in_at = NULL WHERE id = ? AND last_sign_in_at = 0').bind(into),
    db.prepare('UPDATE customer_emails SET customer_id = ?1 WHERE customer_id = ?2').bind(into, from),
    db.prepare('UPDATE customer_comments SET customer_id = ?1 WHERE customer_id = ?2').bind(into, from),
    db.prepare('DELETE FROM customers WHERE id = ?').bind(from),
  ]);
}

// ---- organizations -----------------------------------------------------------------------------

export async function listOrganizations(db: D1Database): Promise<OrganizationRef[]> {
  return (await db.prepare('SELECT id, name, domain FROM organizations ORDER BY name COLLATE NOCASE').all<OrganizationRef>()).results;
}

export async function findOrganization(db: D1Database, id: string): Promise<OrganizationRef | null> {
  return db.prepare('SELECT id, name, domain FROM organizations WHERE id = ?').bind(id).first<OrganizationRef>();
}

/** Stores the organization; false when its name or domain is another's. */
export async function insertOrganization(db: D1Database, o: OrganizationRef, now: number): Promise<boolean> {
  const result = await db
    .prepare('INSERT INTO organizations (id, name, domain, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .bind(o.id, o.name, o.domain, now)
    .run();
  // More than one change is the search index's trigger writing too (migrations/0013_search.sql).
  return result.meta.changes > 0;
}

/** The organization's customers and their activity in the caller's groups, by name. */
export async function organizationMembers(db: D1Database, agentId: string, organizationId: string): Promise<OrganizationMember[]> {
  const emails = 'SELECT email FROM customer_emails e WHERE e.customer_id = cu.id';
  const { results } = await db
    .prepare(
      `SELECT cu.id, cu.name, (SELECT min(email) FROM customer_emails e WHERE e.customer_id = cu.id) AS email, cu.last_seen_at AS lastSeenAt,
         (SELECT count(*) FROM chats WHERE visitor_email IN (${emails}) AND group_id IN (${MY_GROUPS})) AS chats,
         (SELECT count(*) FROM tickets WHERE customer_email IN (${emails}) AND group_id IN (${MY_GROUPS})) AS tickets,
         (SELECT count(*) FROM call_logs WHERE customer_email IN (${emails}) AND group_id IN (${MY_GROUPS})) AS calls
       FROM customers cu WHERE cu.organization_id = ?2 ORDER BY cu.name COLLATE NOCASE LIMIT ${MAX_CUSTOMER_ITEMS}`,
    )
    .bind(agentId, organizationId)
    .all<OrganizationMember>();
  return results;
}

// ---- the widget ----------------------------------------------------------------------------------

/** A verified customer's earlier chats: those started with a signed identity for one of their addresses. */
export async function verifiedChatsOf(db: D1Database, email: string): Promise<{ id: string; groupName: string; startedAt: number; endedAt: number | null }[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.group_name AS groupName, c.started_at AS startedAt, c.ended_at AS endedAt
       FROM verified_chats v JOIN chats c ON c.id = v.chat_id
       WHERE v.email IN (SELECT email FROM customer_emails WHERE customer_id = (SELECT customer_id FROM customer_emails WHERE email = ?1))
       ORDER BY c.started_at DESC LIMIT ${MAX_CUSTOMER_ITEMS}`,
    )
    .bind(email)
    .all<{ id: string; groupName: string; startedAt: number; endedAt: number | null }>();
  return results;
}

export async function insertVerifiedChat(db: D1Database, chatId: string, email: string, at: number): Promise<void> {
  await db.prepare('INSERT INTO verified_chats (chat_id, email, verified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').bind(chatId, email, at).run();
}
