-- CreateTable
CREATE TABLE "Suspension" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "endsAt" DATETIME,
    "suspendedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" DATETIME,
    "liftedById" TEXT,
    CONSTRAINT "Suspension_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (hand-written: ADD COLUMN, not the table rebuild Prisma writes, which would drop the
-- Thread triggers of the thread_counts migration)
ALTER TABLE "Thread" ADD COLUMN "slowModeMinutes" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Suspension_userId_liftedAt_idx" ON "Suspension"("userId", "liftedAt");
