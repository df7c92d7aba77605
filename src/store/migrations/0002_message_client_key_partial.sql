DROP INDEX `messages_client_key_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_client_key_idx` ON `messages` (`room_id`,`user_id`,`client_key`) WHERE "messages"."client_key" IS NOT NULL;