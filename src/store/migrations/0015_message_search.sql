-- Full-text search over what messages say (src/store/search.ts). External content: the text stays in
-- `messages` alone and the index holds only its words. No positions (detail=none) and no sizes
-- (columnsize=0): every word is matched alone and nothing is ranked, so each write adds less to the
-- index and the log; highlight() reads the words' places from the text itself.
CREATE VIRTUAL TABLE `messages_search` USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2', columnsize=0, detail=none);
--> statement-breakpoint
-- New messages are indexed in batches, off the path of sending (src/store/search-index.ts): moving
-- `indexed_through` on indexes every message up to it that is not deleted, in that same statement,
-- so the index and the mark move together on every driver. Indexing each insert by trigger doubled
-- what a message cost to store.
CREATE TABLE `search_progress` (`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1), `indexed_through` integer NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `search_progress_index` AFTER UPDATE OF indexed_through ON `search_progress` BEGIN
  INSERT INTO messages_search(rowid, body)
    SELECT id, body FROM messages WHERE id > old.indexed_through AND id <= new.indexed_through AND deleted_at IS NULL;
END;
--> statement-breakpoint
-- An edit of an indexed message indexes the new text in place of the old; a deletion takes the old
-- text out. A message not indexed yet is left to the batch, which reads it as it is by then.
CREATE TRIGGER `messages_search_update` AFTER UPDATE OF body, deleted_at ON `messages`
  WHEN old.id <= (SELECT indexed_through FROM search_progress WHERE id = 1) BEGIN
  INSERT INTO messages_search(messages_search, rowid, body) SELECT 'delete', old.id, old.body WHERE old.deleted_at IS NULL;
  INSERT INTO messages_search(rowid, body) SELECT new.id, new.body WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_search_delete` AFTER DELETE ON `messages`
  WHEN old.deleted_at IS NULL AND old.id <= (SELECT indexed_through FROM search_progress WHERE id = 1) BEGIN
  INSERT INTO messages_search(messages_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
--> statement-breakpoint
INSERT INTO search_progress (id, indexed_through) VALUES (1, 0);
--> statement-breakpoint
UPDATE search_progress SET indexed_through = (SELECT coalesce(max(id), 0) FROM messages) WHERE id = 1;
