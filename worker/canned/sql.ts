// Changes to canned replies as plain SQL with parameters, shared by the /api/canned routes (D1
// binding, queries.ts) and `npm run admin -- canned …` (wrangler d1 execute). The one rule that
// needs the table itself is a guard inside the statement: a shortcut is taken at most once in a
// scope (the shared replies; one group's; one person's), so an agent typing `#refund` never meets
// two of the same kind. A refused change returns no row (RETURNING). Variables are checked before
// (objects/rules/canned.ts checkBody): SQL cannot parse them.
import type { CannedScope } from '../../objects/rules/canned.ts';
import type { Query, SqlValue } from '../people/admin-sql.ts';

const q = (sql: string, ...params: SqlValue[]): Query => ({ sql, params });

export interface CannedRow {
  id: string;
  scope: CannedScope;
  groupId: string | null;
  ownerId: string | null;
  folder: string;
  title: string;
  shortcut: string | null;
  body: string;
  createdBy: string;
  updatedAt: number;
}

/** The columns of a reply as CannedRow names them. */
export const REPLY_COLUMNS = `r.id, r.scope, r.group_id AS groupId, r.owner_id AS ownerId, r.folder, r.title, r.shortcut, r.body,
  r.created_by AS createdBy, r.updated_at AS updatedAt`;

export const cannedSql = {
  /** A new reply, unless its shortcut is taken in its scope (no row back). */
  insert(r: Omit<CannedRow, 'updatedAt'> & { now: number }): Query {
    return q(
      `INSERT INTO canned_replies (id, scope, group_id, owner_id, folder, title, shortcut, body, created_by, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10
        WHERE NOT EXISTS (SELECT 1 FROM canned_replies WHERE shortcut = ?7 AND scope = ?2 AND group_id IS ?3 AND owner_id IS ?4)
       RETURNING id`,
      r.id, r.scope, r.groupId, r.ownerId, r.folder, r.title, r.shortcut, r.body, r.createdBy, r.now,
    );
  },
  /**
   * Folder, title, shortcut and body, only if the reply is still as it was read (`updated_at` =
   * `expected`: no save in between), and unless the shortcut is another reply's in the same scope
   * (no row back).
   */
  update(r: { id: string; folder: string; title: string; shortcut: string | null; body: string; now: number; expected: number }): Query {
    return q(
      `UPDATE canned_replies SET folder = ?2, title = ?3, shortcut = ?4, body = ?5, updated_at = MAX(?6, ?7 + 1)
        WHERE id = ?1 AND updated_at = ?7 AND NOT EXISTS (
          SELECT 1 FROM canned_replies o
           WHERE o.shortcut = ?4 AND o.id <> ?1 AND o.scope = canned_replies.scope
             AND o.group_id IS canned_replies.group_id AND o.owner_id IS canned_replies.owner_id)
       RETURNING id`,
      r.id, r.folder, r.title, r.shortcut, r.body, r.now, r.expected,
    );
  },
  /** The reply and its files' rows (their bytes in R2 are the caller's to delete). The first returns the id. */
  delete(id: string): Query[] {
    return [q('DELETE FROM canned_replies WHERE id = ?1 RETURNING id', id), q('DELETE FROM canned_reply_files WHERE reply_id = ?1 RETURNING id', id)];
  },
  /** Every reply, for the administrator's command line: its group's name and its owner's email. */
  listAll(): Query {
    return q(
      `SELECT r.id, r.scope, COALESCE(g.name, a.email, '') AS belongsTo, r.folder, r.shortcut, r.title,
              (SELECT COUNT(*) FROM canned_reply_files f WHERE f.reply_id = r.id) AS files
         FROM canned_replies r
         LEFT JOIN groups g ON g.id = r.group_id
         LEFT JOIN agents a ON a.id = r.owner_id
        ORDER BY r.scope, belongsTo, r.folder, r.title`,
    );
  },
};
