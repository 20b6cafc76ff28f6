import { withWorkspace } from "@/lib/api";
import { retryFailedDeliveries } from "@/lib/data/deliveries";

type Params = { workspaceId: string; destinationId: string };

// POST /api/workspaces/:workspaceId/destinations/:destinationId/retry-failed — every failed and dead delivery again.
export const POST = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json({ retried: await retryFailedDeliveries(workspaceId, params.destinationId) }),
);
