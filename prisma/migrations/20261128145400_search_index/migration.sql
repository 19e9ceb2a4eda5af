-- Full-text search over SearchDocument (hand-written: Prisma's schema cannot express it).
-- An external-content FTS5 index, kept in step with the table by triggers; the application
-- only writes SearchDocument rows. Listed as an external table for the schema checks.
CREATE VIRTUAL TABLE "search_fts" USING fts5(
    title,
    body,
    content = 'SearchDocument',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "search_fts_after_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "search_fts" (rowid, title, body) VALUES (new."id", new."title", new."body");
END;

CREATE TRIGGER "search_fts_after_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "search_fts" ("search_fts", rowid, title, body) VALUES ('delete', old."id", old."title", old."body");
END;

CREATE TRIGGER "search_fts_after_update" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "search_fts" ("search_fts", rowid, title, body) VALUES ('delete', old."id", old."title", old."body");
    INSERT INTO "search_fts" (rowid, title, body) VALUES (new."id", new."title", new."body");
END;
