-- Hand-edited: CHECK constraints back the rules of vendors/schemas.ts (scores 1-5, dates in order,
-- known states), so no path around the app's validation can store what it refuses.
-- CreateTable
CREATE TABLE "Vendor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VendorProgram" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vendorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "benefitAmount" REAL,
    "benefitCurrency" TEXT,
    "benefitText" TEXT NOT NULL DEFAULT '',
    "feeAmount" REAL,
    "feeCurrency" TEXT,
    "hours" REAL,
    "requirements" TEXT NOT NULL DEFAULT '',
    "eligibility" TEXT NOT NULL DEFAULT '',
    "capacityLimited" BOOLEAN NOT NULL DEFAULT false,
    "enrollOpensOn" DATETIME,
    "enrollClosesOn" DATETIME,
    "claimOpensOn" DATETIME,
    "claimClosesOn" DATETIME,
    "proofDueOn" DATETIME,
    "state" TEXT NOT NULL DEFAULT 'proposed',
    "proposedById" TEXT NOT NULL,
    "approvedAt" DATETIME,
    "mergedIntoId" TEXT,
    "discussionThreadId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VendorProgram_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "VendorProgram_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VendorProgram_enrollment_order_check" CHECK ("enrollOpensOn" IS NULL OR "enrollClosesOn" IS NULL OR "enrollClosesOn" >= "enrollOpensOn"),
    CONSTRAINT "VendorProgram_claim_order_check" CHECK ("claimOpensOn" IS NULL OR "claimClosesOn" IS NULL OR "claimClosesOn" >= "claimOpensOn"),
    CONSTRAINT "VendorProgram_state_check" CHECK ("state" IN ('proposed', 'approved', 'merged'))
);

-- CreateTable
CREATE TABLE "ProgramRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'community',
    "shownAs" TEXT NOT NULL DEFAULT 'name',
    "overall" INTEGER NOT NULL,
    "valueScore" INTEGER,
    "easeScore" INTEGER,
    "supportScore" INTEGER,
    "roiScore" INTEGER,
    "wouldRecommend" BOOLEAN NOT NULL,
    "yearTookPart" INTEGER,
    "review" TEXT NOT NULL DEFAULT '',
    "pros" TEXT NOT NULL DEFAULT '',
    "cons" TEXT NOT NULL DEFAULT '',
    "amountClaimed" REAL,
    "amountPaid" REAL,
    "daysToPayout" INTEGER,
    "hoursSpent" REAL,
    "rejected" BOOLEAN NOT NULL DEFAULT false,
    "rejectionReason" TEXT NOT NULL DEFAULT '',
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProgramRating_programId_fkey" FOREIGN KEY ("programId") REFERENCES "VendorProgram" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgramRating_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgramRating_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgramRating_overall_check" CHECK ("overall" BETWEEN 1 AND 5),
    CONSTRAINT "ProgramRating_valueScore_check" CHECK ("valueScore" IS NULL OR "valueScore" BETWEEN 1 AND 5),
    CONSTRAINT "ProgramRating_easeScore_check" CHECK ("easeScore" IS NULL OR "easeScore" BETWEEN 1 AND 5),
    CONSTRAINT "ProgramRating_supportScore_check" CHECK ("supportScore" IS NULL OR "supportScore" BETWEEN 1 AND 5),
    CONSTRAINT "ProgramRating_roiScore_check" CHECK ("roiScore" IS NULL OR "roiScore" BETWEEN 1 AND 5),
    CONSTRAINT "ProgramRating_visibility_check" CHECK ("visibility" IN ('community', 'group')),
    CONSTRAINT "ProgramRating_shownAs_check" CHECK ("shownAs" IN ('name', 'group')),
    CONSTRAINT "ProgramRating_outcomes_check" CHECK (("amountClaimed" IS NULL OR "amountClaimed" >= 0) AND ("amountPaid" IS NULL OR "amountPaid" >= 0) AND ("daysToPayout" IS NULL OR "daysToPayout" >= 0) AND ("hoursSpent" IS NULL OR "hoursSpent" >= 0))
);

-- CreateTable
CREATE TABLE "RatingHelpfulVote" (
    "ratingId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ratingId", "voterId"),
    CONSTRAINT "RatingHelpfulVote_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "ProgramRating" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RatingHelpfulVote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgramFollow" (
    "programId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("programId", "userId"),
    CONSTRAINT "ProgramFollow_programId_fkey" FOREIGN KEY ("programId") REFERENCES "VendorProgram" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgramFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_slug_key" ON "Vendor"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_name_key" ON "Vendor"("name");

-- CreateIndex
CREATE INDEX "VendorProgram_state_vendorId_idx" ON "VendorProgram"("state", "vendorId");

-- CreateIndex
CREATE INDEX "VendorProgram_state_enrollClosesOn_idx" ON "VendorProgram"("state", "enrollClosesOn");

-- CreateIndex
CREATE INDEX "ProgramRating_programId_visibility_idx" ON "ProgramRating"("programId", "visibility");

-- CreateIndex
CREATE INDEX "ProgramRating_groupId_idx" ON "ProgramRating"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramRating_programId_memberId_key" ON "ProgramRating"("programId", "memberId");

-- CreateIndex
CREATE INDEX "ProgramFollow_userId_idx" ON "ProgramFollow"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_userId_key" ON "CalendarFeed"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");
