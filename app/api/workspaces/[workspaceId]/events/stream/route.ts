import { isStillAuthorized, withWorkspace } from "@/lib/api";
import { onSessionRevoked } from "@/lib/data/sessions";
import { createEventStream, SSE_HEADERS } from "@/lib/eventlog/stream";
import { searchParamsObject, streamEventsQuerySchema } from "@/lib/schemas/events";

// GET /api/workspaces/:workspaceId/events/stream — Server-Sent Events of new calls matching the filters
// (same as GET …/events). With Last-Event-ID (header, as EventSource sends on reconnect) or ?lastEventId=,
// the calls stored since then are replayed first. The caller's access is re-checked on every heartbeat, and the
// stream ends at once when its session is signed out in this process.
export const GET = withWorkspace({ role: "member" }, async ({ req, workspaceId, actor }) => {
  const query = searchParamsObject(req.url);
  const header = req.headers.get("last-event-id");
  const { lastEventId, ...filter } = streamEventsQuerySchema.parse(header ? { ...query, lastEventId: header } : query);
  const stream = createEventStream({
    workspaceId,
    filter,
    lastEventId,
    signal: req.signal,
    isStillAllowed: () => isStillAuthorized(req, workspaceId),
    endWhen: (end) => onSessionRevoked((id) => actor.kind === "user" && id === actor.sessionId && end()),
  });
  return new Response(stream, { headers: SSE_HEADERS });
});
