CREATE TABLE `time_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`chat_id` text,
	`ticket_id` text,
	`group_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`agent_name` text NOT NULL,
	`minutes` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`billable` integer DEFAULT false NOT NULL,
	`logged_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `time_logs_chat` ON `time_logs` (`chat_id`);--> statement-breakpoint
CREATE INDEX `time_logs_ticket` ON `time_logs` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `time_logs_agent` ON `time_logs` (`agent_id`,`logged_at`);