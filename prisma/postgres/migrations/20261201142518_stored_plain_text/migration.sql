-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "lessonLearnedText" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "bodyText" TEXT NOT NULL DEFAULT '';
