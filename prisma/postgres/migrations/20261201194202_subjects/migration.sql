-- Notifications and search documents are about a subject: a registered kind and its id. Every
-- existing row is a forum post's ("forum.post", the post's id); a notification that named only
-- its thread is about the thread's opening post. The search index (search_index, by id) is
-- untouched: the words, title and tokens of every document stay as they are.
ALTER TABLE "Notification" ADD COLUMN "subjectKind" TEXT,
ADD COLUMN "subjectId" TEXT,
ALTER COLUMN "threadId" DROP NOT NULL;

UPDATE "Notification" n SET "postId" = (SELECT p."id" FROM "Post" p WHERE p."threadId" = n."threadId" ORDER BY p."number" LIMIT 1)
WHERE n."postId" IS NULL;
DELETE FROM "Notification" WHERE "postId" IS NULL;
UPDATE "Notification" SET "subjectKind" = 'forum.post', "subjectId" = "postId";

ALTER TABLE "Notification" ALTER COLUMN "subjectKind" SET NOT NULL,
ALTER COLUMN "subjectId" SET NOT NULL;

ALTER TABLE "SearchDocument" ADD COLUMN "subjectKind" TEXT,
ADD COLUMN "subjectId" TEXT,
ADD COLUMN "scope" TEXT,
ALTER COLUMN "postId" DROP NOT NULL,
ALTER COLUMN "threadId" DROP NOT NULL;

UPDATE "SearchDocument" SET "subjectKind" = 'forum.post', "subjectId" = "postId", "scope" = "forumId";

ALTER TABLE "SearchDocument" ALTER COLUMN "subjectKind" SET NOT NULL,
ALTER COLUMN "subjectId" SET NOT NULL,
ALTER COLUMN "scope" SET NOT NULL,
DROP COLUMN "forumId";

-- CreateIndex
CREATE INDEX "Notification_subjectKind_subjectId_idx" ON "Notification"("subjectKind", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "SearchDocument_subjectKind_subjectId_key" ON "SearchDocument"("subjectKind", "subjectId");
