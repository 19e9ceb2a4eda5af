-- CreateTable
CREATE TABLE "ScheduledWorkDone" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "doneAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ScheduledWorkDone_doneAt_idx" ON "ScheduledWorkDone"("doneAt");
