-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "flagThreshold" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "ProgramRating" ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenById" TEXT,
ADD COLUMN     "hiddenReason" TEXT;

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "groupId" TEXT,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolutionNote" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Flag_groupId_status_createdAt_idx" ON "Flag"("groupId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Flag_subjectKind_subjectId_status_idx" ON "Flag"("subjectKind", "subjectId", "status");

-- CreateIndex
CREATE INDEX "Flag_reporterId_createdAt_idx" ON "Flag"("reporterId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Flag_reporterId_subjectKind_subjectId_key" ON "Flag"("reporterId", "subjectKind", "subjectId");

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
