import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { resetAgents } from "./http";
import { performAction, type PerformInput } from "./perform";
import { startReceiver, type Receiver } from "./test-receiver";

const receivers: Receiver[] = [];
async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

beforeEach(() => {
  process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
});
afterEach(async () => {
  delete process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS;
  resetAgents();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const track = (n: number, properties: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Order Completed",
  userId: "u1",
  messageId: `m${n}`,
  timestamp: "2026-01-01T00:00:00.000Z",
  properties: { total: n, ...properties },
});

function webhook(url: string, extra: Partial<PerformInput> = {}): PerformInput {
  return {
    slug: "webhook",
    settings: {},
    actionKey: "send",
    mapping: { url, method: "POST", data: { "@path": "$." } },
    events: [track(1)],
    ...extra,
  };
}

const answer = (status: number, headers: Record<string, string> = {}, body = "{}") =>
  startReceiver.bind(null, (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  });

describe("performAction: webhook", () => {
  test("delivers the mapped body signed with X-Signature = HMAC-SHA1(body) and records the exchange", async () => {
    const r = await receiver();
    const outcome = await performAction(
      webhook(`${r.origin}/hook`, {
        settings: { sharedSecret: "s3cret-shared" },
        mapping: { url: `${r.origin}/hook`, method: "POST", data: { order: { "@path": "$.properties.total" } } },
      }),
    );
    expect(outcome.items).toEqual([{ ok: true, retryable: false, status: 200, payload: expect.any(Object) }]);
    expect(outcome.items[0].payload).toMatchObject({ url: `${r.origin}/hook`, data: { order: 1 } });
    const [got] = r.received;
    expect(JSON.parse(got.body)).toEqual({ order: 1 });
    expect(got.headers["x-signature"]).toBe(crypto.createHmac("sha1", "s3cret-shared").update(got.body).digest("hex"));
    expect(got.headers.connection).toBe("keep-alive");
    const [exchange] = outcome.exchanges;
    expect(exchange.request).toMatchObject({ method: "POST", url: `${r.origin}/hook`, body: '{"order":1}' });
    expect(exchange.request.headers["x-signature"]).toBe(got.headers["x-signature"]);
    expect(exchange.response).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
  });

  test("500 is retryable, 400 permanent, 429 with Retry-After: 2 retryable after 2000 ms", async () => {
    const five = await answer(500, {}, '{"error":"boom"}')();
    const four = await answer(400, {}, '{"error":"bad field"}')();
    const many = await answer(429, { "retry-after": "2" })();
    receivers.push(five, four, many);
    const [a, b, c] = await Promise.all([five, four, many].map((r) => performAction(webhook(`${r.origin}/`))));
    expect(a.items[0]).toMatchObject({ ok: false, retryable: true, status: 500 });
    expect(a.items[0].error).toMatch(/HTTP 500.*boom/);
    expect(a.exchanges[0].response?.status).toBe(500);
    expect(b.items[0]).toMatchObject({ ok: false, retryable: false, status: 400 });
    expect(b.items[0].error).toMatch(/bad field/);
    expect(c.items[0]).toEqual(
      expect.objectContaining({ ok: false, retryable: true, status: 429, retryAfterMs: 2000 }),
    );
    expect(five.received).toHaveLength(1); // no retry inside the perform: the engine decides
  });

  test("a receiver that never answers times out, retryable, with the request in the exchange", async () => {
    const r = await receiver(() => {}); // reads the request, never responds
    const outcome = await performAction(webhook(`${r.origin}/slow`, { timeoutMs: 300 }));
    expect(outcome.items[0]).toMatchObject({ ok: false, retryable: true });
    expect(outcome.items[0].error).toMatch(/timed out after 300 ms/);
    expect(outcome.exchanges[0]).toMatchObject({ request: { method: "POST" }, response: null });
    expect(outcome.exchanges[0].error).toBeTruthy();
    expect(r.received).toHaveLength(1);
  });

  test("nothing listening (connection refused) is retryable", async () => {
    const gone = await startReceiver();
    await gone.close();
    const outcome = await performAction(webhook(`${gone.origin}/hook`));
    expect(outcome.items[0]).toMatchObject({ ok: false, retryable: true });
    expect(outcome.items[0].error).toMatch(/ECONNREFUSED/);
    expect(outcome.exchanges[0]).toMatchObject({ response: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  test("a redirect to another host is not followed; one on the same host is", async () => {
    const elsewhere = await receiver();
    const r = await receiver((req, res) => {
      if (req.url === "/away") res.writeHead(307, { location: `http://localhost:${elsewhere.port}/stolen` });
      else if (req.url === "/move") res.writeHead(307, { location: "/moved" });
      else res.writeHead(200);
      res.end();
    });
    const away = await performAction(webhook(`${r.origin}/away`));
    expect(away.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(away.items[0].error).toMatch(/another host \(localhost:\d+\)/);
    expect(elsewhere.received).toHaveLength(0);
    const moved = await performAction(webhook(`${r.origin}/move`));
    expect(moved.items[0]).toMatchObject({ ok: true, status: 200 });
    expect(r.received.map((q) => q.url)).toEqual(["/away", "/move", "/moved"]);
  });

  test("a redirect loop stops after the redirect limit, permanent", async () => {
    const r = await receiver((req, res) => {
      res.writeHead(302, { location: `/loop${Number(req.url!.replace(/\D/g, "") || 0) + 1}` });
      res.end();
    });
    const outcome = await performAction(webhook(`${r.origin}/loop0`));
    expect(outcome.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(outcome.items[0].error).toMatch(/maximum redirect/);
    expect(r.received.map((q) => q.url)).toEqual(["/loop0", "/loop1", "/loop2", "/loop3"]);
    // 302 after a POST goes on as a GET without the body, as fetch does
    expect(r.received.slice(1).map((q) => [q.method, q.body])).toEqual([
      ["GET", ""],
      ["GET", ""],
      ["GET", ""],
    ]);
  });

  test("a mapped header HTTP does not allow is a permanent failure and nothing is sent", async () => {
    const r = await receiver();
    const outcome = await performAction(
      webhook(`${r.origin}/hook`, {
        mapping: { url: `${r.origin}/hook`, method: "POST", headers: { "Bad Header": "x" }, data: { a: 1 } },
      }),
    );
    expect(outcome.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(r.received).toHaveLength(0);
    const newline = await performAction(
      webhook(`${r.origin}/hook`, {
        mapping: { url: `${r.origin}/hook`, method: "PUT", headers: { "X-Split": "a\r\nX-Injected: 1" }, data: {} },
      }),
    );
    expect(newline.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(r.received).toHaveLength(0);
  });

  test("sends the mapped method and headers, JSON content type and the actions user agent", async () => {
    const r = await receiver();
    for (const n of [1, 2, 3]) {
      const outcome = await performAction(
        webhook(`${r.origin}/hook`, {
          mapping: { url: `${r.origin}/hook`, method: "PATCH", headers: { "X-Seq": n }, data: { n } },
        }),
      );
      expect(outcome.items[0]).toMatchObject({ ok: true, status: 200 });
      expect(outcome.exchanges[0].request.headers).toMatchObject({
        "x-seq": String(n),
        "content-type": "application/json",
      });
    }
    expect(r.received.map((q) => [q.method, q.headers["x-seq"], q.headers["content-type"], q.body])).toEqual([
      ["PATCH", "1", "application/json", '{"n":1}'],
      ["PATCH", "2", "application/json", '{"n":2}'],
      ["PATCH", "3", "application/json", '{"n":3}'],
    ]);
    expect(r.received[0].headers["user-agent"]).toBe("Segment (Actions)");
  });

  test("secrets are redacted in exchanges and errors, while the receiver gets the real values", async () => {
    const secret = "whsec-0123456789";
    const r = await receiver((_req, res) => {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end(`unknown key ${secret}`);
    });
    const outcome = await performAction(
      webhook(`${r.origin}/hook?sig=${secret}&plain=1`, {
        settings: { sharedSecret: secret },
        mapping: {
          url: `${r.origin}/hook?sig=${secret}&plain=1`,
          method: "POST",
          headers: { "X-Token-Copy": secret, Authorization: "Bearer abc" },
          data: { echo: secret, ok: "visible" },
        },
      }),
    );
    expect(r.received[0].headers["x-token-copy"]).toBe(secret);
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(secret);
    const [exchange] = outcome.exchanges;
    expect(JSON.stringify(exchange)).not.toContain("Bearer abc");
    expect(exchange.request.url).toBe(`${r.origin}/hook?sig=[redacted]&plain=1`);
    expect(exchange.request.headers["authorization"]).toBe("[redacted]");
    expect(JSON.parse(exchange.request.body!)).toEqual({ echo: "[redacted]", ok: "visible" });
    expect(exchange.response?.body).toBe("unknown key [redacted]");
    expect(outcome.items[0]).toMatchObject({ ok: false, retryable: false, status: 401 });
    expect(outcome.items[0].error).toContain("[redacted]");
  });

  test("an invalid mapping, an unknown action and invalid settings are permanent failures with reasons", async () => {
    const noUrl = await performAction({ ...webhook("x"), mapping: { method: "POST" } });
    expect(noUrl.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(noUrl.items[0].error).toMatch(/url/);
    expect(noUrl.exchanges).toHaveLength(0);
    const unknown = await performAction({ ...webhook("http://127.0.0.1:1/"), actionKey: "nope" });
    expect(unknown.items[0]).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/nope/) });
    const noSuchType = await performAction({ ...webhook("http://127.0.0.1:1/"), slug: "no-such-destination" });
    expect(noSuchType.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(noSuchType.items[0].error).toMatch(/no-such-destination/);
    const badSettings = await performAction({
      slug: "customerio",
      settings: { siteId: "s", apiKey: "k", accountRegion: "Mars" },
      actionKey: "trackEvent",
      mapping: {},
      events: [track(1)],
    });
    expect(badSettings.items[0]).toMatchObject({ ok: false, retryable: false });
    expect(badSettings.items[0].error).toMatch(/^Settings: Account Region must be one of/);
  });

  test("an aborted signal stops the remaining events, retryable", async () => {
    const r = await receiver();
    const controller = new AbortController();
    controller.abort();
    const outcome = await performAction(
      webhook(`${r.origin}/`, { signal: controller.signal, events: [track(1), track(2)] }),
    );
    expect(outcome.items.map((i) => [i.ok, i.retryable])).toEqual([
      [false, true],
      [false, true],
    ]);
    expect(r.received).toHaveLength(0);
  });

  test("exchange bodies are cut to 8 KB", async () => {
    const r = await receiver((_req, res) => res.end("y".repeat(20_000)));
    const outcome = await performAction(webhook(`${r.origin}/`, { events: [track(1, { blob: "x".repeat(20_000) })] }));
    expect(outcome.items[0].ok).toBe(true);
    expect(Buffer.byteLength(outcome.exchanges[0].request.body!)).toBeLessThanOrEqual(8192);
    expect(Buffer.byteLength(outcome.exchanges[0].response!.body)).toBeLessThanOrEqual(8192);
    expect(JSON.parse(r.received[0].body).properties.blob).toHaveLength(20_000);
  });
});

describe("performAction: batches", () => {
  const mapping = {
    url: { "@path": "$.properties.hook" },
    method: "POST",
    data: { n: { "@path": "$.properties.total" } },
  };

  test("one invalid event fails alone; the others go in one request", async () => {
    const r = await receiver();
    const hook = { hook: `${r.origin}/batch` };
    const outcome = await performAction({
      ...webhook(""),
      mapping,
      batch: true,
      events: [track(1, hook), track(2), track(3, hook)],
    });
    expect(r.received).toHaveLength(1);
    expect(JSON.parse(r.received[0].body)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(outcome.items.map((i) => i.ok)).toEqual([true, false, true]);
    expect(outcome.items[1]).toMatchObject({ retryable: false, status: 400 });
    expect(outcome.items[1].error).toMatch(/url/);
    expect(outcome.items[0]).toMatchObject({ status: 200, payload: { data: { n: 1 } } });
    expect(outcome.exchanges).toHaveLength(1);
  });

  test("a signed batch carries the HMAC of the body actually sent", async () => {
    const r = await receiver();
    const hook = { hook: `${r.origin}/batch` };
    const outcome = await performAction({
      ...webhook(""),
      settings: { sharedSecret: "batch-secret" },
      mapping,
      batch: true,
      events: [track(1, hook), track(2, hook)],
    });
    expect(outcome.items.map((i) => i.ok)).toEqual([true, true]);
    const [got] = r.received;
    expect(JSON.parse(got.body)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(got.headers["x-signature"]).toBe(crypto.createHmac("sha1", "batch-secret").update(got.body).digest("hex"));
  });

  test("a batch the destination refuses with 503 + Retry-After: every valid event retryable; the invalid one stays failed", async () => {
    const r = await answer(503, { "retry-after": "7" })();
    receivers.push(r);
    const hook = { hook: `${r.origin}/batch` };
    const outcome = await performAction({
      ...webhook(""),
      mapping,
      batch: true,
      events: [track(1, hook), track(2), track(3, hook)],
    });
    expect(outcome.items.map((i) => [i.ok, i.retryable, i.status, i.retryAfterMs])).toEqual([
      [false, true, 503, 7000],
      [false, false, 400, undefined],
      [false, true, 503, 7000],
    ]);
  });
});
