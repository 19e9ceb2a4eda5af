-- AlterTable
ALTER TABLE "ReviewCycle" ADD COLUMN "meetingOn" DATETIME;
ALTER TABLE "ReviewCycle" ADD COLUMN "meetingPlace" TEXT;
