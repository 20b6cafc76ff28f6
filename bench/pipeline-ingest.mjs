// Open-loop ingest at a set rate for `npm run bench:pipeline`: every 10 ms it sends the events due since the
// last tick as /v1/batch calls (≤ 100 events each) over keep-alive connections, without waiting for answers
// (at most `maxInFlight` calls outstanding; events that would exceed it are not sent and counted as skipped).
// Each track call carries `properties.sentAtMs`, the moment its call was sent, for the receivers' latency.
import http from "node:http";

const TICK_MS = 10;
const MAX_BATCH = 100;

export function startIngest({ url, writeKey, prefix, rate = 0, maxInFlight = 64 }) {
  const { hostname, port } = new URL(url);
  // Idle sockets close before the server's 5 s keep-alive timeout would close them under a request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight, timeout: 4000 });
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
  const stats = { sent: 0, acked: 0, failed: 0, skipped: 0, firstError: undefined };
  let seq = 0;
  let inFlight = 0;
  let currentRate = rate;
  let owed = 0;
  let last = performance.now();

  const event = (n, sentAtMs, ts) =>
    `{"type":"track","userId":"user-${n % 5000}","event":"Order Completed","properties":{"orderId":"o-${n}",` +
    `"revenue":42.5,"currency":"USD","sentAtMs":${sentAtMs}},"context":{"library":{"name":"analytics-node",` +
    `"version":"3.1.0"}},"timestamp":"${ts}","messageId":"${prefix}-${n}"}`;

  function send(count) {
    const sentAtMs = Date.now();
    const ts = new Date(sentAtMs).toISOString();
    const items = [];
    for (let i = 0; i < count; i++) items.push(event(seq++, sentAtMs, ts));
    const body = Buffer.from(`{"batch":[${items.join(",")}],"sentAt":"${ts}"}`);
    inFlight++;
    stats.sent += count;
    const req = http.request(
      {
        agent,
        hostname,
        port,
        path: "/v1/batch",
        method: "POST",
        headers: { "content-type": "application/json", authorization: auth, "content-length": String(body.length) },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          inFlight--;
          if (res.statusCode === 200) stats.acked += count;
          else {
            stats.failed += count;
            stats.firstError ??= `HTTP ${res.statusCode}`;
          }
        });
      },
    );
    req.on("error", (err) => {
      inFlight--;
      stats.failed += count;
      stats.firstError ??= err.message;
    });
    req.end(body);
  }

  const timer = setInterval(() => {
    const now = performance.now();
    owed += (currentRate * (now - last)) / 1000;
    last = now;
    while (owed >= 1) {
      const count = Math.min(MAX_BATCH, Math.floor(owed));
      owed -= count;
      if (inFlight >= maxInFlight) stats.skipped += count;
      else send(count);
    }
  }, TICK_MS);

  return {
    stats,
    setRate(next) {
      currentRate = next;
    },
    /** Stops sending and waits (up to 10 s) for the answers still outstanding. */
    async stop() {
      clearInterval(timer);
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      agent.destroy();
    },
  };
}
