ALTER TABLE `messages` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Messages stored before: numbered per room in id order, which is the order they were committed.
UPDATE `messages` SET `seq` = `numbered`.`seq` FROM (
	SELECT `id`, row_number() OVER (PARTITION BY `room_id` ORDER BY `id`) AS `seq` FROM `messages`
) AS `numbered` WHERE `messages`.`id` = `numbered`.`id`;
