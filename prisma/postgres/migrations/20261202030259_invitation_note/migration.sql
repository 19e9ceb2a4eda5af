-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "note" TEXT NOT NULL DEFAULT '';
