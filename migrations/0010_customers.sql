CREATE TABLE `customer_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`text` text NOT NULL,
	`sticky` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_comments_customer` ON `customer_comments` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `customer_emails` (
	`email` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_emails_customer` ON `customer_emails` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`organization_id` text,
	`time_zone` text,
	`time_zone_by_staff` integer DEFAULT false NOT NULL,
	`language` text,
	`language_by_staff` integer DEFAULT false NOT NULL,
	`website` text DEFAULT '' NOT NULL,
	`home_phone` text DEFAULT '' NOT NULL,
	`work_phone` text DEFAULT '' NOT NULL,
	`mobile_phone` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`subscribed` integer DEFAULT false NOT NULL,
	`custom_fields` text DEFAULT '{}' NOT NULL,
	`external_id` text,
	`verified_at` integer,
	`last_sign_in_at` integer,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_organization` ON `customers` (`organization_id`);--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_name_unique` ON `organizations` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_domain_unique` ON `organizations` (`domain`);--> statement-breakpoint
CREATE TABLE `verified_chats` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`verified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verified_chats_email` ON `verified_chats` (`email`,`verified_at`);--> statement-breakpoint
CREATE INDEX `call_logs_customer` ON `call_logs` (`customer_email`,`started_at`);--> statement-breakpoint
CREATE INDEX `chats_visitor_email` ON `chats` (`visitor_email`,`started_at`);--> statement-breakpoint
CREATE INDEX `offline_messages_email` ON `offline_messages` (`email`,`created_at`);--> statement-breakpoint
-- Customers for what was stored before this migration: one per address, named as on its latest item.
INSERT OR IGNORE INTO `customer_emails` (`email`, `customer_id`, `created_at`)
SELECT `email`, lower(hex(randomblob(16))), min(`at`) FROM (
	SELECT `visitor_email` AS `email`, `started_at` AS `at` FROM `chats`
	UNION ALL SELECT `email`, `created_at` FROM `offline_messages`
	UNION ALL SELECT `customer_email`, `created_at` FROM `tickets`
	UNION ALL SELECT `customer_email`, `started_at` FROM `call_logs` WHERE `customer_email` != ''
) GROUP BY `email`;--> statement-breakpoint
INSERT INTO `customers` (`id`, `name`, `first_seen_at`, `last_seen_at`, `created_at`)
SELECT e.`customer_id`,
	coalesce(
		(SELECT `visitor_name` FROM `chats` WHERE `visitor_email` = e.`email` ORDER BY `started_at` DESC LIMIT 1),
		(SELECT `name` FROM `offline_messages` WHERE `email` = e.`email` ORDER BY `created_at` DESC LIMIT 1),
		(SELECT `customer_name` FROM `tickets` WHERE `customer_email` = e.`email` ORDER BY `created_at` DESC LIMIT 1),
		(SELECT `customer_name` FROM `call_logs` WHERE `customer_email` = e.`email` ORDER BY `started_at` DESC LIMIT 1),
		e.`email`),
	e.`created_at`,
	coalesce((SELECT max(`started_at`) FROM `chats` WHERE `visitor_email` = e.`email`), e.`created_at`),
	e.`created_at`
FROM `customer_emails` e;
