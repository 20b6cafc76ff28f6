import { AppError, withWorkspace } from "@/lib/api";
import { summarizeDeliveries } from "@/lib/data/deliveries";

// GET /api/workspaces/:workspaceId/deliveries/summary?destinationId= — counts by status and filtered counts per action.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId }) => {
  const destinationId = new URL(req.url).searchParams.get("destinationId");
  if (!destinationId)
    throw new AppError("validation_failed", "destinationId is required", { fields: { destinationId: ["Required"] } });
  return Response.json(await summarizeDeliveries(workspaceId, destinationId));
});
