-- Full-text search over what messages say (src/store/search.ts). External content: the text stays in
-- `messages` alone and the index holds only its words. Deleted messages (deleted_at set) are never indexed;
-- the triggers remove exactly what they indexed, as an external-content table requires. No positions
-- (detail=none) and no sizes (columnsize=0): every word is matched alone and nothing is ranked, so each
-- write adds less to the index and the log; highlight() reads the words' places from the text itself.
CREATE VIRTUAL TABLE `messages_search` USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2', columnsize=0, detail=none);
--> statement-breakpoint
CREATE TRIGGER `messages_search_insert` AFTER INSERT ON `messages` WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO messages_search(rowid, body) VALUES (new.id, new.body);
END;
--> statement-breakpoint
-- An edit indexes the new text in place of the old; a deletion takes the old text out.
CREATE TRIGGER `messages_search_update` AFTER UPDATE OF body, deleted_at ON `messages` BEGIN
  INSERT INTO messages_search(messages_search, rowid, body) SELECT 'delete', old.id, old.body WHERE old.deleted_at IS NULL;
  INSERT INTO messages_search(rowid, body) SELECT new.id, new.body WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_search_delete` AFTER DELETE ON `messages` WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO messages_search(messages_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
--> statement-breakpoint
INSERT INTO messages_search(rowid, body) SELECT id, body FROM messages WHERE deleted_at IS NULL;
