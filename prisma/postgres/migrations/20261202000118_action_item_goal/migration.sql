-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "goalId" TEXT;
