-- CreateTable
CREATE TABLE "ScheduledWorkDone" (
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledWorkDone_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ScheduledWorkDone_doneAt_idx" ON "ScheduledWorkDone"("doneAt");
