-- AlterTable
ALTER TABLE "Thread" ADD COLUMN "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "ProgramRating" ADD COLUMN "hiddenAt" DATETIME;
ALTER TABLE "ProgramRating" ADD COLUMN "hiddenById" TEXT;
ALTER TABLE "ProgramRating" ADD COLUMN "hiddenReason" TEXT;

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "groupId" TEXT,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "resolutionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Flag_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Flag_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Flag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (a constant default: SQLite adds the column in place, no table rebuild)
ALTER TABLE "Group" ADD COLUMN "flagThreshold" INTEGER NOT NULL DEFAULT 3;

-- CreateIndex
CREATE INDEX "Flag_groupId_status_createdAt_idx" ON "Flag"("groupId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Flag_subjectKind_subjectId_status_idx" ON "Flag"("subjectKind", "subjectId", "status");

-- CreateIndex
CREATE INDEX "Flag_reporterId_createdAt_idx" ON "Flag"("reporterId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Flag_reporterId_subjectKind_subjectId_key" ON "Flag"("reporterId", "subjectKind", "subjectId");
