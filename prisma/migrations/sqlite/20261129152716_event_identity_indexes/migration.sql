-- DropIndex
DROP INDEX "Event_workspaceId_userId_idx";

-- DropIndex
DROP INDEX "Event_workspaceId_anonymousId_idx";
