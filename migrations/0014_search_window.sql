-- What a search's window reads of each match FTS5 walks (worker/search/queries.ts): the document's
-- kind, group and time, seeked by id in an index a tenth of the row's width. (drizzle-kit also
-- wrote the two *_days tables here: 0013_search.sql made them by hand, and its snapshot missed them;
-- 0014's snapshot has them.)
CREATE INDEX `search_docs_window` ON `search_docs` (`id`,`kind`,`group_id`,`at`);--> statement-breakpoint
CREATE INDEX `search_staff_docs_window` ON `search_staff_docs` (`id`,`kind`,`group_id`,`at`);
