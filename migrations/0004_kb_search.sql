-- Full-text search over published knowledge-base articles (SQLite FTS5; drizzle-kit does not model
-- virtual tables, so this migration is written by hand). Only published articles are copied in:
-- drafts, and anything staff-only, are never searchable by customers.
-- Note: `wrangler d1 export` refuses databases with FTS5 tables (drop kb_search, export, re-create).
CREATE VIRTUAL TABLE `kb_search` USING fts5(`article_id` UNINDEXED, `title`, `body`, tokenize = 'porter unicode61');
