-- CreateTable
CREATE TABLE "MaintenanceTask" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "finishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
