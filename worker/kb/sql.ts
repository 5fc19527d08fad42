// Changes to knowledge-base articles as plain SQL, shared by the admin routes (D1 binding) and
// `npm run admin -- kb …` (wrangler d1 execute). Every change is followed by the re-index
// statements, so the customers' search (kb_search) always holds exactly the published articles.
import type { Query } from '../people/admin-sql.ts';

const q = (sql: string, ...params: (string | number)[]): Query => ({ sql, params });

export const kbSql = {
  create(a: { id: string; title: string; body: string; now: number }): Query {
    return q(`INSERT INTO kb_articles (id, title, body, status, created_at, updated_at) VALUES (?1, ?2, ?3, 'draft', ?4, ?4) RETURNING id`, a.id, a.title, a.body, a.now);
  },
  update(a: { id: string; title: string; body: string; now: number }): Query {
    return q('UPDATE kb_articles SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1 RETURNING id', a.id, a.title, a.body, a.now);
  },
  setStatus(id: string, status: 'draft' | 'published', now: number): Query {
    return q('UPDATE kb_articles SET status = ?2, updated_at = ?3 WHERE id = ?1 RETURNING id', id, status, now);
  },
  delete(id: string): Query {
    return q('DELETE FROM kb_articles WHERE id = ?1 RETURNING id', id);
  },
  /** Run after any change: the article is in the search if, and only if, it is published. */
  reindex(id: string): Query[] {
    return [
      q('DELETE FROM kb_search WHERE article_id = ?1', id),
      q(`INSERT INTO kb_search (article_id, title, body) SELECT id, title, body FROM kb_articles WHERE id = ?1 AND status = 'published'`, id),
    ];
  },
  list(): Query {
    return q(
      `SELECT a.id, a.title, a.status, a.updated_at AS updatedAt,
              (SELECT COUNT(*) FROM kb_deflections d WHERE d.article_id = a.id) AS deflections
         FROM kb_articles a ORDER BY a.updated_at DESC`,
    );
  },
};
