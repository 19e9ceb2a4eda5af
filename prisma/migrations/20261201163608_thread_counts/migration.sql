-- DropIndex
DROP INDEX "Thread_forumId_pinned_lastActivityAt_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Forum" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT,
    "isCommunity" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "threadCount" INTEGER NOT NULL DEFAULT 0,
    "visibleThreadCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Forum_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Forum" ("createdAt", "groupId", "id", "isCommunity", "name") SELECT "createdAt", "groupId", "id", "isCommunity", "name" FROM "Forum";
DROP TABLE "Forum";
ALTER TABLE "new_Forum" RENAME TO "Forum";
CREATE UNIQUE INDEX "Forum_groupId_key" ON "Forum"("groupId");
CREATE TABLE "new_Category" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "forumId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "threadCount" INTEGER NOT NULL DEFAULT 0,
    "visibleThreadCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Category_forumId_fkey" FOREIGN KEY ("forumId") REFERENCES "Forum" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Category" ("createdAt", "description", "forumId", "id", "name", "position", "slug") SELECT "createdAt", "description", "forumId", "id", "name", "position", "slug" FROM "Category";
DROP TABLE "Category";
ALTER TABLE "new_Category" RENAME TO "Category";
CREATE UNIQUE INDEX "Category_forumId_slug_key" ON "Category"("forumId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

CREATE TRIGGER "thread_counts_after_insert" AFTER INSERT ON "Thread" BEGIN
    UPDATE "Forum" SET "threadCount" = "threadCount" + 1, "visibleThreadCount" = "visibleThreadCount" + (new."hiddenAt" IS NULL) WHERE "id" = new."forumId";
    UPDATE "Category" SET "threadCount" = "threadCount" + 1, "visibleThreadCount" = "visibleThreadCount" + (new."hiddenAt" IS NULL) WHERE "id" = new."categoryId";
END;

CREATE TRIGGER "thread_counts_after_delete" AFTER DELETE ON "Thread" BEGIN
    UPDATE "Forum" SET "threadCount" = "threadCount" - 1, "visibleThreadCount" = "visibleThreadCount" - (old."hiddenAt" IS NULL) WHERE "id" = old."forumId";
    UPDATE "Category" SET "threadCount" = "threadCount" - 1, "visibleThreadCount" = "visibleThreadCount" - (old."hiddenAt" IS NULL) WHERE "id" = old."categoryId";
END;

CREATE TRIGGER "thread_counts_after_update" AFTER UPDATE OF "hiddenAt", "categoryId", "forumId" ON "Thread"
WHEN (old."hiddenAt" IS NULL) <> (new."hiddenAt" IS NULL) OR old."categoryId" <> new."categoryId" OR old."forumId" <> new."forumId"
BEGIN
    UPDATE "Forum" SET "threadCount" = "threadCount" - 1, "visibleThreadCount" = "visibleThreadCount" - (old."hiddenAt" IS NULL) WHERE "id" = old."forumId";
    UPDATE "Category" SET "threadCount" = "threadCount" - 1, "visibleThreadCount" = "visibleThreadCount" - (old."hiddenAt" IS NULL) WHERE "id" = old."categoryId";
    UPDATE "Forum" SET "threadCount" = "threadCount" + 1, "visibleThreadCount" = "visibleThreadCount" + (new."hiddenAt" IS NULL) WHERE "id" = new."forumId";
    UPDATE "Category" SET "threadCount" = "threadCount" + 1, "visibleThreadCount" = "visibleThreadCount" + (new."hiddenAt" IS NULL) WHERE "id" = new."categoryId";
END;
