-- Filter tokens indexed beside the words (app/modules/search/facets.ts says which and why).
-- SQLite adds the column in place; the FTS5 index is made again with a third column, "facets",
-- and filled from the table (a one-time rebuild), and its triggers carry the new column.
ALTER TABLE "SearchDocument" ADD COLUMN "facets" TEXT NOT NULL DEFAULT '';

-- The same tokens as facetTokens() writes: ids are cuids (lower-case letters and digits) and
-- kinds are plain words, so lower() is all the normalising they need here.
UPDATE "SearchDocument" SET "facets" = (
    SELECT 'ppforum' || lower(t."forumId") || ' ppauthor' || lower(p."authorId") || ' ppkind' || lower(t."kind")
    FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
    WHERE p."id" = "SearchDocument"."postId"
) WHERE EXISTS (SELECT 1 FROM "Post" p WHERE p."id" = "SearchDocument"."postId");

DROP TRIGGER "search_fts_after_insert";
DROP TRIGGER "search_fts_after_delete";
DROP TRIGGER "search_fts_after_update";
DROP TABLE "search_fts";

CREATE VIRTUAL TABLE "search_fts" USING fts5(
    title,
    body,
    facets,
    content = 'SearchDocument',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO "search_fts" ("search_fts") VALUES ('rebuild');

CREATE TRIGGER "search_fts_after_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "search_fts" (rowid, title, body, facets) VALUES (new."id", new."title", new."body", new."facets");
END;

CREATE TRIGGER "search_fts_after_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "search_fts" ("search_fts", rowid, title, body, facets) VALUES ('delete', old."id", old."title", old."body", old."facets");
END;

CREATE TRIGGER "search_fts_after_update" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "search_fts" ("search_fts", rowid, title, body, facets) VALUES ('delete', old."id", old."title", old."body", old."facets");
    INSERT INTO "search_fts" (rowid, title, body, facets) VALUES (new."id", new."title", new."body", new."facets");
END;
