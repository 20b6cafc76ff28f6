import { withWorkspace } from "@/lib/api";
import { getReplay } from "@/lib/data/replays";

type Params = { workspaceId: string; destinationId: string; replayId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId/replays/:replayId — a replay job's progress.
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await getReplay(workspaceId, params.destinationId, params.replayId)),
);
