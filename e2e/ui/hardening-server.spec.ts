import net from "node:net";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { freshDatabase, startServer, type ExtraServer } from "../fixtures/extra-server";
import { rawRequest, signInOverHttp } from "../fixtures/raw-http";

// server.js's limits, over real sockets: a client that trickles its request is cut off, one address cannot
// hold every connection, and the debugger's long-lived event stream is not a "slow request".
const main = new URL(baseURL);

function connect(port: number, from: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress: from }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Resolves when the server closes the socket, with whatever it answered before closing. */
function closedByServer(socket: net.Socket): Promise<string> {
  let answer = "";
  socket.on("data", (d) => (answer += d.toString()));
  socket.on("error", () => {});
  return new Promise((resolve) => socket.once("close", () => resolve(answer)));
}

/** Sends a request's first bytes and then one more header byte each 300 ms, never finishing. */
function trickleHeaders(socket: net.Socket): () => void {
  socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
  const timer = setInterval(() => socket.writable && socket.write("a"), 300);
  return () => clearInterval(timer);
}

test("the default server closes a client that never finishes its headers", async () => {
  test.setTimeout(60_000);
  const socket = await connect(Number(main.port), "127.0.0.20");
  const stop = trickleHeaders(socket);
  const answer = await closedByServer(socket); // headersTimeout: 10 s
  stop();
  expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  expect((await rawRequest(baseURL, { path: "/api/health", from: "127.0.0.20" })).status).toBe(200);
});

test("a request target that is no URL path answers 400, not 500", async () => {
  const socket = await connect(Number(main.port), "127.0.0.22");
  const answer = new Promise<string>((resolve) => {
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => resolve(text));
  });
  socket.end("POST * HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  expect(await answer).toMatch(/^HTTP\/1\.1 400/);
  for (const path of ["/api/workspaces/%FF/events", "/v1/projects/%E0%A4%A/settings"]) {
    const res = await rawRequest(baseURL, { path, from: "127.0.0.22" });
    expect(res.status, path).toBe(400);
  }
});

test("one address gets at most SLUICE_MAX_CONNECTIONS_PER_ADDRESS connections (default 256)", async () => {
  const port = Number(main.port);
  const held: net.Socket[] = [];
  try {
    for (let i = 0; i < 256; i++) held.push(await connect(port, "127.0.0.21"));
    const extra = await connect(port, "127.0.0.21");
    const refused = closedByServer(extra);
    extra.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    expect(await refused).toBe(""); // closed without an answer
    // Other addresses are not affected, and a freed slot is usable again.
    expect((await rawRequest(baseURL, { path: "/api/health", from: "127.0.0.22" })).status).toBe(200);
    held.pop()!.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await rawRequest(baseURL, { path: "/api/health", from: "127.0.0.21" })).status).toBe(200);
  } finally {
    for (const s of held) s.destroy();
  }
});

test.describe("with short timeouts, a small cap and a trusted proxy", () => {
  const admin = { email: "limits@example.test", password: "limits password 1" };
  let server: ExtraServer;
  let drop: () => Promise<void>;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const db = await freshDatabase(`/tmp/sluice-e2e-limits-${main.port}`);
    drop = db.drop;
    server = await startServer(Number(main.port) + 9, {
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: "e2e-limits-secret",
      SLUICE_ADMIN_EMAIL: admin.email,
      SLUICE_ADMIN_PASSWORD: admin.password,
      SLUICE_HEADERS_TIMEOUT_MS: "1000",
      SLUICE_REQUEST_TIMEOUT_MS: "2000",
      SLUICE_MAX_CONNECTIONS_PER_ADDRESS: "3",
      SLUICE_TRUST_PROXY: "127.0.0.1",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  test("slow headers and slow bodies are cut off; the event stream outlives the request timeout", async () => {
    const port = Number(new URL(server.base).port);
    const slowHeaders = await connect(port, "127.0.0.30");
    const stop = trickleHeaders(slowHeaders);
    expect(await closedByServer(slowHeaders)).toMatch(/^HTTP\/1\.1 408|^$/);
    stop();

    const slowBody = await connect(port, "127.0.0.31");
    slowBody.write(
      "POST /v1/t HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    const dribble = setInterval(() => slowBody.writable && slowBody.write(" "), 300);
    expect(await closedByServer(slowBody)).toMatch(/^HTTP\/1\.1 408|^$/);
    clearInterval(dribble);

    const { cookie } = await signInOverHttp(server.base, admin, { from: "127.0.0.32" });
    expect(cookie).toBeTruthy();
    const workspaces = await rawRequest(server.base, { path: "/api/workspaces", headers: { cookie: cookie! } });
    const workspaceId = JSON.parse(workspaces.body).workspaces[0].id as string;
    const source = await rawRequest(server.base, {
      method: "POST",
      path: `/api/workspaces/${workspaceId}/sources`,
      headers: { cookie: cookie!, "content-type": "application/json" },
      body: JSON.stringify({ type: "nodejs", name: "Limits" }),
    });
    const writeKey = JSON.parse(source.body).writeKey as string;

    const stream = await fetch(`${server.base}/api/workspaces/${workspaceId}/events/stream`, {
      headers: { cookie: cookie!, accept: "text/event-stream" },
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let received = "";
    const sawEvent = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        received += new TextDecoder().decode(value);
        if (received.includes("After The Timeout")) return true;
      }
    })();
    await new Promise((r) => setTimeout(r, 5000)); // more than twice the 2 s request timeout
    const track = await rawRequest(server.base, {
      method: "POST",
      path: "/v1/t",
      headers: {
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ userId: "u1", event: "After The Timeout" }),
    });
    expect(track.status).toBe(200);
    expect(await sawEvent).toBe(true);
    await reader.cancel();
  });

  test("the cap counts socket addresses; a trusted proxy is exempt and may say https", async () => {
    const port = Number(new URL(server.base).port);
    const held: net.Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) held.push(await connect(port, "127.0.0.40"));
      const fourth = await connect(port, "127.0.0.40");
      const refused = closedByServer(fourth);
      fourth.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      expect(await refused).toBe("");
      for (let i = 0; i < 5; i++) held.push(await connect(port, "127.0.0.1")); // the proxy: no cap
      const viaProxy = await rawRequest(server.base, {
        path: "/api/health",
        from: "127.0.0.1",
        headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" },
      });
      expect(viaProxy.status).toBe(200);
      expect(viaProxy.headers["strict-transport-security"]).toBe("max-age=31536000");
    } finally {
      for (const s of held) s.destroy();
    }
    // Anyone else saying https is not believed.
    const direct = await rawRequest(server.base, {
      path: "/api/health",
      from: "127.0.0.41",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(direct.headers["strict-transport-security"]).toBeUndefined();
  });
});
