import "server-only";
import type { EventDto } from "@/lib/eventlog/dto";
import type { EventFilter } from "@/lib/schemas/events";
import { listEvents } from "./events";

// The debugger's "Export": the filtered calls as NDJSON, streamed a page at a time (no export holds more than
// one page in memory).

const PAGE = 200;

/** One line per call: id, status, reason, receivedAt, sourceId and the stored payload. */
export function toNdjsonLine(e: EventDto): string {
  return (
    JSON.stringify({
      id: e.id,
      sourceId: e.sourceId,
      status: e.status,
      reason: e.reason,
      receivedAt: e.receivedAt,
      payload: e.payload,
    }) + "\n"
  );
}

export function exportEvents(workspaceId: string, filter: EventFilter, limit: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: string | undefined;
  let sent = 0;
  let isDone = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Pages of a scanning filter may be short or empty; keep going until one yields rows or nothing is left.
      while (!isDone) {
        const page = await listEvents(workspaceId, filter, { before, limit: Math.min(PAGE, limit - sent) });
        before = page.nextCursor ?? undefined;
        const rows = page.events;
        sent += rows.length;
        isDone = !page.nextCursor || sent >= limit;
        if (rows.length) {
          controller.enqueue(encoder.encode(rows.map(toNdjsonLine).join("")));
          break;
        }
      }
      if (isDone) controller.close();
    },
  });
}
