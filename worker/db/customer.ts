// Named queries for the customer's side: custom fields, live chat links, the knowledge base and
// its search, deflections, files, messages left offline and surveys.
import type { Attachment } from '../../objects/protocol.ts';
import type { CustomField } from '../../objects/rules/fields.ts';
import { ftsQuery } from '../kb/query.ts';
import { kbSql } from './kb-sql.ts';
import type { Query } from './people.ts';

export interface ChatLink {
  slug: string;
  name: string;
  groupId: string;
  fields: Record<string, string>;
}

export interface Article {
  id: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  updatedAt: number;
}

export async function listFields(db: D1Database): Promise<CustomField[]> {
  const { results } = await db
    .prepare('SELECT key, label, type, required, options FROM custom_fields ORDER BY position, key')
    .all<{ key: string; label: string; type: CustomField['type']; required: number; options: string }>();
  return results.map((r) => ({ ...r, required: r.required === 1, options: JSON.parse(r.options) as string[] }));
}

export async function findLink(db: D1Database, slug: string): Promise<ChatLink | undefined> {
  const row = await db
    .prepare('SELECT slug, name, group_id AS groupId, fields FROM chat_links WHERE slug = ?')
    .bind(slug)
    .first<{ slug: string; name: string; groupId: string; fields: string }>();
  return row ? { ...row, fields: JSON.parse(row.fields) as Record<string, string> } : undefined;
}

export async function listLinks(db: D1Database): Promise<ChatLink[]> {
  const { results } = await db
    .prepare('SELECT slug, name, group_id AS groupId, fields FROM chat_links ORDER BY name')
    .all<{ slug: string; name: string; groupId: string; fields: string }>();
  return results.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> }));
}

/** Published articles that best match the question, best first (bm25, title weighted). */
export async function searchArticles(db: D1Database, question: string, limit: number): Promise<{ id: string; title: string; snippet: string }[]> {
  const match = ftsQuery(question);
  if (match === null) return [];
  const { results } = await db
    .prepare(
      `SELECT article_id AS id, title, snippet(kb_search, 2, '', '', '…', 16) AS snippet
         FROM kb_search WHERE kb_search MATCH ?1 ORDER BY bm25(kb_search, 0.0, 5.0, 1.0) LIMIT ?2`,
    )
    .bind(match, limit)
    .all<{ id: string; title: string; snippet: string }>();
  return results;
}

export async function findArticle(db: D1Database, id: string): Promise<Article | undefined> {
  return (
    (await db
      .prepare('SELECT id, title, body, status, updated_at AS updatedAt FROM kb_articles WHERE id = ?')
      .bind(id)
      .first<Article>()) ?? undefined
  );
}

export async function listArticles(db: D1Database): Promise<(Article & { deflections: number })[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.title, a.body, a.status, a.updated_at AS updatedAt,
              (SELECT COUNT(*) FROM kb_deflections d WHERE d.article_id = a.id) AS deflections
         FROM kb_articles a ORDER BY a.updated_at DESC`,
    )
    .all<Article & { deflections: number }>();
  return results;
}

/** Runs a change and then the re-index, in one batch (one transaction): true if the change hit a row. */
async function changeArticle(db: D1Database, change: Query, id: string): Promise<boolean> {
  const [result] = await db.batch([change, ...kbSql.reindex(id)].map((s) => db.prepare(s.sql).bind(...s.params)));
  return (result?.results.length ?? 0) > 0;
}

export function saveArticle(db: D1Database, a: { id: string; title: string; body: string; now: number }, create: boolean): Promise<boolean> {
  return changeArticle(db, create ? kbSql.create(a) : kbSql.update(a), a.id);
}

export function setArticleStatus(db: D1Database, id: string, status: Article['status'], now: number): Promise<boolean> {
  return changeArticle(db, kbSql.setStatus(id, status, now), id);
}

export function deleteArticle(db: D1Database, id: string): Promise<boolean> {
  return changeArticle(db, kbSql.delete(id), id);
}

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
