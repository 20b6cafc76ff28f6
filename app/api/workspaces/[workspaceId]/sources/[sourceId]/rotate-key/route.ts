import { withWorkspace } from "@/lib/api";
import { rotateWriteKey } from "@/lib/data/sources";

type Params = { workspaceId: string; sourceId: string };

// POST /api/workspaces/:workspaceId/sources/:sourceId/rotate-key — a new write key; the old one stops working at once
export const POST = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params, actor }) =>
  Response.json(await rotateWriteKey(workspaceId, params.sourceId, actor)),
);
