import { withWorkspace } from "@/lib/api";
import { publicBaseUrl } from "@/lib/api/public-origin";
import { getSourceInstall } from "@/lib/data/sources";

type Params = { workspaceId: string; sourceId: string };

// GET /api/workspaces/:workspaceId/sources/:sourceId/install — the rendered install snippets, with this Sluice's
// public URL (SLUICE_PUBLIC_URL or the request's origin), the write key and the in-app Site ID filled in
export const GET = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params }) => {
  return Response.json(await getSourceInstall(workspaceId, params.sourceId, publicBaseUrl(req)));
});
