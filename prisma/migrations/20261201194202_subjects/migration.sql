-- Notifications and search documents are about a subject: a registered kind and its id. Every
-- existing row is a forum post's ("forum.post", the post's id); a notification that named only
-- its thread is about the thread's opening post. Both tables are rebuilt (SQLite cannot relax a
-- NOT NULL in place); SearchDocument keeps its ids, so the FTS5 index (external content, by
-- rowid) stays valid, but its triggers go with the old table and are created again below.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "threadId" TEXT,
    "postId" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("actorId", "createdAt", "id", "postId", "readAt", "threadId", "type", "userId", "subjectKind", "subjectId")
SELECT n."actorId", n."createdAt", n."id", o."postId", n."readAt", n."threadId", n."type", n."userId", 'forum.post', o."postId"
FROM "Notification" n
JOIN (
    SELECT x."id", COALESCE(x."postId", (SELECT p."id" FROM "Post" p WHERE p."threadId" = x."threadId" ORDER BY p."number" LIMIT 1)) AS "postId"
    FROM "Notification" x
) o ON o."id" = n."id"
WHERE o."postId" IS NOT NULL;
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");
CREATE INDEX "Notification_subjectKind_subjectId_idx" ON "Notification"("subjectKind", "subjectId");
CREATE TABLE "new_SearchDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "postId" TEXT,
    "threadId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "facets" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SearchDocument_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SearchDocument" ("body", "facets", "id", "postId", "threadId", "title", "updatedAt", "subjectKind", "subjectId", "scope")
SELECT "body", "facets", "id", "postId", "threadId", "title", "updatedAt", 'forum.post', "postId", "forumId" FROM "SearchDocument";
DROP TABLE "SearchDocument";
ALTER TABLE "new_SearchDocument" RENAME TO "SearchDocument";
CREATE UNIQUE INDEX "SearchDocument_postId_key" ON "SearchDocument"("postId");
CREATE INDEX "SearchDocument_threadId_idx" ON "SearchDocument"("threadId");
CREATE UNIQUE INDEX "SearchDocument_subjectKind_subjectId_key" ON "SearchDocument"("subjectKind", "subjectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The FTS5 index's triggers, as the search_facets migration made them.
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
