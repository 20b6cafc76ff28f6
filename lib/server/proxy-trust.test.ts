import { describe, expect, it } from "vitest";
import { parseTrustProxy, resolveClient } from "@/lib/server/proxy-trust.cjs";

// Who the client is: the socket address, unless SLUICE_TRUST_PROXY says the peer is a proxy.
describe("SLUICE_TRUST_PROXY", () => {
  const resolve = (setting: string | undefined, peer: string, xff?: string, proto?: string) =>
    resolveClient(parseTrustProxy(setting), peer, xff, proto);

  it("ignores forwarding headers without a trusted proxy", () => {
    expect(resolve(undefined, "::ffff:198.51.100.7", "1.2.3.4", "https")).toEqual({
      address: "198.51.100.7",
      isHttps: false,
    });
    expect(resolve("false", "198.51.100.7", "1.2.3.4").address).toBe("198.51.100.7");
    expect(resolve("10.0.0.1", "198.51.100.7", "1.2.3.4", "https")).toEqual({
      address: "198.51.100.7",
      isHttps: false,
    });
  });

  it("walks past listed proxies and CIDR ranges to the first address that is not one", () => {
    const setting = "10.0.0.1, 192.168.0.0/16";
    expect(resolve(setting, "10.0.0.1", "203.0.113.5", "https")).toEqual({ address: "203.0.113.5", isHttps: true });
    // A client-sent X-Forwarded-For on the left is not believed: the proxy appended the real peer.
    expect(resolve(setting, "10.0.0.1", "6.6.6.6, 203.0.113.5, 192.168.4.4").address).toBe("203.0.113.5");
    expect(resolve(setting, "10.0.0.1", "not-an-ip").address).toBe("10.0.0.1");
    expect(resolve("::1", "::1", "2001:db8::5").address).toBe("2001:db8::5");
  });

  it("takes a hop count or true", () => {
    expect(resolve("1", "10.9.9.9", "6.6.6.6, 203.0.113.5", "https")).toEqual({
      address: "203.0.113.5",
      isHttps: true,
    });
    expect(resolve("2", "10.9.9.9", "6.6.6.6, 203.0.113.5").address).toBe("6.6.6.6");
    expect(resolve("5", "10.9.9.9", "203.0.113.5").address).toBe("203.0.113.5");
    expect(resolve("true", "10.9.9.9", "6.6.6.6, 203.0.113.5").address).toBe("6.6.6.6");
    expect(resolve("true", "10.9.9.9").address).toBe("10.9.9.9");
  });

  it("refuses a value it cannot read, with a message", () => {
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/SLUICE_TRUST_PROXY: "proxy.internal" is not an IP/);
    expect(() => parseTrustProxy("10.0.0.0/x")).toThrow(/CIDR/);
  });
});
