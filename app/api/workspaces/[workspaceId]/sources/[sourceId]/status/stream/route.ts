import { withWorkspace } from "@/lib/api";
import { subscribeToEvents } from "@/lib/eventlog";
import { getSourceStatus } from "@/lib/data/sources";

type Params = { workspaceId: string; sourceId: string };

const HEARTBEAT_MS = 25_000;

// GET /api/workspaces/:workspaceId/sources/:sourceId/status/stream — Server-Sent Events: one `status` event with
// firstEventAt (null while waiting), then another when the source's first accepted call is stored; then it ends.
export const GET = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params }) => {
  await getSourceStatus(workspaceId, params.sourceId); // 404 before the stream starts
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let isClosed = false;
      const send = (data: unknown) =>
        controller.enqueue(encoder.encode(`event: status\ndata: ${JSON.stringify(data)}\n\n`));
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        cleanup();
        controller.close();
      };
      // Subscribe before reading the database, so a call stored in between is not missed.
      const unsubscribe = subscribeToEvents((event) => {
        if (isClosed || event.sourceId !== params.sourceId || event.status !== "accepted") return;
        send({ firstEventAt: event.receivedAt.toISOString() });
        close();
      });
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      req.signal.addEventListener("abort", close);
      const status = await getSourceStatus(workspaceId, params.sourceId).catch(() => null);
      if (isClosed) return;
      send({ firstEventAt: status?.firstEventAt ?? null });
      if (!status || status.firstEventAt) close();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
