import { readJson, withWorkspace } from "@/lib/api";
import { previewResume, resumeDestination } from "@/lib/data/replays";
import { resumeSchema } from "@/lib/schemas/deliveries";

type Params = { workspaceId: string; destinationId: string };

// GET /api/workspaces/:workspaceId/destinations/:destinationId/resume — whether it is on, and how many events
// arrived past its cursor (what "deliver what arrived meanwhile" would send).
export const GET = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) =>
  Response.json(await previewResume(workspaceId, params.destinationId)),
);

// POST /api/workspaces/:workspaceId/destinations/:destinationId/resume — { mode: "backlog" | "now" }: turn it on,
// delivering what arrived meanwhile or starting from the newest event.
export const POST = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params }) => {
  const input = resumeSchema.parse(await readJson(req));
  return Response.json(await resumeDestination(workspaceId, params.destinationId, input));
});
