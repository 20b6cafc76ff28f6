-- AlterTable
ALTER TABLE "Destination" ADD COLUMN     "delivery" TEXT;

-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "batchSize" INTEGER,
ADD COLUMN     "batchWaitMs" INTEGER;

-- AlterTable
ALTER TABLE "Delivery" DROP COLUMN "request",
DROP COLUMN "response",
ADD COLUMN     "firstAttemptAt" TIMESTAMP(3),
ADD COLUMN     "replayId" TEXT,
ADD COLUMN     "statusCode" INTEGER;

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "actionId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "request" TEXT,
    "response" TEXT,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryCursor" (
    "destinationId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "position" BIGINT NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryCursor_pkey" PRIMARY KEY ("destinationId")
);

-- CreateTable
CREATE TABLE "ActionStat" (
    "actionId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "filtered" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ActionStat_pkey" PRIMARY KEY ("actionId","hour")
);

-- CreateTable
CREATE TABLE "ReplayJob" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "actionId" TEXT,
    "fromTime" TIMESTAMP(3) NOT NULL,
    "toTime" TIMESTAMP(3) NOT NULL,
    "firstId" BIGINT NOT NULL,
    "lastId" BIGINT NOT NULL,
    "position" BIGINT NOT NULL,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReplayJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerLease_pkey" PRIMARY KEY ("name")
);

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

-- CreateIndex
CREATE INDEX "Delivery_workspaceId_destinationId_status_id_idx" ON "Delivery"("workspaceId", "destinationId", "status", "id");
