-- CreateTable
CREATE TABLE "MetricDelivery" (
    "actionId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "dead" INTEGER NOT NULL DEFAULT 0,
    "retrying" INTEGER NOT NULL DEFAULT 0,
    "filtered" INTEGER NOT NULL DEFAULT 0,
    "h0" INTEGER NOT NULL DEFAULT 0,
    "h1" INTEGER NOT NULL DEFAULT 0,
    "h2" INTEGER NOT NULL DEFAULT 0,
    "h3" INTEGER NOT NULL DEFAULT 0,
    "h4" INTEGER NOT NULL DEFAULT 0,
    "h5" INTEGER NOT NULL DEFAULT 0,
    "h6" INTEGER NOT NULL DEFAULT 0,
    "h7" INTEGER NOT NULL DEFAULT 0,
    "h8" INTEGER NOT NULL DEFAULT 0,
    "h9" INTEGER NOT NULL DEFAULT 0,
    "h10" INTEGER NOT NULL DEFAULT 0,
    "h11" INTEGER NOT NULL DEFAULT 0,
    "h12" INTEGER NOT NULL DEFAULT 0,
    "h13" INTEGER NOT NULL DEFAULT 0,
    "h14" INTEGER NOT NULL DEFAULT 0,
    "h15" INTEGER NOT NULL DEFAULT 0,
    "h16" INTEGER NOT NULL DEFAULT 0,
    "h17" INTEGER NOT NULL DEFAULT 0,
    "h18" INTEGER NOT NULL DEFAULT 0,
    "h19" INTEGER NOT NULL DEFAULT 0,
    "h20" INTEGER NOT NULL DEFAULT 0,
    "h21" INTEGER NOT NULL DEFAULT 0,
    "h22" INTEGER NOT NULL DEFAULT 0,
    "h23" INTEGER NOT NULL DEFAULT 0,
    "h24" INTEGER NOT NULL DEFAULT 0,
    "h25" INTEGER NOT NULL DEFAULT 0,
    "h26" INTEGER NOT NULL DEFAULT 0,
    "h27" INTEGER NOT NULL DEFAULT 0,
    "h28" INTEGER NOT NULL DEFAULT 0,
    "h29" INTEGER NOT NULL DEFAULT 0,
    "h30" INTEGER NOT NULL DEFAULT 0,
    "h31" INTEGER NOT NULL DEFAULT 0,
    "h32" INTEGER NOT NULL DEFAULT 0,
    "h33" INTEGER NOT NULL DEFAULT 0,
    "h34" INTEGER NOT NULL DEFAULT 0,
    "h35" INTEGER NOT NULL DEFAULT 0,
    "h36" INTEGER NOT NULL DEFAULT 0,
    "h37" INTEGER NOT NULL DEFAULT 0,
    "h38" INTEGER NOT NULL DEFAULT 0,
    "h39" INTEGER NOT NULL DEFAULT 0,
    "h40" INTEGER NOT NULL DEFAULT 0,
    "h41" INTEGER NOT NULL DEFAULT 0,
    "h42" INTEGER NOT NULL DEFAULT 0,
    "h43" INTEGER NOT NULL DEFAULT 0,
    "h44" INTEGER NOT NULL DEFAULT 0,
    "h45" INTEGER NOT NULL DEFAULT 0,
    "h46" INTEGER NOT NULL DEFAULT 0,
    "h47" INTEGER NOT NULL DEFAULT 0,
    "h48" INTEGER NOT NULL DEFAULT 0,
    "h49" INTEGER NOT NULL DEFAULT 0,
    "h50" INTEGER NOT NULL DEFAULT 0,
    "h51" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("actionId", "sourceId", "span", "minute")
);

-- CreateTable
CREATE TABLE "MetricDeliveryError" (
    "actionId" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("actionId", "span", "minute", "message")
);

-- CreateTable
CREATE TABLE "MetricIngest" (
    "sourceId" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("sourceId", "span", "minute", "type")
);

-- CreateTable
CREATE TABLE "MetricEventName" (
    "sourceId" TEXT NOT NULL,
    "span" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("sourceId", "span", "minute", "type", "name")
);

-- CreateTable
CREATE TABLE "MetricCursor" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "position" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MetricDelivery_workspaceId_destinationId_span_minute_idx" ON "MetricDelivery"("workspaceId", "destinationId", "span", "minute");

-- CreateIndex
CREATE INDEX "MetricDelivery_workspaceId_span_minute_idx" ON "MetricDelivery"("workspaceId", "span", "minute");

-- CreateIndex
CREATE INDEX "MetricDeliveryError_workspaceId_destinationId_span_minute_idx" ON "MetricDeliveryError"("workspaceId", "destinationId", "span", "minute");

-- CreateIndex
CREATE INDEX "MetricIngest_workspaceId_span_minute_idx" ON "MetricIngest"("workspaceId", "span", "minute");

-- CreateIndex
CREATE INDEX "MetricEventName_workspaceId_span_minute_idx" ON "MetricEventName"("workspaceId", "span", "minute");
