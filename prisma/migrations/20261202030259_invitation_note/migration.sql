-- Hand-edited: a plain ADD COLUMN instead of Prisma's table redefinition (same result, no copy).
ALTER TABLE "Invitation" ADD COLUMN "note" TEXT NOT NULL DEFAULT '';
