CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'agent' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_email_unique` ON `agents` (`email`);--> statement-breakpoint
CREATE TABLE `chats` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`group_id` text NOT NULL,
	`group_name` text NOT NULL,
	`visitor_name` text NOT NULL,
	`visitor_email` text NOT NULL,
	`agent_id` text,
	`agent_name` text,
	`started_at` integer NOT NULL,
	`taken_at` integer,
	`ended_at` integer,
	`last_agent_message_at` integer,
	`message_count` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `chats_agent_status` ON `chats` (`agent_id`,`status`,`started_at`);--> statement-breakpoint
CREATE INDEX `chats_group_status` ON `chats` (`group_id`,`status`,`started_at`);--> statement-breakpoint
CREATE INDEX `chats_status` ON `chats` (`status`,`started_at`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_name_unique` ON `groups` (`name`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`agent_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`agent_id`, `group_id`),
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_group` ON `memberships` (`group_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_agent` ON `sessions` (`agent_id`);