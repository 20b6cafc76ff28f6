-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "lastLimitedAt" TIMESTAMP(3),
ADD COLUMN     "limitedCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rateLimit" INTEGER,
ADD COLUMN     "rateLimitWindowSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "reasonCode" TEXT;

-- CreateTable
CREATE TABLE "IngestRateWindow" (
    "sourceId" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "calls" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IngestRateWindow_pkey" PRIMARY KEY ("sourceId","windowStart")
);
