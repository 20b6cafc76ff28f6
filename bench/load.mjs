// A small closed-loop HTTP load generator: `connections` keep-alive connections, each sending its next request
// as soon as the previous answer arrived, for a fixed time. Records every request's latency (ms) for p50/p99.
import http from "node:http";

/**
 * @param {object} o
 * @param {string} o.url base URL, e.g. http://127.0.0.1:3000
 * @param {string} o.path request path
 * @param {Record<string,string>} o.headers request headers (Content-Length is added)
 * @param {() => string} o.body returns the next request body (called once per request)
 * @param {number} o.connections concurrent connections
 * @param {number} o.seconds how long to send
 * @param {number} [o.ratePerSec] offer at most this many requests per second in all (each connection paced to
 *   its share: an open loop within the closed one), e.g. to exceed a rate limit by a known factor
 */
export async function runLoad({ url, path, headers, body, connections, seconds, ratePerSec }) {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const latencies = [];
  const okLatencies = [];
  const statuses = {};
  let errors = 0;
  let firstError;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const one = () =>
    new Promise((resolve) => {
      const payload = Buffer.from(body());
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          hostname,
          port,
          path,
          method: "POST",
          headers: { ...headers, "Content-Length": String(payload.length) },
        },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => {
            const ms = performance.now() - t0;
            latencies.push(ms);
            if (res.statusCode === 200) okLatencies.push(ms);
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on("error", (err) => {
        errors++;
        firstError ??= err.message;
        resolve();
      });
      req.end(payload);
    });

  const loop = async (n) => {
    const every = ratePerSec ? (1000 * connections) / ratePerSec : 0; // ms between one connection's sends
    let due = started + (every * n) / connections;
    while (performance.now() < deadline) {
      if (every) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        due += every;
      }
      await one();
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, n) => loop(n)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  okLatencies.sort((a, b) => a - b);
  const pct = (p, of = latencies) => (of.length ? of[Math.min(of.length - 1, Math.floor(p * of.length))] : NaN);
  const ok = statuses[200] ?? 0;
  return {
    elapsed,
    requests: latencies.length,
    ok,
    statuses,
    errors,
    firstError,
    rps: ok / elapsed,
    p50: pct(0.5),
    p99: pct(0.99),
    /** p99 of the answers that were 200 (under a rate limit, the calls it let through). */
    okP99: pct(0.99, okLatencies),
    max: latencies.at(-1) ?? NaN,
  };
}
