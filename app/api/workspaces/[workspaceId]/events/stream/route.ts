import { withWorkspace } from "@/lib/api";
import { authenticateAppKey } from "@/lib/data/app-keys";
import { getMembershipRole } from "@/lib/data/workspaces";
import { onSessionRevoked } from "@/lib/data/sessions";
import { readSession } from "@/lib/auth/session-token";
import { createEventStream, SSE_HEADERS } from "@/lib/events/stream";
import { searchParamsObject, streamEventsQuerySchema } from "@/lib/schemas/events";
import type { Actor } from "@/lib/api/handler";

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
    isStillAllowed: () => isStillAllowed(req, workspaceId, actor),
    endWhen: (end) => onSessionRevoked((id) => actor.kind === "user" && id === actor.sessionId && end()),
  });
  return new Response(stream, { headers: SSE_HEADERS });
});

/** The session is still signed in and its user still a member, or the App API key is still valid. */
async function isStillAllowed(req: Request, workspaceId: string, actor: Actor): Promise<boolean> {
  if (actor.kind === "user") {
    const session = await readSession(req.headers);
    return session !== null && (await getMembershipRole(workspaceId, session.userId)) !== null;
  }
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  const key = token ? await authenticateAppKey(token) : null;
  return key?.workspaceId === workspaceId;
}
