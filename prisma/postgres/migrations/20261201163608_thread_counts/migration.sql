-- DropIndex
DROP INDEX "Thread_forumId_pinned_lastActivityAt_idx";

-- AlterTable
ALTER TABLE "Forum" ADD COLUMN     "threadCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "visibleThreadCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "threadCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "visibleThreadCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Thread_forumId_pinned_lastActivityAt_id_idx" ON "Thread"("forumId", "pinned", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Thread_forumId_hiddenAt_pinned_lastActivityAt_id_idx" ON "Thread"("forumId", "hiddenAt", "pinned", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Thread_forumId_categoryId_hiddenAt_pinned_lastActivityAt_id_idx" ON "Thread"("forumId", "categoryId", "hiddenAt", "pinned", "lastActivityAt", "id");

-- Thread counts (hand-written): a forum's and a category's threads, all and not hidden, kept by
-- triggers so that every write that adds, hides, unhides, moves or removes a thread (cascades
-- included) changes them in its own transaction, and no list page ever recounts.
UPDATE "Forum" SET
    "threadCount" = (SELECT COUNT(*) FROM "Thread" t WHERE t."forumId" = "Forum"."id"),
    "visibleThreadCount" = (SELECT COUNT(*) FROM "Thread" t WHERE t."forumId" = "Forum"."id" AND t."hiddenAt" IS NULL);
UPDATE "Category" SET
    "threadCount" = (SELECT COUNT(*) FROM "Thread" t WHERE t."categoryId" = "Category"."id"),
    "visibleThreadCount" = (SELECT COUNT(*) FROM "Thread" t WHERE t."categoryId" = "Category"."id" AND t."hiddenAt" IS NULL);

CREATE FUNCTION "thread_counts"() RETURNS TRIGGER AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "Forum" SET "threadCount" = "threadCount" - 1,
            "visibleThreadCount" = "visibleThreadCount" - (CASE WHEN OLD."hiddenAt" IS NULL THEN 1 ELSE 0 END) WHERE "id" = OLD."forumId";
        UPDATE "Category" SET "threadCount" = "threadCount" - 1,
            "visibleThreadCount" = "visibleThreadCount" - (CASE WHEN OLD."hiddenAt" IS NULL THEN 1 ELSE 0 END) WHERE "id" = OLD."categoryId";
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE "Forum" SET "threadCount" = "threadCount" + 1,
            "visibleThreadCount" = "visibleThreadCount" + (CASE WHEN NEW."hiddenAt" IS NULL THEN 1 ELSE 0 END) WHERE "id" = NEW."forumId";
        UPDATE "Category" SET "threadCount" = "threadCount" + 1,
            "visibleThreadCount" = "visibleThreadCount" + (CASE WHEN NEW."hiddenAt" IS NULL THEN 1 ELSE 0 END) WHERE "id" = NEW."categoryId";
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "thread_counts_insert_delete" AFTER INSERT OR DELETE ON "Thread"
    FOR EACH ROW EXECUTE FUNCTION "thread_counts"();
CREATE TRIGGER "thread_counts_update" AFTER UPDATE OF "hiddenAt", "categoryId", "forumId" ON "Thread"
    FOR EACH ROW
    WHEN ((OLD."hiddenAt" IS NULL) <> (NEW."hiddenAt" IS NULL) OR OLD."categoryId" <> NEW."categoryId" OR OLD."forumId" <> NEW."forumId")
    EXECUTE FUNCTION "thread_counts"();
