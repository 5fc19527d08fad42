// Named queries over canned replies and their files (the bytes in R2: routes.ts). Who may use or
// change a reply is decided by objects/rules/canned.ts over the rows read here; the list reads a
// superset (shared replies, the caller's groups', every group's for an administrator, their own)
// and the rule picks from it, so the SQL and the rule can never disagree on a reply.
import type { CannedFile, CannedReply } from './wire.ts';
import { type CannedCaller, mayChangeReply, mayUseReply } from '../../objects/rules/canned.ts';
import { cannedSql, type CannedRow, REPLY_COLUMNS } from './sql.ts';
import { run } from '../people/run.ts';

/** The most replies one list returns (a team's library, not a corpus). */
export const MAX_LISTED_REPLIES = 500;

type ReplyRow = CannedRow & { groupName: string | null };

/** `"50%_off"` → `%50\%\_off%`: a LIKE pattern that finds the text as typed. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The replies the caller may insert (`use`) or change (`manage`), by folder and title, each with
 * its files and what the caller may do with it; `search` (if any) must be in the title, the
 * shortcut, the folder or the text.
 */
export async function listReplies(db: D1Database, caller: CannedCaller, view: 'use' | 'manage', search: string): Promise<CannedReply[]> {
  const { results } = await db
    .prepare(
      `SELECT ${REPLY_COLUMNS}, g.name AS groupName
         FROM canned_replies r LEFT JOIN groups g ON g.id = r.group_id
        WHERE (r.scope = 'shared'
               OR (r.scope = 'group' AND (?2 = 'admin' OR r.group_id IN (SELECT group_id FROM memberships WHERE agent_id = ?1)))
               OR (r.scope = 'personal' AND r.owner_id = ?1))
          AND (?3 = '' OR r.title LIKE ?4 ESCAPE '\\' OR r.shortcut LIKE ?4 ESCAPE '\\' OR r.folder LIKE ?4 ESCAPE '\\' OR r.body LIKE ?4 ESCAPE '\\')
        ORDER BY r.folder COLLATE NOCASE, r.title COLLATE NOCASE
        LIMIT ?5`,
    )
    .bind(caller.id, caller.role, search, likePattern(search), MAX_LISTED_REPLIES)
    .all<ReplyRow>();
  const chosen = results.filter((r) => (view === 'use' ? mayUseReply(caller, r) : mayChangeReply(caller, r)));
  const files = await filesOf(db, chosen.map((r) => r.id));
  return chosen.map((r) => toReply(r, files.get(r.id) ?? [], caller));
}

export function toReply(r: ReplyRow, files: CannedFile[], caller: CannedCaller): CannedReply {
  return {
    id: r.id,
    scope: r.scope,
    groupId: r.groupId,
    groupName: r.groupName,
    ownerId: r.ownerId,
    folder: r.folder,
    title: r.title,
    shortcut: r.shortcut,
    body: r.body,
    files,
    mayUse: mayUseReply(caller, r),
    mayChange: mayChangeReply(caller, r),
    updatedAt: r.updatedAt,
  };
}

export async function findReply(db: D1Database, id: string): Promise<ReplyRow | undefined> {
  return (
    (await db
      .prepare(`SELECT ${REPLY_COLUMNS}, g.name AS groupName FROM canned_replies r LEFT JOIN groups g ON g.id = r.group_id WHERE r.id = ?1`)
      .bind(id)
      .first<ReplyRow>()) ?? undefined
  );
}

/** False when the shortcut is taken in the reply's scope (nothing was written). */
export async function insertReply(db: D1Database, row: Omit<CannedRow, 'updatedAt'> & { now: number }): Promise<boolean> {
  return (await run(db, cannedSql.insert(row))).length > 0;
}

/** False when the shortcut is another reply's in the same scope (nothing was written). */
export async function updateReply(db: D1Database, row: { id: string; folder: string; title: string; shortcut: string | null; body: string; now: number; expected: number }): Promise<boolean> {
  return (await run(db, cannedSql.update(row))).length > 0;
}

/**
 * Deletes the reply and its files' rows in one batch; returns the ids of the files whose rows went
 * (also one added a moment before), whose R2 objects are the caller's to delete.
 */
export async function deleteReply(db: D1Database, id: string): Promise<string[]> {
  const [, files] = await db.batch<{ id: string }>(cannedSql.delete(id).map((s) => db.prepare(s.sql).bind(...s.params)));
  return (files?.results ?? []).map((r) => r.id);
}

// ---- files ----------------------------------------------------------------------------------------

/** Each reply's files, oldest first. */
export async function filesOf(db: D1Database, replyIds: readonly string[]): Promise<Map<string, CannedFile[]>> {
  const byReply = new Map<string, CannedFile[]>();
  if (replyIds.length === 0) return byReply;
  const { results } = await db
    .prepare(
      `SELECT reply_id AS replyId, id, filename, content_type AS contentType, size
         FROM canned_reply_files WHERE reply_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at, id`,
    )
    .bind(JSON.stringify(replyIds))
    .all<CannedFile & { replyId: string }>();
  for (const { replyId, ...file } of results) {
    const list = byReply.get(replyId) ?? [];
    list.push(file);
    byReply.set(replyId, list);
  }
  return byReply;
}

/** Where a reply's file is kept in R2. */
export function cannedFileKey(replyId: string, fileId: string): string {
  return `canned/${replyId}/${fileId}`;
}

/**
 * Records a file stored in R2, unless the reply has `max` already or was deleted meanwhile
 * ('full' / 'gone': nothing was written, the bytes are the caller's to delete).
 */
export async function insertReplyFile(db: D1Database, replyId: string, file: CannedFile, now: number, max: number): Promise<'ok' | 'full' | 'gone'> {
  const row = await db
    .prepare(
      `INSERT INTO canned_reply_files (id, reply_id, filename, content_type, size, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
        WHERE EXISTS (SELECT 1 FROM canned_replies WHERE id = ?2)
          AND (SELECT COUNT(*) FROM canned_reply_files WHERE reply_id = ?2) < ?7
       RETURNING id`,
    )
    .bind(file.id, replyId, file.filename, file.contentType, file.size, now, max)
    .first<{ id: string }>();
  if (row !== null) return 'ok';
  return (await findReply(db, replyId)) ? 'full' : 'gone';
}

/** False when the reply has no such file. */
export async function deleteReplyFile(db: D1Database, replyId: string, fileId: string): Promise<boolean> {
  const row = await db.prepare('DELETE FROM canned_reply_files WHERE reply_id = ?1 AND id = ?2 RETURNING id').bind(replyId, fileId).first<{ id: string }>();
  return row !== null;
}
