// What keeps the staff-only index of resolutions (D1 `resolutions`, searched through the FTS5
// table resolution_search) current: statements that the writers of chats and tickets put in their
// own batches, so a chat's record and its resolutions, or a ticket's entry and its resolution, are
// stored together or not at all. It never reads; worker/assistance/queries.ts searches.
import type { BatchItem } from 'drizzle-orm/batch';
import { and, eq, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { ChatComment } from '../../objects/protocol.ts';
import { chats, resolutions } from '../db/schema.ts';

type Orm = DrizzleD1Database;
const ofChat = (chatId: string) => and(eq(resolutions.source, 'chat'), eq(resolutions.sourceId, chatId));

/** The chat's resolutions become its Resolution comments as they stand now (edited, removed, added). */
export function replaceChatResolutions(orm: Orm, chatId: string, groupId: string, comments: readonly ChatComment[]): BatchItem<'sqlite'>[] {
  const rows = comments
    .filter((c) => c.kind === 'resolution')
    .map((c) => ({ source: 'chat' as const, sourceId: chatId, entryId: c.id, groupId, authorName: c.by.name, text: c.text, createdAt: c.at }));
  return [orm.delete(resolutions).where(ofChat(chatId)), ...rows.map((row) => orm.insert(resolutions).values(row))];
}

export function removeChatResolutions(orm: Orm, chatId: string): BatchItem<'sqlite'> {
  return orm.delete(resolutions).where(ofChat(chatId));
}

/**
 * The chat's resolutions are in the group its list row says (run after the row's upsert in the
 * same batch: a transfer moves them, and an out-of-date write that changed no row changes nothing).
 */
export function chatResolutionsFollowRow(orm: Orm, chatId: string): BatchItem<'sqlite'> {
  const groupNow = sql`(SELECT ${chats.groupId} FROM ${chats} WHERE ${chats.id} = ${chatId})`;
  return orm
    .update(resolutions)
    .set({ groupId: groupNow })
    .where(and(ofChat(chatId), sql`${resolutions.groupId} IS NOT ${groupNow}`, sql`${groupNow} IS NOT NULL`));
}

// ---- tickets (their queries are plain D1 statements) ---------------------------------------------

/** A ticket's resolution entry, in the ticket's group. */
export function insertTicketResolution(
  db: D1Database,
  ticket: { id: string; groupId: string },
  entry: { id: string; authorName: string; text: string; at: number },
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO resolutions (source, source_id, entry_id, group_id, author_name, text, created_at) VALUES ('ticket', ?1, ?2, ?3, ?4, ?5, ?6)`)
    .bind(ticket.id, entry.id, ticket.groupId, entry.authorName, entry.text, entry.at);
}

/** Whatever resolution an entry was (none for most entries). */
export function removeEntryResolution(db: D1Database, entryId: string): D1PreparedStatement {
  return db.prepare('DELETE FROM resolutions WHERE entry_id = ?1').bind(entryId);
}

/** A merge moves a ticket's entries into another ticket: their resolutions follow, into its group. */
export function moveTicketResolutions(db: D1Database, fromTicketId: string, into: { id: string; groupId: string }): D1PreparedStatement {
  return db.prepare(`UPDATE resolutions SET source_id = ?1, group_id = ?2 WHERE source = 'ticket' AND source_id = ?3`).bind(into.id, into.groupId, fromTicketId);
}
