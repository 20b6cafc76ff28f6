-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "resetAtMs" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "LoginThrottle_resetAtMs_idx" ON "LoginThrottle"("resetAtMs");
