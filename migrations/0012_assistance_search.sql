-- Staff-only full-text index of Resolution comments (chats) and resolution entries (tickets), for
-- agent assistance (worker/assistance/). It is apart from kb_search on purpose: no query a
-- customer can reach ever touches it. `resolutions` is an ordinary table (indexed by where each
-- resolution came from, so replacing a chat's or moving a ticket's is a look-up, not a scan of
-- every resolution ever written); `resolution_search` indexes its text as an external-content
-- FTS5 table (https://sqlite.org/fts5.html#external_content_tables) kept in step by the triggers
-- below. `group_id` lets a query keep to the caller's groups; changing it needs no re-index.
CREATE TABLE `resolutions` (
	`id` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`group_id` text NOT NULL,
	`author_name` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_entry_id_unique` ON `resolutions` (`entry_id`);--> statement-breakpoint
CREATE INDEX `resolutions_source` ON `resolutions` (`source`,`source_id`);--> statement-breakpoint
CREATE VIRTUAL TABLE `resolution_search` USING fts5(`source` UNINDEXED, `source_id` UNINDEXED, `entry_id` UNINDEXED, `group_id` UNINDEXED, `text`, content = 'resolutions', content_rowid = 'id', tokenize = 'porter unicode61');
--> statement-breakpoint
CREATE TRIGGER `resolutions_indexed` AFTER INSERT ON `resolutions` BEGIN
  INSERT INTO `resolution_search` (rowid, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `resolutions_unindexed` AFTER DELETE ON `resolutions` BEGIN
  INSERT INTO `resolution_search` (`resolution_search`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `resolutions_reindexed` AFTER UPDATE OF `text` ON `resolutions` BEGIN
  INSERT INTO `resolution_search` (`resolution_search`, rowid, `text`) VALUES ('delete', old.`id`, old.`text`);
  INSERT INTO `resolution_search` (rowid, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
INSERT INTO `resolutions` (`source`, `source_id`, `entry_id`, `group_id`, `author_name`, `text`, `created_at`)
  SELECT 'chat', c.chat_id, c.id, ch.group_id, c.author_name, c.text, c.created_at FROM chat_comments c JOIN chats ch ON ch.id = c.chat_id WHERE c.kind = 'resolution';
