-- CreateTable
CREATE TABLE "LessonProgram" (
    "threadId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonProgram_pkey" PRIMARY KEY ("threadId","programId")
);

-- CreateIndex
CREATE INDEX "LessonProgram_programId_idx" ON "LessonProgram"("programId");

-- AddForeignKey
ALTER TABLE "LessonProgram" ADD CONSTRAINT "LessonProgram_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonProgram" ADD CONSTRAINT "LessonProgram_programId_fkey" FOREIGN KEY ("programId") REFERENCES "VendorProgram"("id") ON DELETE CASCADE ON UPDATE CASCADE;
