-- CreateTable
CREATE TABLE "PersonAnonymousId" (
    "workspaceId" TEXT NOT NULL,
    "anonymousId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("workspaceId", "anonymousId"),
    CONSTRAINT "PersonAnonymousId_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "externalId" TEXT,
    "email" TEXT,
    "cioId" TEXT NOT NULL,
    "attributes" TEXT NOT NULL,
    "attributeTimes" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "lastSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("attributes", "cioId", "createdAt", "email", "externalId", "id", "updatedAt", "workspaceId") SELECT "attributes", "cioId", "createdAt", "email", "externalId", "id", "updatedAt", "workspaceId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_workspaceId_createdAt_id_idx" ON "Person"("workspaceId", "createdAt", "id");
CREATE INDEX "Person_workspaceId_lastSeenAt_idx" ON "Person"("workspaceId", "lastSeenAt");
CREATE UNIQUE INDEX "Person_workspaceId_externalId_key" ON "Person"("workspaceId", "externalId");
CREATE UNIQUE INDEX "Person_workspaceId_cioId_key" ON "Person"("workspaceId", "cioId");
CREATE UNIQUE INDEX "Person_workspaceId_email_key" ON "Person"("workspaceId", "email");
CREATE TABLE "new_PersonEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "personId" TEXT,
    "anonymousId" TEXT,
    "eventId" TEXT,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "via" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PersonEvent_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PersonEvent" ("data", "id", "name", "personId", "timestamp", "type", "workspaceId") SELECT "data", "id", "name", "personId", "timestamp", "type", "workspaceId" FROM "PersonEvent";
DROP TABLE "PersonEvent";
ALTER TABLE "new_PersonEvent" RENAME TO "PersonEvent";
CREATE INDEX "PersonEvent_personId_timestamp_idx" ON "PersonEvent"("personId", "timestamp");
CREATE INDEX "PersonEvent_workspaceId_anonymousId_idx" ON "PersonEvent"("workspaceId", "anonymousId");
CREATE INDEX "PersonEvent_workspaceId_personId_receivedAt_idx" ON "PersonEvent"("workspaceId", "personId", "receivedAt");
CREATE UNIQUE INDEX "PersonEvent_workspaceId_eventId_key" ON "PersonEvent"("workspaceId", "eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PersonAnonymousId_personId_idx" ON "PersonAnonymousId"("personId");
