// Named queries over the knowledge base: articles, their customer search index (FTS5, published
// articles only; kb/sql.ts keeps the statements the admin command shares) and deflections.
import type { Article } from './wire.ts';

export type { Article } from './wire.ts';
import { drizzle } from 'drizzle-orm/d1';
import { kbDeflections } from '../db/schema.ts';
import { ftsQuery } from './query.ts';
import { kbSql } from './sql.ts';
import type { Query } from '../people/admin-sql.ts';


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

/** A visitor said an article solved their problem before any chat was created. */
export async function insertDeflection(db: D1Database, d: { id: string; articleId: string; groupId: string; question: string; now: number }): Promise<void> {
  await drizzle(db).insert(kbDeflections).values({ id: d.id, articleId: d.articleId, groupId: d.groupId, question: d.question, createdAt: d.now });
}
