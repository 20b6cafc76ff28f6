import { withWorkspace } from "@/lib/api";
import { discardDelivery } from "@/lib/data/deliveries";

// POST /api/workspaces/:workspaceId/deliveries/:deliveryId/discard — stop retrying it; it stays listed as discarded.
export const POST = withWorkspace<{ workspaceId: string; deliveryId: string }>(
  { role: "member" },
  async ({ workspaceId, params }) => Response.json(await discardDelivery(workspaceId, params.deliveryId)),
);
