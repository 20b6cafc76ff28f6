import { describe, expect, test } from "vitest";
import { core } from "./core";
import { classifyError } from "./perform-errors";
import { PrivateAddressError } from "./http-guard";
import { CrossHostRedirectError } from "./http";

// The error classes definitions really throw (actions-core's own), classified as the delivery engine needs.
describe("classifyError", () => {
  test.each([
    ["RetryableError", new core.RetryableError("try later"), true, 500],
    ["RetryableError 429", new core.RetryableError("slow down", 429), true, 429],
    ["IntegrationError 400", new core.IntegrationError("Invalid Slack URL", "INVALID", 400), false, 400],
    ["IntegrationError 429", new core.IntegrationError("Rate limited", "RATE", 429), true, 429],
    ["IntegrationError 503", new core.IntegrationError("Down", "DOWN", 503), true, 503],
    ["APIError 502", new core.APIError("Bad gateway", 502), true, 502],
    ["APIError 404", new core.APIError("No such list", 404), false, 404],
    ["InvalidAuthenticationError", new core.InvalidAuthenticationError("bad key"), false, 401],
    ["PayloadValidationError", new core.PayloadValidationError("email is required"), false, 400],
    ["SelfTimeoutError", new core.SelfTimeoutError("took too long"), true, undefined],
  ])("%s", (_name, error, retryable, status) => {
    const item = classifyError(error);
    expect(item).toMatchObject({ ok: false, retryable });
    expect(item.status).toBe(status);
    expect(item.error).toBeTruthy();
  });

  test("Sluice's refusals are permanent, also when node-fetch wraps them", () => {
    const refused = new PrivateAddressError("db.internal", "10.0.0.5", "private");
    expect(classifyError(refused)).toMatchObject({ retryable: false });
    const wrapped = Object.assign(new Error(`request to http://db.internal/ failed, reason: ${refused.message}`), {
      name: "FetchError",
      type: "system",
      code: refused.code,
    });
    const item = classifyError(wrapped);
    expect(item.retryable).toBe(false);
    expect(item.error).toBe(refused.message);
    const from = { href: "http://a.example/", host: "a.example", hostname: "a.example", protocol: "http:" };
    const to = { ...from, href: "http://b.example/", host: "b.example", hostname: "b.example" };
    expect(classifyError(new CrossHostRedirectError(from, to))).toMatchObject({ retryable: false });
  });

  test("network failures retry; a redirect loop does not", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { name: "FetchError", type: "system" });
    expect(classifyError(refused).retryable).toBe(true);
    const loop = Object.assign(new Error("maximum redirect reached"), { name: "FetchError", type: "max-redirect" });
    expect(classifyError(loop).retryable).toBe(false);
  });

  test("an unknown error without a status is permanent, with its message", () => {
    expect(classifyError(new TypeError("x is not a function"))).toEqual({
      ok: false,
      retryable: false,
      error: "x is not a function",
    });
  });
});
