// The fuzzer's inputs: hostile ingest requests drawn from a seeded generator, so a seed replays the same run.
// Each case is { category, method, path, headers, body } (body a Buffer), or { category, raw } for bytes that
// no HTTP client library would send (broken framing, bad header values).
import zlib from "node:zlib";

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const KB = 1024;
const SINGLE_PATHS = ["identify", "i", "track", "t", "page", "p", "screen", "s", "group", "g", "alias", "a"];
const TYPE_OF = { i: "identify", t: "track", p: "page", s: "screen", g: "group", a: "alias" };
const BATCH_PATHS = ["batch", "b"];
const FIELDS = [
  "type",
  "userId",
  "anonymousId",
  "event",
  "messageId",
  "timestamp",
  "originalTimestamp",
  "sentAt",
  "context",
  "integrations",
  "properties",
  "traits",
  "previousId",
  "groupId",
  "name",
  "writeKey",
  "category",
];

/** Values of every JSON type (and some that only look like dates, ids or numbers) for a field. */
function hostileValue(r) {
  return r.pick([
    () => null,
    () => true,
    () => false,
    () => 0,
    () => -1,
    () => 1e308,
    () => -1e-308,
    () => 8640000000000000,
    () => -8640000000000000,
    () => 2 ** 53 + 1,
    () => "",
    () => " ",
    () => "\u0000",
    () => "\ud800",
    () => "x".repeat(r.pick([100, 101, 1_000, 40 * KB])),
    () => "+275760-09-13T00:00:00.000Z",
    () => "-271821-04-20T00:00:00.000Z",
    () => "0000-01-01T00:00:00Z",
    () => "not a date",
    () => "1e999",
    () => [],
    () => [1, "two", null],
    () => ({}),
    () => ({ __proto__: null, nested: { deep: [1] } }),
    () => "__proto__",
    () => "constructor",
    () => "😀".repeat(50),
    () => "\u202e\u2028\u2029",
    () => Array.from({ length: r.int(3000) }, (_, i) => i),
    () => JSON.parse('{"__proto__":{"polluted":1}}'),
  ])();
}

export function validCall(r, type = r.pick(Object.values(TYPE_OF)), n = r.int(1e9)) {
  const call = { type, userId: `user-${n % 1000}`, messageId: `fuzz-${n}-${r.int(1e9)}`, context: { ip: "1.2.3.4" } };
  if (type === "track") Object.assign(call, { event: r.pick(["Order Completed", "Signed Up"]), properties: { n } });
  if (type === "identify") call.traits = { email: `u${n}@example.com` };
  if (type === "page" || type === "screen") call.name = "Home";
  if (type === "group") call.groupId = `g-${n}`;
  if (type === "alias") call.previousId = `anon-${n}`;
  if (r.chance(0.3)) call.timestamp = new Date(Date.now() - r.int(1e9)).toISOString();
  return call;
}

/** A JSON text nested `levels` deep (objects or arrays), placed where a call can carry it. */
function deepText(r, levels) {
  const [open, close, leaf] = r.chance(0.5) ? ['{"a":', "}", "1"] : ["[", "]", ""];
  return open.repeat(levels) + leaf + close.repeat(levels);
}
const DEPTHS = [63, 64, 65, 100, 1_000, 4_100, 5_000, 20_000, 100_000];

function withDeep(r, call, levels) {
  const text = JSON.stringify(call);
  const where = r.pick(["properties", "context", "traits", "integrations"]);
  return `{"${where}":${deepText(r, levels)},${text.slice(1)}`;
}

