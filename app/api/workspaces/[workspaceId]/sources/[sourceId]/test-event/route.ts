import { withWorkspace } from "@/lib/api";
import { ingestCalls } from "@/lib/ingest";
import { getSource } from "@/lib/data/sources";

type Params = { workspaceId: string; sourceId: string };

// POST /api/workspaces/:workspaceId/sources/:sourceId/test-event — store a real track call through ingest's one
// entry (ingestCalls: validation, enrichment, the event log, the first-event mark), as the source's own SDK's
// call would be; answers { ok, status, response } with what the HTTP API would have answered in strict mode
export const POST = withWorkspace<Params>({ role: "member" }, async ({ workspaceId, params }) => {
  const source = await getSource(workspaceId, params.sourceId);
  if (!source.enabled) {
    const errors = ["This source is disabled: enable it in Sluice to accept its events"];
    return Response.json({ ok: false, status: 403, response: { meta: { errors } } });
  }
  const call = {
    userId: "sluice-test-user",
    event: "Sluice Test Event",
    properties: { sentFrom: "Sluice source page" },
    context: { library: { name: "sluice-test-event", version: "1" } },
  };
  const ingestSource = { id: source.id, workspaceId, hasFirstEvent: source.firstEventAt !== null };
  try {
    const result = await ingestCalls(ingestSource, [call], { type: "track" });
    if (result.errors.length) {
      return Response.json({ ok: false, status: 400, response: { meta: { errors: result.errors } } });
    }
    return Response.json({ ok: true, status: 200, response: { success: true } });
  } catch (err) {
    console.error("[sluice] test event: event log append failed:", err);
    const errors = ["Events could not be stored; retry"];
    return Response.json({ ok: false, status: 503, response: { meta: { errors } } });
  }
});
