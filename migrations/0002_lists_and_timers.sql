ALTER TABLE `agents` ADD `preferences` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `chats` ADD `idle_since` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `chats` ADD `idle_level` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `chats` ADD `follow_up_at` integer;