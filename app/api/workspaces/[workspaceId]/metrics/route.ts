import { withWorkspace } from "@/lib/api";
import { getMetrics } from "@/lib/metrics";
import { metricsQuerySchema } from "@/lib/metrics/types";

// GET /api/workspaces/:workspaceId/metrics?scope=destination|source|workspace&id=…&range=1h|24h|7d — the charts'
// per-minute / per-hour counts, totals, p50/p95 latency, top errors and top event names
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const query = metricsQuerySchema.parse(params);
  return Response.json(await getMetrics(workspaceId, query), { headers: { "cache-control": "no-store" } });
});
