import { withWorkspace } from "@/lib/api";
import { retryDelivery } from "@/lib/data/deliveries";

// POST /api/workspaces/:workspaceId/deliveries/:deliveryId/retry — try a failed, dead or discarded delivery again now.
export const POST = withWorkspace<{ workspaceId: string; deliveryId: string }>(
  { role: "member" },
  async ({ workspaceId, params }) => Response.json(await retryDelivery(workspaceId, params.deliveryId)),
);
