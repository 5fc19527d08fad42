// Named queries over the files sent in chats (their bytes are in R2; worker/chats/files.ts).
import type { Attachment } from '../../objects/protocol.ts';

export async function insertAttachment(db: D1Database, chatId: string, r2Key: string, file: Attachment, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO attachments (id, chat_id, r2_key, filename, content_type, size, uploaded_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(file.id, chatId, r2Key, file.filename, file.contentType, file.size, file.uploadedBy, now)
    .run();
}

/** How many files one side of a chat has sent in it. */
export async function countAttachments(db: D1Database, chatId: string, uploadedBy: Attachment['uploadedBy']): Promise<number> {
  const row = await db
    .prepare('SELECT COUNT(*) AS n FROM attachments WHERE chat_id = ? AND uploaded_by = ?')
    .bind(chatId, uploadedBy)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function findAttachment(db: D1Database, chatId: string, fileId: string): Promise<(Attachment & { r2Key: string }) | undefined> {
  return (
    (await db
      .prepare(
        `SELECT id, filename, content_type AS contentType, size, uploaded_by AS uploadedBy, r2_key AS r2Key
           FROM attachments WHERE chat_id = ? AND id = ?`,
      )
      .bind(chatId, fileId)
      .first<Attachment & { r2Key: string }>()) ?? undefined
  );
}
