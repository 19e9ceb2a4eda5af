-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "agreementPending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "GroupAgreementVersion" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'markdown',
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupAgreementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementAcceptance" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupAgreementVersion_groupId_version_key" ON "GroupAgreementVersion"("groupId", "version");

-- CreateIndex
CREATE INDEX "AgreementAcceptance_groupId_userId_idx" ON "AgreementAcceptance"("groupId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementAcceptance_userId_versionId_key" ON "AgreementAcceptance"("userId", "versionId");

-- AddForeignKey
ALTER TABLE "GroupAgreementVersion" ADD CONSTRAINT "GroupAgreementVersion_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupAgreementVersion" ADD CONSTRAINT "GroupAgreementVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "GroupAgreementVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
