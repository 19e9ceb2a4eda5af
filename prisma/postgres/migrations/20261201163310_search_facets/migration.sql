-- Filter tokens indexed beside the words (app/modules/search/facets.ts says which and why): in
-- the tsvector with weight D, parsed with the 'simple' configuration (no stemming of ids).
ALTER TABLE "SearchDocument" ADD COLUMN     "facets" TEXT NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION "search_index_sync"() RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO "search_index" ("id", "tsv")
    VALUES (NEW."id",
        setweight(to_tsvector('english', NEW."title"), 'A')
        || setweight(to_tsvector('english', NEW."body"), 'B')
        || setweight(to_tsvector('simple', NEW."facets"), 'D'))
    ON CONFLICT ("id") DO UPDATE SET "tsv" = EXCLUDED."tsv";
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER "search_index_sync" ON "SearchDocument";
CREATE TRIGGER "search_index_sync" AFTER INSERT OR UPDATE OF "title", "body", "facets" ON "SearchDocument"
    FOR EACH ROW EXECUTE FUNCTION "search_index_sync"();

-- The same tokens as facetTokens() writes (ids are cuids: lower() is all they need); the
-- trigger recomputes each row's tsvector.
UPDATE "SearchDocument" d SET "facets" = 'ppforum' || lower(t."forumId") || ' ppauthor' || lower(p."authorId") || ' ppkind' || lower(t."kind")
FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
WHERE p."id" = d."postId";
