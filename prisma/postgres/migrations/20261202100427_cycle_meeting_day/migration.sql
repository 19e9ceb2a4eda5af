-- AlterTable
ALTER TABLE "ReviewCycle" ADD COLUMN     "meetingOn" TIMESTAMP(3),
ADD COLUMN     "meetingPlace" TEXT;
