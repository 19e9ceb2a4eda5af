-- Full-text search over SearchDocument (hand-written: Prisma's schema cannot express it).
-- A weighted tsvector per document (title above body) in its own table with a GIN index,
-- kept in step by a trigger; the application only writes SearchDocument rows. Listed as an
-- external table for the schema checks.
CREATE TABLE "search_index" (
    "id" INTEGER NOT NULL PRIMARY KEY REFERENCES "SearchDocument" ("id") ON DELETE CASCADE,
    "tsv" TSVECTOR NOT NULL
);

CREATE INDEX "search_index_tsv_idx" ON "search_index" USING GIN ("tsv");

CREATE FUNCTION "search_index_sync"() RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO "search_index" ("id", "tsv")
    VALUES (NEW."id", setweight(to_tsvector('english', NEW."title"), 'A') || setweight(to_tsvector('english', NEW."body"), 'B'))
    ON CONFLICT ("id") DO UPDATE SET "tsv" = EXCLUDED."tsv";
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "search_index_sync" AFTER INSERT OR UPDATE OF "title", "body" ON "SearchDocument"
    FOR EACH ROW EXECUTE FUNCTION "search_index_sync"();
