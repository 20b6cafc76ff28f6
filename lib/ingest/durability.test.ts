import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { basic, createTestSource } from "./testing";

// A 200 means stored durably: acknowledged events survive a SIGKILL of the ingest process, exactly once.

const CHILD = path.join(__dirname, "testing-child.mjs");

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`ingest child exited (${code}): ${err}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(url: string, writeKey: string, messageId: string) {
  return fetch(`${url}/v1/track`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: basic(writeKey) },
    body: JSON.stringify({ userId: "u", event: "Durable", messageId }),
  });
}

describe("durability", () => {
  it("keeps every acknowledged event, once, across a SIGKILL and a restart", { timeout: 60_000 }, async () => {
    const s = await createTestSource();
    const first = await startChild();
    expect((await send(first.url, s.writeKey, "warm-up")).status).toBe(200);
    const acked: string[] = ["warm-up"];
    let killed = false;
    const inFlight: Promise<void>[] = [];
    // A stream of calls, 20 at a time; SIGKILL lands while some are waiting for their group commit.
    for (let i = 0; i < 400 && !killed; i++) {
      const id = `durable-${i}`;
      inFlight.push(
        send(first.url, s.writeKey, id).then(
          (res) => {
            if (res.status === 200) acked.push(id);
            if (acked.length >= 150 && !killed) {
              killed = true;
              first.child.kill("SIGKILL");
            }
          },
          () => undefined, // cut off by the kill: not acknowledged, so the client would retry
        ),
      );
      if (inFlight.length % 20 === 0) await Promise.race([Promise.all(inFlight.slice(-20)), sleep(10)]);
    }
    await Promise.all(inFlight);
    if (!killed) first.child.kill("SIGKILL"); // never leave the child behind, even when the test fails
    expect(killed).toBe(true);

    // Restart: the clients retry everything that was not acknowledged, and some that were.
    const second = await startChild();
    try {
      const retried = Array.from({ length: 400 }, (_, i) => `durable-${i}`).filter((_, i) => i % 2 === 0);
      for (const id of retried) expect((await send(second.url, s.writeKey, id)).status).toBe(200);
      const rows = await db.event.findMany({ where: { sourceId: s.id }, select: { messageId: true } });
      const stored = rows.map((r) => r.messageId);
      expect(new Set(stored).size).toBe(stored.length);
      for (const id of acked) expect(stored).toContain(id);
      for (const id of retried) expect(stored).toContain(id);
    } finally {
      second.child.kill("SIGKILL");
    }
  });
});
