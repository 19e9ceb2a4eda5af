-- Plain text stored beside the HTML, so that no read parses markdown. Existing rows are filled in
-- by the server at start (server/db/backfill-plain-text.ts); SQLite adds the column in place.
ALTER TABLE "Post" ADD COLUMN "bodyText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN "lessonLearnedText" TEXT;
