-- CreateIndex
CREATE INDEX "Thread_lastActivityAt_id_idx" ON "Thread"("lastActivityAt", "id");
