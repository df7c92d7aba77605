CREATE TABLE `room_embeds` (
	`room_id` integer PRIMARY KEY NOT NULL,
	`allowed_origins` text DEFAULT '' NOT NULL,
	`guests` integer DEFAULT false NOT NULL,
	`secret` text NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `used_embed_tokens` (
	`digest` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `room_id` integer REFERENCES rooms(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `users` ADD `kind` text DEFAULT 'account' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_external_id_unique` ON `users` (`external_id`);