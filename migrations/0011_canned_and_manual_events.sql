CREATE TABLE `canned_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`group_id` text,
	`owner_id` text,
	`folder` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`shortcut` text,
	`body` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `canned_replies_scope` ON `canned_replies` (`scope`,`group_id`,`owner_id`);--> statement-breakpoint
CREATE INDEX `canned_replies_shortcut` ON `canned_replies` (`shortcut`);--> statement-breakpoint
CREATE TABLE `canned_reply_files` (
	`id` text PRIMARY KEY NOT NULL,
	`reply_id` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `canned_reply_files_reply` ON `canned_reply_files` (`reply_id`);--> statement-breakpoint
CREATE TABLE `manual_event_groups` (
	`event_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `group_id`)
);
--> statement-breakpoint
CREATE INDEX `manual_event_groups_group` ON `manual_event_groups` (`group_id`);--> statement-breakpoint
CREATE TABLE `manual_events` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`actions` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manual_events_name_unique` ON `manual_events` (`name`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`run_id` text NOT NULL,
	`chat_id` text NOT NULL,
	`url` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_chat` ON `webhook_deliveries` (`chat_id`,`created_at`);