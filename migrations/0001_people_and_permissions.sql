CREATE TABLE `chat_agents` (
	`chat_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `agent_id`)
);
--> statement-breakpoint
CREATE INDEX `chat_agents_agent` ON `chat_agents` (`agent_id`,`assigned_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`email` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `agents` ADD `max_chats` integer DEFAULT 5 NOT NULL;