// A customer's privacy, for administrators: everything Switchboard holds about one customer as one
// JSON document (export), everything removed (erase), and completed chats deleted once they are
// older than the retention setting (run daily by the Cron Trigger). A chat is always removed by
// its own object (ChatRoom.delete: its log, storage and alarms, its files in R2, every D1 row
// naming it and its place in the live lists), so a chat erased here is gone the way a deleted one is.
import type { ChatEvent } from '../../objects/protocol.ts';
import type { Caller } from '../../objects/identity.ts';
import { MAX_RETENTION_DAYS } from '../../objects/rules/customers.ts';
import { chatStub } from '../chats/actions.ts';
import { chatStore } from '../chats/store.ts';
import { deleteChatFiles } from '../../objects/chat/projection.ts';
import { orRefuse } from '../http/refusals.ts';
import { ApiError } from '../http/errors.ts';
import type { Customer, CustomerComment } from './wire.ts';

const THEIR_EMAILS = 'SELECT email FROM customer_emails WHERE customer_id = ?1';
/** What a ticket or call log shows of a customer once they are erased. */
export const ERASED_NAME = 'Erased customer';

export interface CustomerExport {
  format: 'switchboard-customer-export';
  version: 1;
  exportedAt: number;
  customer: Customer;
  comments: CustomerComment[];
  chats: ExportedChat[];
  messagesLeft: Record<string, unknown>[];
  tickets: (Record<string, unknown> & { entries: Record<string, unknown>[]; timeLogs: Record<string, unknown>[] })[];
  calls: Record<string, unknown>[];
}

export interface ExportedChat {
  chat: Record<string, unknown>;
  verified: boolean;
  /** Every event of the chat's log; `visibleToCustomer` false marks what only staff saw (coaching, comments, internal events). */
  events: (ChatEvent & { visibleToCustomer: boolean })[];
  files: (Record<string, unknown> & { download: string })[];
  survey: Record<string, unknown> | null;
  timeLogs: Record<string, unknown>[];
}

const all = async <R = Record<string, unknown>>(db: D1Database, sql: string, ...binds: unknown[]) => (await db.prepare(sql).bind(...binds).all<R>()).results;

/** Everything about the customer, from D1 and from each of their chats' objects (all groups: administrators only). */
export async function exportCustomer(env: Env, customer: Customer, comments: CustomerComment[], now: number): Promise<CustomerExport> {
  const db = env.DB;
  const id = customer.id;
  const [chats, messagesLeft, tickets, calls] = await Promise.all([
    all<{ id: string }>(db, `SELECT * FROM chats WHERE visitor_email IN (${THEIR_EMAILS}) ORDER BY started_at`, id),
    all(db, `SELECT * FROM offline_messages WHERE email IN (${THEIR_EMAILS}) ORDER BY created_at`, id),
    all<{ id: string }>(db, `SELECT * FROM tickets WHERE customer_email IN (${THEIR_EMAILS}) ORDER BY created_at`, id),
    all(db, `SELECT * FROM call_logs WHERE customer_email IN (${THEIR_EMAILS}) ORDER BY started_at`, id),
  ]);
  const exportedChats = await Promise.all(
    chats.map(async (chat): Promise<ExportedChat> => {
      const [log, files, surveys, timeLogs, verified] = await Promise.all([
        chatStub(env, chat.id).transcript('agent'),
        all<{ id: string }>(db, 'SELECT id, filename, content_type AS contentType, size, uploaded_by AS uploadedBy, created_at AS createdAt FROM attachments WHERE chat_id = ?', chat.id),
        all(db, 'SELECT rating, comment, created_at AS createdAt FROM surveys WHERE chat_id = ?', chat.id),
        all(db, 'SELECT * FROM time_logs WHERE chat_id = ?', chat.id),
        db.prepare('SELECT 1 AS y FROM verified_chats WHERE chat_id = ?').bind(chat.id).first(),
      ]);
      return {
        chat,
        verified: verified !== null,
        events: (log?.events ?? []).map((e) => ({ ...e, visibleToCustomer: e.audience === 'all' })),
        files: files.map((f) => ({ ...f, download: `/api/customers/${encodeURIComponent(id)}/files/${encodeURIComponent(chat.id)}/${encodeURIComponent(f.id)}` })),
        survey: surveys[0] ?? null,
        timeLogs,
      };
    }),
  );
  const exportedTickets = await Promise.all(
    tickets.map(async (t) => ({
      ...t,
      entries: await all(db, 'SELECT * FROM ticket_entries WHERE ticket_id = ? ORDER BY created_at', t.id),
      timeLogs: await all(db, 'SELECT * FROM time_logs WHERE ticket_id = ?', t.id),
    })),
  );
  return { format: 'switchboard-customer-export', version: 1, exportedAt: now, customer, comments, chats: exportedChats, messagesLeft, tickets: exportedTickets, calls };
}

/** Who removes chats for a privacy request or the retention setting, as the chat's History would name them. */
const PRIVACY_CALLER: Caller = { person: { role: 'agent', id: 'privacy', name: 'Privacy' }, rank: 'admin' };

/**
 * Deletes an ended chat through its object. A row whose object holds nothing (it was never opened
 * there, or its purge was cut short after the object's storage went) is removed the way the
 * object's purge would have removed it.
 */
