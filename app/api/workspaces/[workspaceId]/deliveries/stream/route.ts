import { isStillAuthorized, withWorkspace } from "@/lib/api";
import { onSessionRevoked } from "@/lib/data/sessions";
import { createEventStream, SSE_HEADERS } from "@/lib/eventlog/stream";

// GET /api/workspaces/:workspaceId/deliveries/stream?destinationId= — Server-Sent Events of delivery outcome
// updates (`event: outcomes`, the changed Delivery rows), of one destination or the whole workspace: Data Out's
// live feed. Ends within a second of the session signing out or the App API key being revoked.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId, actor }) => {
  const destinationId = new URL(req.url).searchParams.get("destinationId") || undefined;
  const stream = createEventStream({
    workspaceId,
    filter: {},
    outcomesOnly: { destinationId },
    signal: req.signal,
    isStillAllowed: () => isStillAuthorized(req, workspaceId),
    endWhen: (end) => onSessionRevoked((id) => actor.kind === "user" && id === actor.sessionId && end()),
  });
  return new Response(stream, { headers: SSE_HEADERS });
});
