ALTER TABLE "messages" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "last_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Messages stored before: numbered per room in id order, which is the order they were committed.
UPDATE "messages" SET "seq" = "numbered"."seq" FROM (
	SELECT "id", row_number() OVER (PARTITION BY "room_id" ORDER BY "id") AS "seq" FROM "messages"
) AS "numbered" WHERE "messages"."id" = "numbered"."id";--> statement-breakpoint
UPDATE "rooms" SET "last_seq" = "counted"."last_seq" FROM (
	SELECT "room_id", max("seq") AS "last_seq" FROM "messages" GROUP BY "room_id"
) AS "counted" WHERE "rooms"."id" = "counted"."room_id";
