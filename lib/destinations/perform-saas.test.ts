import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { core } from "./core";
import { loadDefinition } from "./definitions";
import { resetAgents, setConnectOverrideForTests } from "./http";
import { performAction } from "./perform";
import { startReceiver, type Receiver } from "./test-receiver";

// Real SaaS definitions with their presets, their hard-coded vendor hosts answered by a local receiver (the
// connection is redirected below the request client, so the definition's code and URLs run unchanged).

let receiver: Receiver;
const vendorHosts = ["api.mixpanel.com", "track.customer.io", "hooks.slack.com"];

beforeAll(async () => {
  process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS = "true";
  receiver = await startReceiver();
  setConnectOverrideForTests(({ host }) =>
    vendorHosts.includes(host) ? { host: "127.0.0.1", port: receiver.port } : null,
  );
});
afterAll(async () => {
  setConnectOverrideForTests(null);
  resetAgents();
  delete process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS;
  await receiver.close();
});

const event = {
  type: "track",
  event: "Signed Up",
  userId: "u1",
  anonymousId: "a1",
  messageId: "m-saas-1",
  timestamp: "2026-01-01T00:00:00.000Z",
  properties: { plan: "pro", seats: 3 },
  context: { traits: { email: "jane@example.com" } },
};

/** The mapping a new destination starts with: the field defaults overlaid by the preset's mapping. */
function presetMapping(slug: string, presetName: string) {
  const definition = loadDefinition(slug);
  const preset = definition.presets?.find((p) => p.name === presetName);
  if (!preset || !("partnerAction" in preset)) throw new Error(`no preset ${presetName}`);
  const action = definition.actions[preset.partnerAction];
  return { actionKey: preset.partnerAction, mapping: { ...core.defaultValues(action.fields), ...preset.mapping } };
}

function lastRequest() {
  return receiver.received[receiver.received.length - 1];
}

describe("SaaS definitions against a local stand-in for the vendor", () => {
  test("Mixpanel's Track Calls preset: POST api.mixpanel.com/import with the project's secret and its event shape", async () => {
    const settings = { projectToken: "tok-mixpanel-123", apiSecret: "sec-mixpanel-456", apiRegion: "US 🇺🇸" };
    const outcome = await performAction({
      slug: "mixpanel",
      settings,
      ...presetMapping("mixpanel", "Track Calls"),
      events: [event],
    });
    expect(outcome.items[0]).toMatchObject({ ok: true, status: 200 });
    const got = lastRequest();
    expect(got.method).toBe("POST");
    expect(got.headers.host).toBe("api.mixpanel.com");
    expect(got.url).toMatch(/^\/import/);
    expect(got.headers.authorization).toBe(`Basic ${Buffer.from("sec-mixpanel-456:").toString("base64")}`);
    const [sent] = JSON.parse(got.body);
    expect(sent).toMatchObject({
      event: "Signed Up",
      properties: { distinct_id: "u1", $device_id: "a1", $insert_id: "m-saas-1", plan: "pro", seats: 3 },
    });
    expect(sent.properties.time).toBe(Date.parse(event.timestamp));
    // The exchange names the vendor's URL, with the secret gone from the Basic header and the token from the body.
    const [exchange] = outcome.exchanges;
    expect(exchange.request.url).toMatch(/^https:\/\/api\.mixpanel\.com\/import/);
    expect(exchange.request.headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(outcome)).not.toMatch(/sec-mixpanel-456|tok-mixpanel-123/);
  });

  test("Customer.io's Track Event preset: POST track.customer.io/api/v2/entity with Basic siteId:apiKey", async () => {
    const settings = { siteId: "site-1", apiKey: "cio-key-789", accountRegion: "US 🇺🇸" };
    const outcome = await performAction({
      slug: "customerio",
      settings,
      ...presetMapping("customerio", "Track Event"),
      events: [event],
    });
    expect(outcome.items[0]).toMatchObject({ ok: true, status: 200 });
    const got = lastRequest();
    expect(got.headers.host).toBe("track.customer.io");
    expect(got.url).toBe("/api/v2/entity");
    expect(got.headers.authorization).toBe(`Basic ${Buffer.from("site-1:cio-key-789").toString("base64")}`);
    expect(JSON.parse(got.body)).toMatchObject({
      type: "person",
      action: "event",
      name: "Signed Up",
      identifiers: { id: "u1" },
      attributes: { plan: "pro", seats: 3 },
    });
    expect(JSON.stringify(outcome.exchanges)).not.toContain("cio-key-789");
  });

  test("Slack's postToChannel (no presets: its field defaults plus a message): the webhook URL's path and body", async () => {
    const definition = loadDefinition("slack");
    const mapping = {
      ...core.defaultValues(definition.actions.postToChannel.fields),
      url: "https://hooks.slack.com/services/T000/B000/XXXX",
      text: { "@template": "{{event}} by {{userId}} ({{properties.plan}})" },
    };
    const outcome = await performAction({
      slug: "slack",
      settings: {},
      actionKey: "postToChannel",
      mapping,
      events: [event],
    });
    expect(outcome.items[0]).toMatchObject({ ok: true, status: 200 });
    const got = lastRequest();
    expect(got.headers.host).toBe("hooks.slack.com");
    expect(got.url).toBe("/services/T000/B000/XXXX");
    expect(JSON.parse(got.body)).toEqual({
      text: "Signed Up by u1 (pro)",
      username: "Segment",
      icon_url: "https://logo.clearbit.com/segment.com",
    });
  });
});
