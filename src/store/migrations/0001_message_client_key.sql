ALTER TABLE `messages` ADD `client_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_client_key_idx` ON `messages` (`room_id`,`user_id`,`client_key`);