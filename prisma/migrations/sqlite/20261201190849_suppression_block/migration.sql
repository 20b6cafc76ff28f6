-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN "blockId" TEXT;

-- CreateIndex
CREATE INDEX "Suppression_workspaceId_blockId_idx" ON "Suppression"("workspaceId", "blockId");
