import { withWorkspace } from "@/lib/api";
import { getDelivery } from "@/lib/data/deliveries";

// GET /api/workspaces/:workspaceId/deliveries/:deliveryId — one delivery with every attempt's request and response.
export const GET = withWorkspace<{ workspaceId: string; deliveryId: string }>(
  { role: "member" },
  async ({ workspaceId, params }) => Response.json(await getDelivery(workspaceId, params.deliveryId)),
);
