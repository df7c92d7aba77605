ALTER TABLE `rooms` ADD `topic` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `rooms_name_idx` ON `rooms` (lower("name"));