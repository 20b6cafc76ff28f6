-- AlterTable
ALTER TABLE "PersonEvent" ADD COLUMN     "sourceId" TEXT;

-- CreateTable
CREATE TABLE "HeldRelationship" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "anonymousId" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "attributes" TEXT NOT NULL,
    "heldAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HeldRelationship_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HeldRelationship_workspaceId_heldAt_idx" ON "HeldRelationship"("workspaceId", "heldAt");

-- CreateIndex
CREATE INDEX "HeldRelationship_objectId_idx" ON "HeldRelationship"("objectId");

-- CreateIndex
CREATE UNIQUE INDEX "HeldRelationship_workspaceId_anonymousId_objectId_key" ON "HeldRelationship"("workspaceId", "anonymousId", "objectId");

-- AddForeignKey
ALTER TABLE "HeldRelationship" ADD CONSTRAINT "HeldRelationship_objectId_fkey" FOREIGN KEY ("objectId") REFERENCES "DataObject"("id") ON DELETE CASCADE ON UPDATE CASCADE;