function mutateText(r, text) {
  const at = r.int(text.length + 1);
  return r.pick([
    () => text.slice(0, at), // truncated
    () => text.slice(0, at) + text.slice(at + 1 + r.int(8)), // characters dropped
    () => text.slice(0, at) + r.pick(["{", "}", "[", "]", '"', ",", ":", "\\", "\u0000", "NaN", "'"]) + text.slice(at),
    () => text.replace(/"/g, "'"),
    () => `${text},${text}`,
    () => text + "x".repeat(r.int(100)),
    () => "\ufeff" + text,
    () => r.pick(["", "null", "0", "[]", '"str"', "true", "{}", "{,}", "[[[[", "}}}}", "-", "1e99999"]),
  ])();
}

const gzip = (buf) => zlib.gzipSync(buf);

function invalidUtf8(r, text) {
  const bytes = Buffer.from(text);
  const bad = r.pick([
    [0xff],
    [0xc3, 0x28],
    [0xed, 0xa0, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xc0, 0xaf],
    [0x00],
    [0xfe, 0xff],
  ]);
  // Inside a string value (after the first quote of a value) or anywhere.
  const quote = text.indexOf(':"');
  const at = quote > 0 && r.chance(0.7) ? quote + 2 : r.int(bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
}

function body(r, kind, keys) {
  const isBatch = BATCH_PATHS.includes(kind);
  const type = TYPE_OF[kind] ?? (kind.length > 1 && !isBatch ? kind : undefined);
  const call = () => validCall(r, isBatch ? undefined : type);
  const wrap = (calls) => (isBatch ? { batch: calls, sentAt: new Date().toISOString() } : calls[0]);
  const strategy = r.pick(["valid", "field", "field", "json", "deep", "size", "proto", "utf8", "writeKey"]);
  if (strategy === "valid") return { strategy, text: JSON.stringify(wrap([call(), call()].slice(0, isBatch ? 2 : 1))) };
  if (strategy === "field") {
    const calls = Array.from({ length: isBatch ? 1 + r.int(5) : 1 }, () => {
      const c = call();
      for (let i = 0, n = 1 + r.int(3); i < n; i++) c[r.pick(FIELDS)] = hostileValue(r);
      return c;
    });
    const outer = wrap(calls);
    if (isBatch && r.chance(0.3))
      outer[r.pick(["batch", "context", "integrations", "sentAt", "writeKey"])] = hostileValue(r);
    return { strategy, text: JSON.stringify(outer) };
  }
  if (strategy === "json") return { strategy, text: mutateText(r, JSON.stringify(wrap([call()]))) };
  if (strategy === "deep") {
    const levels = r.pick(DEPTHS);
    const deep = withDeep(r, call(), levels);
    if (!isBatch) return { strategy, text: deep };
    const fine = JSON.stringify(call());
    return {
      strategy,
      text: r.chance(0.2)
        ? `{"context":${deepText(r, levels)},"batch":[${fine}]}`
        : `{"batch":[${fine},${deep},${fine}]}`,
    };
  }
  if (strategy === "size") {
    const limit = isBatch ? 500 * KB : 32 * KB;
    const c = call();
    c.properties = { pad: "" };
    const base = JSON.stringify(wrap([c])).length;
    const target = limit + r.pick([-2, -1, 0, 1, 2, -100, 5_000]);
    if (isBatch && r.chance(0.4)) {
      const items = r.pick([2499, 2500, 2501, 5000]);
      return {
        strategy,
        text: JSON.stringify({
          batch: Array.from({ length: items }, () => ({ type: "track", userId: "u", event: "E" })),
        }),
      };
    }
    if (isBatch && r.chance(0.4)) {
      const item = { ...call(), properties: { pad: "y".repeat(32 * KB + r.pick([-200, 0, 200])) } };
      return { strategy, text: JSON.stringify({ batch: [call(), item] }) };
    }
    c.properties.pad = "z".repeat(Math.max(0, target - base));
    if (r.chance(0.3)) c.properties = { list: Array.from({ length: Math.floor(target / 2) }, () => 0) };
    return { strategy, text: JSON.stringify(wrap([c])) };
  }
  if (strategy === "proto") {
    const text = JSON.stringify(wrap([call()]));
    const poison = r.pick([
      '"__proto__":{"polluted":true}',
      '"constructor":{"prototype":{"polluted":true}}',
      '"__proto__":null',
      '"hasOwnProperty":1',
      '"toString":"x"',
    ]);
    const at = r.chance(0.5) ? 1 : text.indexOf("{", 2) + 1 || 1;
    return { strategy, text: text.slice(0, at) + poison + "," + text.slice(at) };
  }
  if (strategy === "utf8") return { strategy, bytes: invalidUtf8(r, JSON.stringify(wrap([call()]))) };
  const c = call();
  c.writeKey = r.pick([keys.valid, keys.disabled, "\u0000", "k".repeat(300), "\ud800", "unknown-key", 42, null]);
  return { strategy, text: JSON.stringify(wrap([c])) };
}

const basic = (key) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

function auth(r, keys) {
  // Mostly the right key, so that most cases reach the body's validation.
  if (r.chance(0.6)) return basic(keys.valid);
  return r.pick([
    basic(keys.valid),
    basic(keys.valid),
    basic(keys.valid),
    basic(keys.valid),
    basic(keys.disabled),
    undefined,
    basic("unknown"),
    `Basic ${Buffer.from([0, 0, 0, 0]).toString("base64")}`,
    "Basic",
    "Basic ====",
    "Basic !!!",
    `Bearer ${keys.valid}`,
    basic("k".repeat(10 * KB)),
    `Basic ${Buffer.from([0xff, 0xfe, 0x3a]).toString("base64")}`,
  ]);
}

/** One ordinary (framed) request: a path, headers and a body, each possibly hostile. */
function requestCase(r, keys) {
  const kind = r.chance(0.3) ? r.pick(BATCH_PATHS) : r.chance(0.02) ? "m" : r.pick(SINGLE_PATHS);
  const b = body(r, kind, keys);
  let payload = b.bytes ?? Buffer.from(b.text);
  const headers = {
    "content-type": r.pick([
      "application/json",
      "text/plain",
      "application/json; charset=utf-8",
      "text/plain;charset=UTF-8",
    ]),
  };
  const a = auth(r, keys);
  if (a) headers.authorization = a;
  let category = `body:${b.strategy}`;
  if (r.chance(0.25)) {
    category = "encoding";
    const e = r.pick(["gzip", "gzip", "bomb", "bad-gzip", "truncated-gzip", "deflate", "br", "double"]);
    if (e === "gzip") payload = gzip(payload);
    if (e === "bomb")
      payload = gzip(
        Buffer.from(
          `{"batch":[{"type":"track","userId":"u","event":"${"A".repeat(r.pick([600 * KB, 20 * 1024 * KB]))}"}]}`,
        ),
      );
    if (e === "bad-gzip") payload = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), payload]);
    if (e === "truncated-gzip") payload = gzip(payload).subarray(0, 10 + r.int(20));
    if (e === "deflate") payload = zlib.deflateSync(payload);
    if (e === "double") payload = gzip(gzip(payload));
    headers["content-encoding"] = e === "deflate" ? "deflate" : e === "br" ? "br" : "gzip";
    category = `encoding:${e}`;
  }
  if (r.chance(0.15)) {
    const h = r.pick(["content-type", "strict", "origin", "xff", "big-header", "many-headers", "retry"]);
    category = `header:${h}`;
    if (h === "content-type")
      headers["content-type"] = r.pick([
        "",
        "image/png",
        "multipart/form-data; boundary=x",
        "application/json; charset=utf-16",
        "text/html",
        "*/*",
      ]);
    if (h === "strict") headers["x-strict-mode"] = r.pick(["1", "0", "true", "", "1, 1"]);
    if (h === "origin") headers.origin = r.pick(["null", "https://evil.example", "x".repeat(4 * KB)]);
    if (h === "xff") headers["x-forwarded-for"] = r.pick(["::1", "not-an-ip", Array(1000).fill("10.0.0.1").join(", ")]);
    if (h === "big-header") headers["x-pad"] = "p".repeat(r.pick([8 * KB, 15 * KB, 64 * KB]));
    if (h === "many-headers") for (let i = 0; i < r.pick([100, 500, 3000]); i++) headers[`x-h-${i}`] = "v";
    if (h === "retry") headers["x-retry-count"] = r.pick(["-1", "9999999999999999999", "abc"]);
  }
  const method = r.chance(0.04) ? r.pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]) : "POST";
  if (method !== "POST") category = `method:${method}`;
  const suffix = r.chance(0.05) ? r.pick(["/", "?x=1", "#frag", "//", "/../t", "%00"]) : "";
  return { category, method, path: `/v1/${kind}${suffix}`, headers, body: payload };
}

