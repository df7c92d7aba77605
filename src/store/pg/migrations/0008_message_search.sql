-- Full-text search over what messages say (src/store/search.ts): the words of each message that is not
-- deleted, by the 'simple' configuration (lower-cased, no stemming or stop words: every language alike).
-- An expression index: an edit re-indexes the new text by itself, a deletion leaves the index.
CREATE INDEX "messages_search_idx" ON "messages" USING gin (to_tsvector('simple'::regconfig, "body")) WHERE "deleted_at" IS NULL;
