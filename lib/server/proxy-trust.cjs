// SLUICE_TRUST_PROXY: which peers may speak for the client in X-Forwarded-For / X-Forwarded-Proto. Without it
// those headers are whatever a client chose to send, so the client is the socket's address. Plain CommonJS:
// server.js runs it before Next, and tests import it as it is.
//   unset, "", "false", "0"   no proxy: the socket address is the client
//   "true"                    every peer is a proxy: the leftmost X-Forwarded-For address is the client
//   a number N                N proxies in front: the Nth address from the right of X-Forwarded-For
//   addresses / CIDR ranges   comma-separated, e.g. "10.0.0.1, 192.168.0.0/16, ::1": walk X-Forwarded-For from
//                             the right past these proxies; the first address that is not one is the client
const net = require("node:net");

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) as `1.2.3.4`, so one client has one spelling. */
function normalizeAddress(address) {
  const a = (address ?? "").trim();
  return a.startsWith("::ffff:") && net.isIPv4(a.slice(7)) ? a.slice(7) : a;
}

function family(address) {
  return net.isIPv6(address) ? "ipv6" : "ipv4";
}

/** Parses SLUICE_TRUST_PROXY; throws with a message a person understands on a value it cannot read. */
function parseTrustProxy(value) {
  const v = (value ?? "").trim().toLowerCase();
  if (!v || v === "false" || v === "0") return { describe: "no proxy", hops: 0, isTrusted: () => false };
  if (v === "true") return { describe: "every peer", isTrusted: () => true };
  if (/^\d+$/.test(v)) return { describe: `${v} hop(s)`, hops: Number(v), isTrusted: () => true };
  const list = new net.BlockList();
  for (const entry of v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [ip, bits, extra] = entry.split("/");
    if (!net.isIP(ip) || extra !== undefined || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(
        `SLUICE_TRUST_PROXY: "${entry}" is not an IP address or CIDR range (use addresses, a hop count, or true)`,
      );
    }
    if (bits === undefined) list.addAddress(ip, family(ip));
    else list.addSubnet(ip, Number(bits), family(ip));
  }
  return {
    describe: v,
    isTrusted: (address) => net.isIP(address) !== 0 && list.check(address, family(address)),
  };
}

/**
 * The client behind a request, from its socket address and forwarding headers, trusting only the configured
 * proxies: `{ address, isHttps }`, where isHttps is what a trusted proxy said in X-Forwarded-Proto.
 */
function resolveClient(trust, socketAddress, forwardedFor, forwardedProto) {
  const peer = normalizeAddress(socketAddress);
  const forwarded = String(forwardedFor ?? "")
    .split(",")
    .map(normalizeAddress)
    .filter(Boolean);
  const chain = [...forwarded, peer]; // leftmost: the original client; rightmost: whoever opened the socket
  let i = chain.length - 1;
  if (trust.hops !== undefined) {
    i = Math.max(0, i - trust.hops);
  } else {
    while (i > 0 && trust.isTrusted(chain[i]) && net.isIP(chain[i - 1])) i--;
  }
  if (!net.isIP(chain[i])) i = chain.length - 1; // a hop count landing on garbage: trust nothing
  const viaProxy = trust.hops !== 0 && trust.isTrusted(peer); // only a proxy may say the scheme
  const proto = String(forwardedProto ?? "")
    .split(",")[0]
    .trim()
    .toLowerCase();
  return { address: chain[i], isHttps: viaProxy && proto === "https" };
}

module.exports = { normalizeAddress, parseTrustProxy, resolveClient };
