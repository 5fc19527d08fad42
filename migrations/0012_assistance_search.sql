-- Staff-only full-text index of Resolution comments (chats) and resolution entries (tickets), for
-- agent assistance (worker/assistance/). Written by hand: drizzle-kit does not model virtual
-- tables. It is a separate table from kb_search on purpose: no query a customer can reach ever
-- touches it. `group_id` lets a query keep to the caller's groups.
CREATE VIRTUAL TABLE `resolution_search` USING fts5(`source` UNINDEXED, `source_id` UNINDEXED, `entry_id` UNINDEXED, `group_id` UNINDEXED, `text`, tokenize = 'porter unicode61');
--> statement-breakpoint
INSERT INTO `resolution_search` (`source`, `source_id`, `entry_id`, `group_id`, `text`)
  SELECT 'chat', c.chat_id, c.id, ch.group_id, c.text FROM chat_comments c JOIN chats ch ON ch.id = c.chat_id WHERE c.kind = 'resolution';
