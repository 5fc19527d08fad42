-- Search everything staff may see (worker/search/). Customer-visible text is in `search_docs`,
-- staff-only text in `search_staff_docs`: two tables, two FTS5 indexes (external content, as
-- resolution_search: https://sqlite.org/fts5.html#external_content_tables), never a flag on one,
-- and no route a customer can reach queries either. The FTS5 tables and the triggers that keep
-- them in step with their documents are also worker/search/fts-sql.ts (test/pure/worker/search/
-- fts-sql.test.ts checks the two say the same): `npm run admin -- search-index drop` removes them
-- so `wrangler d1 export` works, `search-index rebuild` makes them again from the documents.
-- The triggers after them keep the documents in step with what D1 holds (comments, surveys,
-- tickets and their entries, call logs, customers, organizations) and with chats that move group
-- or go. Chat messages come from each chat object, in batches, through the SEARCH queue.
CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`part` text NOT NULL,
	`group_id` text NOT NULL,
	`at` integer NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_part` ON `search_docs` (`kind`,`ref`,`part`);--> statement-breakpoint
CREATE INDEX `search_docs_group_at` ON `search_docs` (`kind`,`group_id`,`at`);--> statement-breakpoint
CREATE TABLE `search_staff_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`part` text NOT NULL,
	`group_id` text NOT NULL,
	`at` integer NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_staff_docs_part` ON `search_staff_docs` (`kind`,`ref`,`part`);--> statement-breakpoint
CREATE INDEX `search_staff_docs_group_at` ON `search_staff_docs` (`kind`,`group_id`,`at`);
--> statement-breakpoint
-- Each day's first document (the smallest id: ids only grow) of each table, by the document's own
-- time. A search from a date starts FTS5's walk at that day's first id: the documents of that day
-- and after all have greater ids (worker/search/queries.ts, dateFloor).
CREATE TABLE `search_docs_days` (
	`day` integer PRIMARY KEY NOT NULL,
	`first_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_staff_docs_days` (
	`day` integer PRIMARY KEY NOT NULL,
	`first_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `search_docs_dated` AFTER INSERT ON `search_docs` BEGIN
  INSERT OR IGNORE INTO `search_docs_days` (`day`, `first_id`) VALUES (new.`at` / 86400000, new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_staff_docs_dated` AFTER INSERT ON `search_staff_docs` BEGIN
  INSERT OR IGNORE INTO `search_staff_docs_days` (`day`, `first_id`) VALUES (new.`at` / 86400000, new.`id`);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_text` USING fts5(`body`, content = 'search_docs', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `search_docs_indexed` AFTER INSERT ON `search_docs` BEGIN
  INSERT INTO `search_text` (rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_unindexed` AFTER DELETE ON `search_docs` BEGIN
  INSERT INTO `search_text` (`search_text`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_reindexed` AFTER UPDATE OF `body` ON `search_docs` BEGIN
  INSERT INTO `search_text` (`search_text`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
  INSERT INTO `search_text` (rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_staff` USING fts5(`body`, content = 'search_staff_docs', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `search_staff_docs_indexed` AFTER INSERT ON `search_staff_docs` BEGIN
  INSERT INTO `search_staff` (rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_staff_docs_unindexed` AFTER DELETE ON `search_staff_docs` BEGIN
  INSERT INTO `search_staff` (`search_staff`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_staff_docs_reindexed` AFTER UPDATE OF `body` ON `search_staff_docs` BEGIN
  INSERT INTO `search_staff` (`search_staff`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
  INSERT INTO `search_staff` (rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `chats_search_moved` AFTER UPDATE OF `group_id` ON `chats` WHEN old.`group_id` <> new.`group_id` BEGIN
  UPDATE `search_docs` SET `group_id` = new.`group_id` WHERE `kind` = 'chat' AND `ref` = new.`id`;
  UPDATE `search_staff_docs` SET `group_id` = new.`group_id` WHERE `kind` = 'chat' AND `ref` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `chats_search_gone` AFTER DELETE ON `chats` BEGIN
  DELETE FROM `search_docs` WHERE `kind` = 'chat' AND `ref` = old.`id`;
  DELETE FROM `search_staff_docs` WHERE `kind` = 'chat' AND `ref` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_comments_search_added` AFTER INSERT ON `chat_comments` BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    SELECT 'chat', new.`chat_id`, 'c:' || new.`id`, c.`group_id`, new.`created_at`, new.`author_name`, new.`text` FROM `chats` c WHERE c.`id` = new.`chat_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_comments_search_edited` AFTER UPDATE OF `text` ON `chat_comments` WHEN old.`text` IS NOT new.`text` BEGIN
  UPDATE `search_staff_docs` SET `body` = new.`text` WHERE `kind` = 'chat' AND `ref` = new.`chat_id` AND `part` = 'c:' || new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_comments_search_removed` AFTER DELETE ON `chat_comments` BEGIN
  DELETE FROM `search_staff_docs` WHERE `kind` = 'chat' AND `ref` = old.`chat_id` AND `part` = 'c:' || old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_search_added` AFTER INSERT ON `surveys` WHEN new.`comment` <> '' BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    SELECT 'chat', new.`chat_id`, 'survey', c.`group_id`, new.`created_at`, c.`visitor_name`, new.`comment` FROM `chats` c WHERE c.`id` = new.`chat_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_search_removed` AFTER DELETE ON `surveys` BEGIN
  DELETE FROM `search_staff_docs` WHERE `kind` = 'chat' AND `ref` = old.`chat_id` AND `part` = 'survey';
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_search_added` AFTER INSERT ON `tickets` BEGIN
  INSERT OR IGNORE INTO `search_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    VALUES ('ticket', new.`id`, 'subject', new.`group_id`, new.`created_at`, '', new.`subject`);
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_search_renamed` AFTER UPDATE OF `subject` ON `tickets` BEGIN
  UPDATE `search_docs` SET `body` = new.`subject` WHERE `kind` = 'ticket' AND `ref` = new.`id` AND `part` = 'subject';
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_search_moved` AFTER UPDATE OF `group_id` ON `tickets` WHEN old.`group_id` <> new.`group_id` BEGIN
  UPDATE `search_docs` SET `group_id` = new.`group_id` WHERE `kind` = 'ticket' AND `ref` = new.`id`;
  UPDATE `search_staff_docs` SET `group_id` = new.`group_id` WHERE `kind` = 'ticket' AND `ref` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_search_gone` AFTER DELETE ON `tickets` BEGIN
  DELETE FROM `search_docs` WHERE `kind` = 'ticket' AND `ref` = old.`id`;
  DELETE FROM `search_staff_docs` WHERE `kind` = 'ticket' AND `ref` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_entries_search_shown` AFTER INSERT ON `ticket_entries` WHEN new.`kind` IN ('conversation', 'reply') BEGIN
  INSERT OR IGNORE INTO `search_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    SELECT 'ticket', new.`ticket_id`, 'e:' || new.`id`, t.`group_id`, new.`created_at`, new.`author_name`, new.`text` FROM `tickets` t WHERE t.`id` = new.`ticket_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_entries_search_staff` AFTER INSERT ON `ticket_entries` WHEN new.`kind` NOT IN ('conversation', 'reply') BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    SELECT 'ticket', new.`ticket_id`, 'e:' || new.`id`, t.`group_id`, new.`created_at`, new.`author_name`, new.`text` FROM `tickets` t WHERE t.`id` = new.`ticket_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_entries_search_removed` AFTER DELETE ON `ticket_entries` BEGIN
  DELETE FROM `search_docs` WHERE `kind` = 'ticket' AND `part` = 'e:' || old.`id`;
  DELETE FROM `search_staff_docs` WHERE `kind` = 'ticket' AND `part` = 'e:' || old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_entries_search_merged` AFTER UPDATE OF `ticket_id` ON `ticket_entries` WHEN old.`ticket_id` <> new.`ticket_id` BEGIN
  UPDATE `search_docs` SET `ref` = new.`ticket_id`, `group_id` = (SELECT `group_id` FROM `tickets` WHERE `id` = new.`ticket_id`)
    WHERE `kind` = 'ticket' AND `part` = 'e:' || new.`id`;
  UPDATE `search_staff_docs` SET `ref` = new.`ticket_id`, `group_id` = (SELECT `group_id` FROM `tickets` WHERE `id` = new.`ticket_id`)
    WHERE `kind` = 'ticket' AND `part` = 'e:' || new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `call_logs_search_added` AFTER INSERT ON `call_logs` BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    VALUES ('call', new.`id`, 'call', new.`group_id`, new.`started_at`, new.`agent_name`, new.`customer_name` || ' ' || new.`customer_email` || ' ' || new.`phone` || char(10) || new.`notes`);
END;
--> statement-breakpoint
CREATE TRIGGER `call_logs_search_changed` AFTER UPDATE ON `call_logs`
  WHEN old.`customer_name` IS NOT new.`customer_name` OR old.`customer_email` IS NOT new.`customer_email` OR old.`phone` IS NOT new.`phone`
    OR old.`notes` IS NOT new.`notes` OR old.`group_id` IS NOT new.`group_id` OR old.`started_at` IS NOT new.`started_at` OR old.`agent_name` IS NOT new.`agent_name` BEGIN
  UPDATE `search_staff_docs`
    SET `group_id` = new.`group_id`, `at` = new.`started_at`, `author` = new.`agent_name`,
      `body` = new.`customer_name` || ' ' || new.`customer_email` || ' ' || new.`phone` || char(10) || new.`notes`
    WHERE `kind` = 'call' AND `ref` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `call_logs_search_gone` AFTER DELETE ON `call_logs` BEGIN
  DELETE FROM `search_staff_docs` WHERE `kind` = 'call' AND `ref` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_added` AFTER INSERT ON `customers` BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    VALUES ('customer', new.`id`, 'name', '', new.`created_at`, '', new.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_renamed` AFTER UPDATE OF `name` ON `customers` WHEN old.`name` IS NOT new.`name` BEGIN
  UPDATE `search_staff_docs` SET `body` = new.`name` WHERE `kind` = 'customer' AND `ref` = new.`id` AND `part` = 'name';
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_gone` AFTER DELETE ON `customers` BEGIN
  DELETE FROM `search_staff_docs` WHERE `kind` = 'customer' AND `ref` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_emails_search_added` AFTER INSERT ON `customer_emails` BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    VALUES ('customer', new.`customer_id`, 'email:' || new.`email`, '', new.`created_at`, '', new.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_emails_search_moved` AFTER UPDATE OF `customer_id` ON `customer_emails` BEGIN
  UPDATE `search_staff_docs` SET `ref` = new.`customer_id` WHERE `kind` = 'customer' AND `ref` = old.`customer_id` AND `part` = 'email:' || old.`email`;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_emails_search_gone` AFTER DELETE ON `customer_emails` BEGIN
  DELETE FROM `search_staff_docs` WHERE `kind` = 'customer' AND `ref` = old.`customer_id` AND `part` = 'email:' || old.`email`;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_added` AFTER INSERT ON `organizations` BEGIN
  INSERT OR IGNORE INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
    VALUES ('organization', new.`id`, 'name', '', new.`created_at`, '', new.`name` || ' ' || coalesce(new.`domain`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_changed` AFTER UPDATE ON `organizations` WHEN old.`name` IS NOT new.`name` OR old.`domain` IS NOT new.`domain` BEGIN
  UPDATE `search_staff_docs` SET `body` = new.`name` || ' ' || coalesce(new.`domain`, '') WHERE `kind` = 'organization' AND `ref` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_gone` AFTER DELETE ON `organizations` BEGIN
  DELETE FROM `search_staff_docs` WHERE `kind` = 'organization' AND `ref` = old.`id`;
END;
--> statement-breakpoint
INSERT INTO `search_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
  SELECT * FROM (
    SELECT 'ticket', `id`, 'subject', `group_id`, `created_at` AS `at`, '', `subject` FROM `tickets`
    UNION ALL
    SELECT 'ticket', e.`ticket_id`, 'e:' || e.`id`, t.`group_id`, e.`created_at`, e.`author_name`, e.`text` FROM `ticket_entries` e JOIN `tickets` t ON t.`id` = e.`ticket_id` WHERE e.`kind` IN ('conversation', 'reply')
  ) ORDER BY `at`;
--> statement-breakpoint
INSERT INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
  SELECT * FROM (
    SELECT 'chat', m.`chat_id`, 'c:' || m.`id`, c.`group_id`, m.`created_at` AS `at`, m.`author_name`, m.`text` FROM `chat_comments` m JOIN `chats` c ON c.`id` = m.`chat_id`
    UNION ALL
    SELECT 'chat', s.`chat_id`, 'survey', c.`group_id`, s.`created_at`, c.`visitor_name`, s.`comment` FROM `surveys` s JOIN `chats` c ON c.`id` = s.`chat_id` WHERE s.`comment` <> ''
  ) ORDER BY `at`;
--> statement-breakpoint
INSERT INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
  SELECT 'ticket', e.`ticket_id`, 'e:' || e.`id`, t.`group_id`, e.`created_at`, e.`author_name`, e.`text` FROM `ticket_entries` e JOIN `tickets` t ON t.`id` = e.`ticket_id` WHERE e.`kind` NOT IN ('conversation', 'reply') ORDER BY e.`created_at`;
--> statement-breakpoint
INSERT INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
  SELECT 'call', `id`, 'call', `group_id`, `started_at`, `agent_name`, `customer_name` || ' ' || `customer_email` || ' ' || `phone` || char(10) || `notes` FROM `call_logs` ORDER BY `started_at`;
--> statement-breakpoint
INSERT INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
  SELECT * FROM (
    SELECT 'customer', `id`, 'name', '', `created_at` AS `at`, '', `name` FROM `customers`
    UNION ALL
    SELECT 'customer', `customer_id`, 'email:' || `email`, '', `created_at`, '', `email` FROM `customer_emails`
  ) ORDER BY `at`;
--> statement-breakpoint
INSERT INTO `search_staff_docs` (`kind`, `ref`, `part`, `group_id`, `at`, `author`, `body`)
  SELECT 'organization', `id`, 'name', '', `created_at`, '', `name` || ' ' || coalesce(`domain`, '') FROM `organizations` ORDER BY `created_at`;
