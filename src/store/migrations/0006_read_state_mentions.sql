CREATE TABLE `mentions` (
	`message_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	PRIMARY KEY(`message_id`, `user_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mentions_user_room_idx` ON `mentions` (`user_id`,`room_id`,`message_id`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `last_read_id` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `notify` text DEFAULT 'mentions' NOT NULL;--> statement-breakpoint
-- Rooms joined before read state existed start read up to now: nothing old shows as unread.
UPDATE `memberships` SET `last_read_id` = COALESCE((SELECT MAX(`id`) FROM `messages` WHERE `messages`.`room_id` = `memberships`.`room_id`), 0);
