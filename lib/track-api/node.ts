import type http from "node:http";
import { handleTrackApi, type TrackApiOptions } from "./router";

// The Track API as a Node request listener: the Journeys destination's in-process host (and tests that want
// a real HTTP server in front of it).

function toRequest(req: http.IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = (req.method ?? "GET").toUpperCase();
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
}

export function trackApiListener(options: TrackApiOptions = {}): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handleTrackApi(toRequest(req, Buffer.concat(chunks)), options)
        .then(async (response) => {
          const text = await response.text();
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(text);
        })
        .catch((err) => {
          console.error("[track-api] in-process request failed", err);
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ meta: { error: "Internal error" } }));
        });
    });
  };
}
