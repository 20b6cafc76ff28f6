import { withWorkspace } from "@/lib/api";
import { listReplays } from "@/lib/data/replays";

type Params = { workspaceId: string; destinationId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId/replays — the destination's replay jobs, newest first.
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json({ replays: await listReplays(workspaceId, params.destinationId) }),
);
