import { readJson, withWorkspace } from "@/lib/api";
import { createReplay } from "@/lib/data/replays";
import { createReplaySchema } from "@/lib/schemas/deliveries";

type Params = { workspaceId: string; destinationId: string };

// POST /api/workspaces/:workspaceId/destinations/:destinationId/replay — { from, to?, actionId? }: send the stored
// events of that time range through the destination's actions again; answers 201 with the job and its progress.
export const POST = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params }) => {
  const input = createReplaySchema.parse(await readJson(req));
  return Response.json(await createReplay(workspaceId, params.destinationId, input), { status: 201 });
});
