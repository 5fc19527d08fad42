CREATE TABLE `call_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`customer_name` text NOT NULL,
	`customer_email` text DEFAULT '' NOT NULL,
	`phone` text NOT NULL,
	`direction` text NOT NULL,
	`started_at` integer NOT NULL,
	`duration_seconds` integer NOT NULL,
	`group_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`agent_name` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_logs_number_unique` ON `call_logs` (`number`);--> statement-breakpoint
CREATE INDEX `call_logs_group` ON `call_logs` (`group_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `call_logs_agent` ON `call_logs` (`agent_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `relations` (
	`from_kind` text NOT NULL,
	`from_id` text NOT NULL,
	`to_kind` text NOT NULL,
	`to_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`from_kind`, `from_id`, `to_kind`, `to_id`)
);
--> statement-breakpoint
CREATE INDEX `relations_to` ON `relations` (`to_kind`,`to_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`due_at` integer,
	`group_id` text NOT NULL,
	`assignee_id` text NOT NULL,
	`assignee_name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
CREATE INDEX `tasks_assignee` ON `tasks` (`assignee_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_group` ON `tasks` (`group_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `ticket_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`text` text NOT NULL,
	`emailed_to` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_entries_ticket` ON `ticket_entries` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`subject` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`group_id` text NOT NULL,
	`agent_id` text,
	`agent_name` text,
	`customer_name` text NOT NULL,
	`customer_email` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number_unique` ON `tickets` (`number`);--> statement-breakpoint
CREATE INDEX `tickets_agent_status` ON `tickets` (`agent_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_group_status` ON `tickets` (`group_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_customer` ON `tickets` (`customer_email`);--> statement-breakpoint
CREATE INDEX `tickets_updated` ON `tickets` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_subject` ON `tickets` ("subject" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `tickets_customer_name` ON `tickets` ("customer_name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `tickets_agent_name` ON `tickets` ("agent_name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `tickets_status_rank` ON `tickets` ((CASE "status" WHEN 'open' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END),`id`);--> statement-breakpoint
CREATE INDEX `tickets_priority_rank` ON `tickets` ((CASE "priority" WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END),`id`);