DROP INDEX `chats_group_status`;--> statement-breakpoint
CREATE INDEX `chats_started` ON `chats` (`started_at`);--> statement-breakpoint
CREATE INDEX `chats_visitor_name` ON `chats` ("visitor_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `chats_group_status` ON `chats` (`group_id`,`status`,`started_at`,`agent_id`);