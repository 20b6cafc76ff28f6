import { withWorkspace } from "@/lib/api";
import { getDestinationForPerform } from "@/lib/data/destinations";
import { testConnection } from "@/lib/destinations/test-connection";

type Params = { workspaceId: string; destinationId: string };

// POST /api/workspaces/:workspaceId/destinations/:destinationId/test-connection — run the definition's
// authentication test with the stored settings: { ok: true } or { ok: false, error } with the vendor's words
export const POST = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) => {
  const destination = await getDestinationForPerform(workspaceId, params.destinationId);
  return Response.json(await testConnection(destination.slug, destination.settings));
});
