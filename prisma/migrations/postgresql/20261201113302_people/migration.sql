-- DropIndex
DROP INDEX "Person_workspaceId_email_idx";

-- DropIndex
DROP INDEX "PersonEvent_personId_id_idx";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "attributeTimes" TEXT NOT NULL,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3),
ADD COLUMN     "searchText" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "PersonEvent" ADD COLUMN     "anonymousId" TEXT,
ADD COLUMN     "eventId" TEXT,
ADD COLUMN     "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "via" TEXT,
ALTER COLUMN "personId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PersonAnonymousId" (
    "workspaceId" TEXT NOT NULL,
    "anonymousId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonAnonymousId_pkey" PRIMARY KEY ("workspaceId","anonymousId")
);

-- CreateIndex
CREATE INDEX "PersonAnonymousId_personId_idx" ON "PersonAnonymousId"("personId");

-- CreateIndex
CREATE INDEX "Person_workspaceId_createdAt_id_idx" ON "Person"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Person_workspaceId_lastSeenAt_idx" ON "Person"("workspaceId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Person_workspaceId_email_key" ON "Person"("workspaceId", "email");

-- CreateIndex
CREATE INDEX "PersonEvent_personId_timestamp_idx" ON "PersonEvent"("personId", "timestamp");

-- CreateIndex
CREATE INDEX "PersonEvent_workspaceId_anonymousId_idx" ON "PersonEvent"("workspaceId", "anonymousId");

-- CreateIndex
CREATE INDEX "PersonEvent_workspaceId_personId_receivedAt_idx" ON "PersonEvent"("workspaceId", "personId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PersonEvent_workspaceId_eventId_key" ON "PersonEvent"("workspaceId", "eventId");

-- AddForeignKey
ALTER TABLE "PersonAnonymousId" ADD CONSTRAINT "PersonAnonymousId_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
