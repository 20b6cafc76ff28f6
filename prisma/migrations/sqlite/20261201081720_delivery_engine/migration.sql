-- AlterTable
ALTER TABLE "Destination" ADD COLUMN "delivery" TEXT;

-- AlterTable
ALTER TABLE "Action" ADD COLUMN "batchSize" INTEGER;
ALTER TABLE "Action" ADD COLUMN "batchWaitMs" INTEGER;

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "actionId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "request" TEXT,
    "response" TEXT
);

-- CreateTable
CREATE TABLE "DeliveryCursor" (
    "destinationId" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "position" BIGINT NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ActionStat" (
    "actionId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "filtered" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("actionId", "hour")
);

-- CreateTable
CREATE TABLE "ReplayJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "actionId" TEXT,
    "fromTime" DATETIME NOT NULL,
    "toTime" DATETIME NOT NULL,
    "firstId" BIGINT NOT NULL,
    "lastId" BIGINT NOT NULL,
    "position" BIGINT NOT NULL,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "firstAttemptAt" DATETIME,
    "nextAttemptAt" DATETIME,
    "lastError" TEXT,
    "statusCode" INTEGER,
    "latencyMs" INTEGER,
    "replayId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Delivery" ("actionId", "attempts", "createdAt", "destinationId", "eventId", "id", "lastError", "latencyMs", "nextAttemptAt", "status", "updatedAt", "workspaceId") SELECT "actionId", "attempts", "createdAt", "destinationId", "eventId", "id", "lastError", "latencyMs", "nextAttemptAt", "status", "updatedAt", "workspaceId" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");
CREATE INDEX "Delivery_workspaceId_destinationId_id_idx" ON "Delivery"("workspaceId", "destinationId", "id");
CREATE INDEX "Delivery_workspaceId_destinationId_status_id_idx" ON "Delivery"("workspaceId", "destinationId", "status", "id");
CREATE UNIQUE INDEX "Delivery_eventId_actionId_key" ON "Delivery"("eventId", "actionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeliveryAttempt_eventId_actionId_id_idx" ON "DeliveryAttempt"("eventId", "actionId", "id");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_workspaceId_destinationId_id_idx" ON "DeliveryAttempt"("workspaceId", "destinationId", "id");

-- CreateIndex
CREATE INDEX "DeliveryCursor_leaseExpiresAt_idx" ON "DeliveryCursor"("leaseExpiresAt");

-- CreateIndex
CREATE INDEX "ActionStat_workspaceId_hour_idx" ON "ActionStat"("workspaceId", "hour");

-- CreateIndex
CREATE INDEX "ReplayJob_workspaceId_destinationId_createdAt_idx" ON "ReplayJob"("workspaceId", "destinationId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplayJob_status_idx" ON "ReplayJob"("status");
