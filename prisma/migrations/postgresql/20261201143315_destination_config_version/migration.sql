-- AlterTable
ALTER TABLE "Destination" ADD COLUMN     "configVersion" INTEGER NOT NULL DEFAULT 0;
