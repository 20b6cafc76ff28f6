import { afterEach, describe, expect, test } from "vitest";
import { redactExchange, truncateBody, type ExchangeRecord } from "./http-exchange";
import { classifyAddress } from "./http-guard";
import { parseRetryAfter } from "./perform-errors";
import { performAction } from "./perform";
import { resetAgents } from "./http";
import { startReceiver, type Receiver } from "./test-receiver";

const receivers: Receiver[] = [];
afterEach(async () => {
  delete process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS;
  resetAgents();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe("classifyAddress", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "private (unique local)"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:10.0.0.1]", "private"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:c0a8:101::1", "private"],
    ["ff02::1", "multicast"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  test.each(["8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "example.com"])(
    "%s is allowed",
    (ip) => {
      expect(classifyAddress(ip)).toBeNull();
    },
  );
});

describe("parseRetryAfter", () => {
  test("seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("redactExchange", () => {
  const record: ExchangeRecord = {
    method: "POST",
    url: "https://user:pw@api.example.com/v1/key-s3cr3t-value/track?api_key=abc&keep=1&x=s3cr3t-value",
    headers: { authorization: "Basic eHh4", "x-custom": "s3cr3t-value", "x-plain": "hello", "x-shorty": "ab" },
    body: JSON.stringify({ token: "s3cr3t-value", name: "Jane", quote: 'say "s3cr3t-value"' }),
    startedAt: 1000,
    endedAt: 1042,
    response: {
      status: 200,
      headers: { "set-cookie": "sid=1", "content-type": "text/plain" },
      body: "echo s3cr3t-value",
    },
  };
  const exchange = redactExchange(record, ["s3cr3t-value", "ab"]);

  test("removes credentials by name and by value, keeps the rest", () => {
    expect(exchange.request.url).toBe(
      "https://user:[redacted]@api.example.com/v1/key-[redacted]/track?api_key=[redacted]&keep=1&x=[redacted]",
    );
    expect(exchange.request.headers).toEqual({
      authorization: "[redacted]",
      "x-custom": "[redacted]",
      "x-plain": "hello",
      "x-shorty": "[redacted]",
    });
    expect(JSON.parse(exchange.request.body!)).toEqual({
      token: "[redacted]",
      name: "Jane",
      quote: 'say "[redacted]"',
    });
    expect(exchange.response).toEqual({
      status: 200,
      headers: { "set-cookie": "[redacted]", "content-type": "text/plain" },
      body: "echo [redacted]",
    });
    expect(exchange.durationMs).toBe(42);
  });

  test("bodies are cut to 8 KB", () => {
    const cut = truncateBody("é".repeat(10_000));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(8192);
    expect(cut).toMatch(/…\[truncated, 20000 bytes\]$/);
    expect(truncateBody("short")).toBe("short");
  });
});

const webhook = (url: string) => ({
  slug: "webhook",
  settings: {},
  actionKey: "send",
  mapping: { url, method: "POST", data: { "@path": "$.properties" } },
  events: [{ type: "track", event: "Signed Up", messageId: "m1", properties: { plan: "pro" } }],
});

describe("private address guard", () => {
  test.each(["127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]"])(
    "%s is refused unless SLUICE_ALLOW_PRIVATE_DESTINATIONS=true",
    async (host) => {
      const receiver = await startReceiver();
      receivers.push(receiver);
      const outcome = await performAction(webhook(`http://${host}:${receiver.port}/hook`));
      expect(outcome.items[0]).toMatchObject({ ok: false, retryable: false });
      expect(outcome.items[0].error).toMatch(/SLUICE_ALLOW_PRIVATE_DESTINATIONS=true/);
      expect(outcome.items[0].error).toMatch(/loopback/);
      expect(receiver.received).toHaveLength(0);
      expect(outcome.exchanges[0].response).toBeNull();
      expect(outcome.exchanges[0].error).toMatch(/Refused to connect/);
    },
  );

  test("allowed with the flag (checked when connecting, not when the module loads)", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
    const outcome = await performAction(webhook(`http://localhost:${receiver.port}/hook`));
    expect(outcome.items[0]).toMatchObject({ ok: true, status: 200 });
    expect(receiver.received).toHaveLength(1);
  });
});
