-- A message's room and author are no longer foreign keys (src/store/pg/schema.ts, messageOwnersByKey):
-- PostgreSQL checked each by a trigger and a row lock per inserted row, more than a third of what
-- storing a message cost. The batch statement (src/store/pg/message-batch.ts) locks each room and
-- author of a batch once instead, and fails a message whose room or author does not exist.
ALTER TABLE "messages" DROP CONSTRAINT "messages_room_id_rooms_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_user_id_users_id_fk";
--> statement-breakpoint
-- A room's or a person's messages go with them, as the foreign keys' cascade took them. AFTER DELETE:
-- a batch holding the room's or the author's lock has committed by then, and this statement, on a
-- snapshot of its own, sees its messages.
CREATE FUNCTION "delete_room_messages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "messages" WHERE "room_id" = OLD."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "rooms_delete_messages" AFTER DELETE ON "rooms"
  FOR EACH ROW EXECUTE FUNCTION "delete_room_messages"();
--> statement-breakpoint
CREATE FUNCTION "delete_user_messages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "messages" WHERE "user_id" = OLD."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_delete_messages" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "delete_user_messages"();
