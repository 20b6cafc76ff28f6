// The destinations' receivers for `npm run bench:pipeline`, in a process of their own: `count` plain node:http
// servers answering 200 to every POST. For each request they note the URL and the event's messageId
// (deliveries and duplicates per receiver) and, from `properties.sentAtMs` (set by the load generator when it sent the
// ingest call, same machine clock), the ingest → receiver latency. The parent asks over IPC:
// { cmd: "totals" } → per receiver { delivered, unique }; { cmd: "latencies" } → the samples since the last
// such call; { cmd: "reset" } → forget everything (between configurations).
import http from "node:http";

const count = Number(process.argv[2] ?? 3);
const seen = [];
const totals = [];
let latencies = [];

const messageIdPattern = /"messageId":"([^"]+)"/;
const sentAtPattern = /"sentAtMs":(\d+)/;

function reset() {
  for (let i = 0; i < count; i++) {
    seen[i] = new Set();
    totals[i] = { delivered: 0, unique: 0 };
  }
  latencies = [];
}
reset();

function serve(index) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const now = Date.now();
      res.writeHead(200, { "content-type": "application/json", "content-length": "11" });
      res.end('{"ok":true}');
      const id = messageIdPattern.exec(body)?.[1];
      const sentAt = Number(sentAtPattern.exec(body)?.[1]);
      const t = totals[index];
      t.delivered++;
      // Several destinations may share a receiver (their URLs differ in the query): one delivery per URL and event.
      const key = `${req.url} ${id}`;
      if (id && !seen[index].has(key)) {
        seen[index].add(key);
        t.unique++;
        if (sentAt) latencies.push(now - sentAt);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

const ports = [];
for (let i = 0; i < count; i++) ports.push(await serve(i));

process.on("message", (msg) => {
  if (msg.cmd === "totals") process.send({ id: msg.id, totals });
  else if (msg.cmd === "latencies") {
    process.send({ id: msg.id, latencies });
    latencies = [];
  } else if (msg.cmd === "reset") {
    reset();
    process.send({ id: msg.id, ok: true });
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true, ports });