async function removeChat(env: Env, chatId: string): Promise<void> {
  const stub = chatStub(env, chatId);
  if ((await stub.getSnapshot()) === null) {
    await chatStore(env.DB).deleteChat(chatId);
    await deleteChatFiles(env.FILES, chatId);
    return;
  }
  orRefuse(await stub.delete(PRIVACY_CALLER));
}

export interface ErasedCounts {
  chats: number;
  messagesLeft: number;
  tickets: number;
  calls: number;
}

/**
 * Erases the customer: each chat through its object (refused, with nothing changed, while one is
 * still waiting or under way), then in one batch their messages left, comments, addresses and
 * record; their tickets and call logs stay (staff's work) without them: no name, address or phone,
 * the conversation a ticket began with removed, replies no longer naming where they went.
 */
export async function eraseCustomer(env: Env, customerId: string): Promise<ErasedCounts> {
  const db = env.DB;
  const chats = await all<{ id: string; status: string }>(db, `SELECT id, status FROM chats WHERE visitor_email IN (${THEIR_EMAILS})`, customerId);
  if (chats.some((c) => c.status !== 'ended')) {
    throw new ApiError(409, 'customer_has_live_chat', 'The customer has a chat waiting or under way: end it first. Nothing was erased.');
  }
  for (const chat of chats) await removeChat(env, chat.id);
  const tickets = `SELECT id FROM tickets WHERE customer_email IN (${THEIR_EMAILS})`;
  // Counted first, in the same batch: a statement's `changes` also counts what the search index's
  // triggers wrote (migrations/0013_search.sql).
  const counted = (table: string, column: string) => db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} IN (${THEIR_EMAILS})`).bind(customerId);
  const results = await db.batch<{ n: number }>([
    counted('offline_messages', 'email'),
    counted('tickets', 'customer_email'),
    counted('call_logs', 'customer_email'),
    db.prepare(`DELETE FROM offline_messages WHERE email IN (${THEIR_EMAILS})`).bind(customerId),
    db.prepare(`DELETE FROM ticket_entries WHERE kind = 'conversation' AND ticket_id IN (${tickets})`).bind(customerId),
    db.prepare(`UPDATE ticket_entries SET emailed_to = NULL WHERE ticket_id IN (${tickets})`).bind(customerId),
    db.prepare(`UPDATE tickets SET customer_name = ?2, customer_email = '' WHERE customer_email IN (${THEIR_EMAILS})`).bind(customerId, ERASED_NAME),
    db.prepare(`UPDATE call_logs SET customer_name = ?2, customer_email = '', phone = '' WHERE customer_email IN (${THEIR_EMAILS})`).bind(customerId, ERASED_NAME),
    db.prepare(`DELETE FROM verified_chats WHERE email IN (${THEIR_EMAILS})`).bind(customerId),
    db.prepare('DELETE FROM customer_comments WHERE customer_id = ?').bind(customerId),
    db.prepare('DELETE FROM customer_emails WHERE customer_id = ?').bind(customerId),
    db.prepare('DELETE FROM customers WHERE id = ?').bind(customerId),
  ]);
  const n = (i: number) => results[i]!.results[0]?.n ?? 0;
  return { chats: chats.length, messagesLeft: n(0), tickets: n(1), calls: n(2) };
}

// ---- retention -----------------------------------------------------------------------------------

export const RETENTION_KEY = 'retention_days';
/** Chats removed per look-up; a run goes on until none is left or its time is up. */
const RETENTION_BATCH = 100;
/** A run stops starting new deletions after this long (the next day's run carries on). */
export const RETENTION_RUN_MS = 10 * 60 * 1000;

export async function readRetentionDays(db: D1Database): Promise<number | null> {
  const row = await db.prepare('SELECT value FROM settings WHERE key = ?').bind(RETENTION_KEY).first<{ value: string }>();
  const days = row ? Number(row.value) : NaN;
  return Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS ? days : null;
}

export async function writeRetentionDays(db: D1Database, days: number | null): Promise<void> {
  if (days === null) await db.prepare('DELETE FROM settings WHERE key = ?').bind(RETENTION_KEY).run();
  else await db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').bind(RETENTION_KEY, String(days)).run();
}

/**
 * The daily run: every completed chat that ended more than the retention setting's days before
 * `now` is deleted by its object (files and all). Nothing happens when no retention is set.
 */
export async function applyRetention(env: Env, now: number, clock: () => number = Date.now): Promise<{ days: number | null; deleted: number }> {
  const days = await readRetentionDays(env.DB);
  if (days === null) return { days, deleted: 0 };
  const before = now - days * 24 * 60 * 60 * 1000;
  const started = clock();
  let deleted = 0;
  for (;;) {
    const due = await all<{ id: string }>(env.DB, "SELECT id FROM chats WHERE status = 'ended' AND ended_at < ? ORDER BY ended_at LIMIT ?", before, RETENTION_BATCH);
    if (due.length === 0) break;
    for (const chat of due) {
      await removeChat(env, chat.id);
      deleted++;
    }
    console.log(`retention: ${deleted} chat(s) older than ${days} days deleted so far`);
    if (clock() - started > RETENTION_RUN_MS) break;
  }
  return { days, deleted };
}