/** Bytes on the wire that break HTTP framing: the server must answer 4xx (or close), never crash. */
function rawCase(r, keys) {
  const json = JSON.stringify(validCall(r, "track"));
  const head = (lines) =>
    Buffer.from(
      `POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: ${basic(keys.valid)}\r\n${lines.join("\r\n")}\r\n\r\n`,
    );
  const kind = r.pick([
    "cl-short",
    "cl-long",
    "cl-nan",
    "cl-negative",
    "cl-double",
    "cl-and-chunked",
    "bad-chunk",
    "header-nul",
    "header-nonascii",
    "no-host",
    "bad-version",
    "bad-path",
  ]);
  const raw = {
    "cl-short": () => Buffer.concat([head([`Content-Length: ${json.length - 5}`]), Buffer.from(json)]),
    "cl-long": () => Buffer.concat([head([`Content-Length: ${json.length + 50}`]), Buffer.from(json)]),
    "cl-nan": () => Buffer.concat([head(["Content-Length: abc"]), Buffer.from(json)]),
    "cl-negative": () => Buffer.concat([head(["Content-Length: -1"]), Buffer.from(json)]),
    "cl-double": () =>
      Buffer.concat([head([`Content-Length: ${json.length}`, "Content-Length: 3"]), Buffer.from(json)]),
    "cl-and-chunked": () =>
      Buffer.concat([head([`Content-Length: ${json.length}`, "Transfer-Encoding: chunked"]), Buffer.from(json)]),
    "bad-chunk": () => Buffer.concat([head(["Transfer-Encoding: chunked"]), Buffer.from(`zz\r\n${json}\r\n0\r\n\r\n`)]),
    "header-nul": () => Buffer.concat([head(["X-Bad: a\u0000b"]), Buffer.from(json)]),
    "header-nonascii": () =>
      Buffer.concat([head([]).subarray(0, 20), Buffer.from([0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a])]),
    "no-host": () => Buffer.from(`POST /v1/t HTTP/1.1\r\nContent-Length: ${json.length}\r\n\r\n${json}`),
    "bad-version": () => Buffer.from(`POST /v1/t HTTP/9.9\r\nHost: x\r\nContent-Length: ${json.length}\r\n\r\n${json}`),
    "bad-path": () =>
      Buffer.from(
        `POST ${r.pick(["/v1/t\u0000", "v1/t", "/v1/" + "t".repeat(20 * KB), "/v1/%FF", "/v1/t%00"])} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ),
  }[kind]();
  return { category: `raw:${kind}`, raw, endsEarly: kind === "cl-long" };
}

/** Reads that serve the ingest side's other paths (CDN settings, the loader) with odd write keys. */
function readCase(r, keys) {
  const key = r.pick([
    keys.valid,
    keys.disabled,
    "%00",
    "%FF%FE",
    "k".repeat(2 * KB),
    "..%2F..%2Fetc",
    "%C0%AF",
    "\u00e9",
  ]);
  const path = r.pick([`/v1/projects/${key}/settings`, `/v1/analytics-js/snippet/${key}/analytics.min.js`]);
  return {
    category: `read:${path.split("/")[2]}`,
    method: "GET",
    path: encodeURI(path).replace(/%25/g, "%"),
    headers: {},
    body: Buffer.alloc(0),
  };
}

export function nextCase(r, keys) {
  const roll = r.next();
  if (roll < 0.08) return rawCase(r, keys);
  if (roll < 0.11) return readCase(r, keys);
  return requestCase(r, keys);
}
