import { withWorkspace } from "@/lib/api";
import { getEventWithOutcomes } from "@/lib/data/events-journey";

// GET /api/workspaces/:workspaceId/events/:eventId — one stored call with `outcomes`: one line per action of
// every connected destination (filtered and why, pending, delivered, retrying with the next attempt, failed, dead).
export const GET = withWorkspace<{ workspaceId: string; eventId: string }>(
  { role: "member" },
  async ({ workspaceId, params }) => Response.json(await getEventWithOutcomes(workspaceId, params.eventId)),
);
