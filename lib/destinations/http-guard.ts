import dns from "node:dns";
import net from "node:net";

// The private-address guard of outbound destination HTTP. Destination URLs are user-entered (a Webhook's URL, a
// vendor's regional host), so without it anyone who may edit a destination could make the server call its own
// loopback, the cloud metadata endpoint (169.254.169.254) or the internal network. The check runs on the address
// a connection is actually made to (the resolved address, inside the socket's lookup), so a name that resolves
// to a public address when the URL is saved and to 127.0.0.1 when the event is sent (DNS rebinding) is caught.

/** Blocked ranges as [first bytes of the prefix, prefix length in bits, what it is]. */
type Range = [number[], number, string];

const v4Ranges: Range[] = [
  [[0], 8, "unspecified"],
  [[10], 8, "private"],
  [[100, 64], 10, "shared (carrier-grade NAT)"],
  [[127], 8, "loopback"],
  [[169, 254], 16, "link-local"],
  [[172, 16], 12, "private"],
  [[192, 0, 0], 24, "reserved"],
  [[192, 0, 2], 24, "documentation"],
  [[192, 168], 16, "private"],
  [[198, 18], 15, "benchmarking"],
  [[198, 51, 100], 24, "documentation"],
  [[203, 0, 113], 24, "documentation"],
  [[224], 4, "multicast"],
  [[240], 4, "reserved"],
];

const v6Ranges: Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "discard"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "documentation"],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "private (local NAT64)"],
  [[0xfc], 7, "private (unique local)"],
  [[0xfe, 0x80], 10, "link-local"],
  [[0xfe, 0xc0], 10, "private (site-local)"],
  [[0xff], 8, "multicast"],
];

function matches(bytes: number[], [prefix, bits]: Range): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const width = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - width)) & 0xff;
    if ((bytes[i] & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(ip: string): number[] {
  return ip.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address (with `::` expanded and a trailing dotted quad, e.g. `::ffff:127.0.0.1`). */
function v6Bytes(ip: string): number[] {
  const text = ip.replace(/%.*$/, "");
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hex = quad
    ? `${text.slice(0, quad.index)}${((+quad[1] << 8) | +quad[2]).toString(16)}:${((+quad[3] << 8) | +quad[4]).toString(16)}`
    : text;
  const [head, tail] = hex.includes("::") ? hex.split("::") : [hex, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

function classifyV4(bytes: number[]): string | null {
  if (bytes.every((b) => b === 255)) return "broadcast";
  return v4Ranges.find((r) => matches(bytes, r))?.[2] ?? null;
}

/** Why `ip` may not be a destination's address ("loopback", "private", …), or null when it is public. */
export function classifyAddress(ip: string): string | null {
  const host = ip.replace(/^\[|\]$/g, "");
  const family = net.isIP(host);
  if (family === 4) return classifyV4(v4Bytes(host));
  if (family !== 6) return null;
  const b = v6Bytes(host);
  const zeros = (n: number) => b.slice(0, n).every((x) => x === 0);
  if (zeros(16)) return "unspecified";
  if (zeros(15) && b[15] === 1) return "loopback";
  // IPv4 carried inside IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4
  // 2002:aabb:ccdd::) reaches that IPv4 address, so it is judged as that address.
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return classifyV4(b.slice(12));
  if (zeros(12)) return classifyV4(b.slice(12));
  if (matches(b, [[0x00, 0x64, 0xff, 0x9b], 96, ""])) return classifyV4(b.slice(12));
  if (b[0] === 0x20 && b[1] === 0x02) return classifyV4(b.slice(2, 6));
  return v6Ranges.find((r) => matches(b, r))?.[2] ?? null;
}

export function isPrivateDestinationAllowed(): boolean {
  return process.env.SLUICE_ALLOW_PRIVATE_DESTINATIONS === "true";
}

/** Thrown (as the socket's error) when a destination's address is private and that is not allowed. */
export class PrivateAddressError extends Error {
  readonly code = "SLUICE_PRIVATE_ADDRESS";
  constructor(host: string, address: string, kind: string) {
    const target = host === address ? address : `${host} (${address})`;
    super(
      `Refused to connect to ${target}: it is a ${kind} address. Sluice does not send to private networks ` +
        `unless the server is started with SLUICE_ALLOW_PRIVATE_DESTINATIONS=true.`,
    );
    this.name = "PrivateAddressError";
  }
}

/** The error for `address` (reached as `host`) when the guard refuses it, else null. */
export function checkAddress(host: string, address: string): PrivateAddressError | null {
  if (isPrivateDestinationAllowed()) return null;
  const kind = classifyAddress(address);
  return kind ? new PrivateAddressError(host, address, kind) : null;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** `dns.lookup` for sockets (net's `lookup` option) that fails when any resolved address is refused. */
export function guardedLookup(hostname: string, options: dns.LookupOptions | number, callback: LookupCallback) {
  const opts: dns.LookupOptions = typeof options === "number" ? { family: options } : options;
  dns.lookup(hostname, opts, (err, address: string | dns.LookupAddress[], family?: number) => {
    if (err) return callback(err, address, family);
    const all = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
    for (const entry of all) {
      const refused = checkAddress(hostname, entry.address);
      if (refused) return callback(refused, address, family);
    }
    callback(null, address, family);
  });
}
