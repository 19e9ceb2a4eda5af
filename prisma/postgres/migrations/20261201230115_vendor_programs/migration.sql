-- Hand-edited: triggers back the rules of vendors/schemas.ts (scores 1-5, dates in order, known
-- states), so no path around the app's validation can store what it refuses. They raise a
-- check_violation (23514) as a CHECK constraint would; PostgreSQL gets triggers rather than
-- CHECK constraints because Prisma's schema describer cannot read those (npm run db:check).
-- CreateTable
CREATE TABLE "Vendor" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorProgram" (
    "id" TEXT NOT NULL,
    "vendorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "benefitAmount" DOUBLE PRECISION,
    "benefitCurrency" TEXT,
    "benefitText" TEXT NOT NULL DEFAULT '',
    "feeAmount" DOUBLE PRECISION,
    "feeCurrency" TEXT,
    "hours" DOUBLE PRECISION,
    "requirements" TEXT NOT NULL DEFAULT '',
    "eligibility" TEXT NOT NULL DEFAULT '',
    "capacityLimited" BOOLEAN NOT NULL DEFAULT false,
    "enrollOpensOn" TIMESTAMP(3),
    "enrollClosesOn" TIMESTAMP(3),
    "claimOpensOn" TIMESTAMP(3),
    "claimClosesOn" TIMESTAMP(3),
    "proofDueOn" TIMESTAMP(3),
    "state" TEXT NOT NULL DEFAULT 'proposed',
    "proposedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "mergedIntoId" TEXT,
    "discussionThreadId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorProgram_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramRating" (
    "id" TEXT NOT NULL,
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
    "amountClaimed" DOUBLE PRECISION,
    "amountPaid" DOUBLE PRECISION,
    "daysToPayout" INTEGER,
    "hoursSpent" DOUBLE PRECISION,
    "rejected" BOOLEAN NOT NULL DEFAULT false,
    "rejectionReason" TEXT NOT NULL DEFAULT '',
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingHelpfulVote" (
    "ratingId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingHelpfulVote_pkey" PRIMARY KEY ("ratingId","voterId")
);

-- CreateTable
CREATE TABLE "ProgramFollow" (
    "programId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramFollow_pkey" PRIMARY KEY ("programId","userId")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "VendorProgram" ADD CONSTRAINT "VendorProgram_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorProgram" ADD CONSTRAINT "VendorProgram_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRating" ADD CONSTRAINT "ProgramRating_programId_fkey" FOREIGN KEY ("programId") REFERENCES "VendorProgram"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRating" ADD CONSTRAINT "ProgramRating_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRating" ADD CONSTRAINT "ProgramRating_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingHelpfulVote" ADD CONSTRAINT "RatingHelpfulVote_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "ProgramRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingHelpfulVote" ADD CONSTRAINT "RatingHelpfulVote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramFollow" ADD CONSTRAINT "ProgramFollow_programId_fkey" FOREIGN KEY ("programId") REFERENCES "VendorProgram"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramFollow" ADD CONSTRAINT "ProgramFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ProgramRating's rules
CREATE FUNCTION "ProgramRating_rules"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (NEW."overall" BETWEEN 1 AND 5) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_overall_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."valueScore" IS NULL OR NEW."valueScore" BETWEEN 1 AND 5) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_valueScore_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."easeScore" IS NULL OR NEW."easeScore" BETWEEN 1 AND 5) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_easeScore_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."supportScore" IS NULL OR NEW."supportScore" BETWEEN 1 AND 5) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_supportScore_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."roiScore" IS NULL OR NEW."roiScore" BETWEEN 1 AND 5) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_roiScore_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."visibility" IN ('community', 'group')) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_visibility_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."shownAs" IN ('name', 'group')) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_shownAs_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT ((NEW."amountClaimed" IS NULL OR NEW."amountClaimed" >= 0) AND (NEW."amountPaid" IS NULL OR NEW."amountPaid" >= 0) AND (NEW."daysToPayout" IS NULL OR NEW."daysToPayout" >= 0) AND (NEW."hoursSpent" IS NULL OR NEW."hoursSpent" >= 0)) THEN
    RAISE EXCEPTION 'new row for relation "ProgramRating" violates check constraint "ProgramRating_outcomes_check"' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ProgramRating_rules" BEFORE INSERT OR UPDATE ON "ProgramRating"
FOR EACH ROW EXECUTE FUNCTION "ProgramRating_rules"();

-- VendorProgram's rules
CREATE FUNCTION "VendorProgram_rules"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (NEW."enrollOpensOn" IS NULL OR NEW."enrollClosesOn" IS NULL OR NEW."enrollClosesOn" >= NEW."enrollOpensOn") THEN
    RAISE EXCEPTION 'new row for relation "VendorProgram" violates check constraint "VendorProgram_enrollment_order_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."claimOpensOn" IS NULL OR NEW."claimClosesOn" IS NULL OR NEW."claimClosesOn" >= NEW."claimOpensOn") THEN
    RAISE EXCEPTION 'new row for relation "VendorProgram" violates check constraint "VendorProgram_claim_order_check"' USING ERRCODE = '23514';
  END IF;
  IF NOT (NEW."state" IN ('proposed', 'approved', 'merged')) THEN
    RAISE EXCEPTION 'new row for relation "VendorProgram" violates check constraint "VendorProgram_state_check"' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "VendorProgram_rules" BEFORE INSERT OR UPDATE ON "VendorProgram"
FOR EACH ROW EXECUTE FUNCTION "VendorProgram_rules"();
