CREATE TABLE `chat_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`chat_id` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`text` text NOT NULL,
	`due_at` integer,
	`created_at` integer NOT NULL,
	`edited_at` integer
);
--> statement-breakpoint
CREATE INDEX `chat_comments_chat` ON `chat_comments` (`chat_id`);--> statement-breakpoint
CREATE INDEX `chat_comments_kind` ON `chat_comments` (`kind`,`created_at`);