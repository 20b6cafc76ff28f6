// The fuzzer's HTTP side: raw sockets (so any bytes can be sent), a JSON GET for the events API, an SSE reader.
import http from "node:http";
import net from "node:net";

/** The request bytes of a framed case; Content-Length from the body unless the case set its own framing. */
export function serialize(c, host) {
  if (c.raw) return c.raw;
  const lines = [`${c.method} ${c.path} HTTP/1.1`, `Host: ${host}`, "Connection: close"];
  for (const [k, v] of Object.entries(c.headers)) lines.push(`${k}: ${v}`);
  if (c.body.length || c.method === "POST") lines.push(`Content-Length: ${c.body.length}`);
  return Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1"), c.body]);
}

/**
 * Sends bytes and resolves with the answer's status (a number), "closed" when the server hung up without an
 * answer (as Node's parser does on broken framing), or "no-answer" when it still waits for bytes we never send.
 */
export function send({ port, bytes, waitMs }) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    let head = "";
    let isDone = false;
    const finish = (result) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish("no-answer"), waitMs);
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (m) finish(Number(m[1]));
      else if (head.length > 64) finish("garbled");
    });
    socket.on("error", () => finish(head ? "garbled" : "closed"));
    socket.on("close", () => finish("closed"));
    // The server may answer (a limit, a refused key) and close before it has read everything: that is fine.
    socket.write(bytes, () => undefined);
  });
}

export function getJson(base, path, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers, agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          let body;
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode, body });
        });
      })
      .on("error", reject);
  });
}

/** Opens the debugger's stream; counts the events it delivers and remembers any it could not parse. */
export function openStream(base, path, headers) {
  const state = { status: 0, events: 0, bad: 0, ended: false, error: undefined, close: () => {} };
  const req = http.get(`${base}${path}`, { headers, agent: false }, (res) => {
    state.status = res.statusCode;
    let buffer = "";
    res.setEncoding("utf8");
    res.on("data", (d) => {
      buffer += d;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split("\n")
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("");
        if (!data) continue;
        try {
          JSON.parse(data);
          state.events++;
        } catch {
          state.bad++;
        }
      }
    });
    res.on("end", () => (state.ended = true));
  });
  req.on("error", (err) => (state.error = err.message));
  state.close = () => req.destroy();
  return state;
}
