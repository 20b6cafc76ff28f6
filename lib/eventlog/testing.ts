// Test helpers for the debugger: store events through the real event log, and read an SSE response.
import crypto from "node:crypto";
import { appendEvents, type EventRow } from "@/lib/eventlog";

export function eventRow(workspaceId: string, overrides: Partial<EventRow> = {}): EventRow {
  const type = overrides.type ?? "track";
  const name = overrides.name === undefined ? (type === "track" ? "Order Completed" : null) : overrides.name;
  const userId = overrides.userId === undefined ? "u1" : overrides.userId;
  const messageId = overrides.messageId ?? crypto.randomUUID();
  return {
    workspaceId,
    sourceId: "src_test",
    messageId,
    type,
    name,
    userId,
    anonymousId: null,
    payload: JSON.stringify({ type, event: name ?? undefined, userId, messageId, properties: { total: 42 } }),
    receivedAt: new Date(),
    status: "accepted",
    reason: null,
    ...overrides,
  };
}

/** Appends `n` events (in one commit) and returns their ids, oldest first. */
export async function appendTestEvents(workspaceId: string, n: number, overrides: Partial<EventRow> = {}) {
  const stored = await appendEvents(Array.from({ length: n }, () => eventRow(workspaceId, overrides)));
  return stored.map((e) => e.id);
}

export type SseMessage = { id?: string; data: string };

/** Reads SSE messages (comments and retry lines skipped) from a Response body. */
export function readSse(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let isDone = false;
  const queue: SseMessage[] = [];
  const pull = async () => {
    const { value, done } = await reader.read();
    if (done) isDone = true;
    else text += value;
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const message: SseMessage = { data: "" };
      for (const line of block.split("\n")) {
        if (line.startsWith("id: ")) message.id = line.slice(4);
        else if (line.startsWith("data: ")) message.data += line.slice(6);
      }
      if (message.data) queue.push(message);
    }
  };
  return {
    /** The next `n` messages; rejects after `timeoutMs` or when the stream ends first. */
    async take(n: number, timeoutMs = 3_000): Promise<SseMessage[]> {
      const deadline = Date.now() + timeoutMs;
      while (queue.length < n) {
        if (isDone) throw new Error(`stream ended after ${queue.length} of ${n} messages`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out with ${queue.length} of ${n} messages`);
        await Promise.race([pull(), new Promise((r) => setTimeout(r, left))]);
      }
      return queue.splice(0, n);
    },
    /** Resolves true when the stream ends within `timeoutMs` (messages still queued are kept). */
    async waitForEnd(timeoutMs: number): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!isDone) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await Promise.race([pull(), new Promise((r) => setTimeout(r, left))]);
      }
      return true;
    },
    pending: () => queue.length,
    cancel: () => reader.cancel().catch(() => {}),
  };
}
