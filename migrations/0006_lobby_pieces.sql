CREATE TABLE `group_presence` (
	`group_id` text NOT NULL,
	`shard` integer NOT NULL,
	`online` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `shard`)
);
