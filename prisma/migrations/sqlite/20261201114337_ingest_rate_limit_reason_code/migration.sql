-- AlterTable
ALTER TABLE "Event" ADD COLUMN "reasonCode" TEXT;

-- CreateTable
CREATE TABLE "IngestRateWindow" (
    "sourceId" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "calls" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sourceId", "windowStart")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "writeKey" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" TEXT,
    "inAppSiteKeyId" TEXT,
    "firstEventAt" DATETIME,
    "rateLimit" INTEGER,
    "rateLimitWindowSeconds" INTEGER,
    "limitedCalls" INTEGER NOT NULL DEFAULT 0,
    "lastLimitedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Source_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Source_inAppSiteKeyId_fkey" FOREIGN KEY ("inAppSiteKeyId") REFERENCES "TrackingApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Source" ("createdAt", "enabled", "firstEventAt", "id", "inAppSiteKeyId", "name", "settings", "type", "updatedAt", "workspaceId", "writeKey") SELECT "createdAt", "enabled", "firstEventAt", "id", "inAppSiteKeyId", "name", "settings", "type", "updatedAt", "workspaceId", "writeKey" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE UNIQUE INDEX "Source_writeKey_key" ON "Source"("writeKey");
CREATE INDEX "Source_workspaceId_idx" ON "Source"("workspaceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
