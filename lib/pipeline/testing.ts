// Test helpers for the delivery engine: a real node:http receiver with scripted answers, and a workspace with
// a source connected to a Webhook destination and its actions, made through Prisma (as the management API
// stores them: settings encrypted, mappings as JSON text).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { encryptSettings } from "@/lib/destinations/settings";
import { handleIngest } from "@/lib/ingest";
import { createTestWorkspace } from "@/lib/testing/fixtures";

export interface ReceivedRequest {
  n: number;
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers the n-th request (1-based): a status (with headers and body), or "hang". */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | "hang";

export async function startReceiver(answer: (req: ReceivedRequest) => Answer = () => ({ status: 200 })) {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: ReceivedRequest = {
        n: received.length + 1,
        at: Date.now(),
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(r);
      const a = answer(r);
      if (a === "hang") return; // never answers: the client's timeout ends it
      setTimeout(() => {
        res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
        res.end(a.body ?? '{"ok":true}');
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestAction {
  name?: string;
  actionKey?: string;
  trigger?: string;
  mapping?: Record<string, unknown>;
  enabled?: boolean;
  batching?: boolean;
  batchSize?: number;
  batchWaitMs?: number;
}

/** A workspace with one source connected to a new Webhook destination with `actions` (one `send` by default). */
export async function createWebhookDestination(opts: {
  url: string;
  sharedSecret?: string;
  actions?: TestAction[];
  delivery?: Record<string, number>;
  workspaceId?: string;
  sourceId?: string;
  name?: string;
  slug?: string;
  settings?: Record<string, unknown>;
}) {
  const workspaceId = opts.workspaceId ?? (await createTestWorkspace()).id;
  const sourceId =
    opts.sourceId ??
    (
      await db.source.create({
        data: { workspaceId, type: "nodejs", name: "Server", writeKey: `wk_${crypto.randomBytes(8).toString("hex")}` },
        select: { id: true },
      })
    ).id;
  const slug = opts.slug ?? "webhook";
  const plain = opts.settings ?? (opts.sharedSecret ? { sharedSecret: opts.sharedSecret } : {});
  // One create with its actions and connection: a worker never sees the destination without them.
  const destination = await db.destination.create({
    data: {
      workspaceId,
      slug,
      name: opts.name ?? "Test webhook",
      settings: JSON.stringify(encryptSettings(slug, plain)),
      delivery: opts.delivery ? JSON.stringify(opts.delivery) : null,
      connections: { create: { sourceId, workspaceId } },
      actions: {
        create: (opts.actions ?? [{}]).map((a, i) => ({
          workspaceId,
          actionKey: a.actionKey ?? "send",
          name: a.name ?? "Send",
          trigger: a.trigger ?? 'type = "track"',
          mapping: JSON.stringify(a.mapping ?? { url: opts.url, method: "POST", data: { "@path": "$." } }),
          enabled: a.enabled ?? true,
          batching: a.batching ?? false,
          batchSize: a.batchSize,
          batchWaitMs: a.batchWaitMs,
          // Distinct creation times keep the actions in the order given (configurations list them by it).
          createdAt: new Date(Date.now() + i),
        })),
      },
    },
    select: { id: true, actions: { select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  const actions = destination.actions;
  const writeKey = (await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { writeKey: true } }))
    .writeKey;
  return { workspaceId, sourceId, writeKey, destinationId: destination.id, actionIds: actions.map((a) => a.id) };
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = "condition",
): Promise<Exclude<T, false | null | undefined | 0 | "">> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, false | null | undefined | 0 | "">;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function deliveriesOf(destinationId: string) {
  return db.delivery.findMany({
    where: { destinationId },
    select: {
      eventId: true,
      actionId: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      statusCode: true,
      latencyMs: true,
    },
    orderBy: { eventId: "asc" },
  });
}

export function attemptsOf(destinationId: string) {
  return db.deliveryAttempt.findMany({
    where: { destinationId },
    select: {
      eventId: true,
      attempt: true,
      startedAt: true,
      ok: true,
      statusCode: true,
      error: true,
      request: true,
      response: true,
    },
    orderBy: { id: "asc" },
  });
}

/** Sends one call through ingest (the route handlers' door), as an SDK would; throws unless it was stored. */
export async function ingestCall(
  writeKey: string,
  kind: "track" | "identify" | "page" | "batch",
  body: Record<string, unknown>,
) {
  const req = new Request(`http://localhost/v1/${kind}`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  const res = await handleIngest(req, kind);
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
}
