-- CreateTable
CREATE TABLE "LessonProgram" (
    "threadId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("threadId", "programId"),
    CONSTRAINT "LessonProgram_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LessonProgram_programId_fkey" FOREIGN KEY ("programId") REFERENCES "VendorProgram" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LessonProgram_programId_idx" ON "LessonProgram"("programId");
