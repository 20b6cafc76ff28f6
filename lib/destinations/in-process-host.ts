import http from "node:http";
import { Duplex } from "node:stream";

// Host names served in this process: a request to one goes over an in-memory socket to a Node HTTP server
// here, never to the network (no DNS, no port). The outbound layer (./http.ts) asks `inProcessConnection`
// before it connects, so these requests keep its timeout, records and redirect rules. The built-in Journeys
// destination registers Sluice's own Track API this way.

class MemorySocket extends Duplex {
  peer: MemorySocket | null = null;
  readonly remoteAddress = "127.0.0.1";
  readonly remotePort = 0;
  readonly localAddress = "127.0.0.1";
  readonly localPort = 0;
  readonly remoteFamily = "IPv4";
  connecting = false;

  override _read() {}
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void) {
    if (this.peer && !this.peer.destroyed) this.peer.push(chunk);
    cb();
  }
  override _final(cb: (err?: Error | null) => void) {
    if (this.peer && !this.peer.destroyed) this.peer.push(null);
    cb();
  }
  override _destroy(err: Error | null, cb: (err: Error | null) => void) {
    if (this.peer && !this.peer.destroyed) this.peer.destroy();
    cb(err);
  }
  // What http.Agent and http.Server call on a net.Socket.
  setTimeout() {
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  address() {
    return { address: "127.0.0.1", family: "IPv4", port: 0 };
  }
}

const servers = new Map<string, http.Server>();

/** Serves requests to `hostname` (any port, http or https) with `listener`, in this process. */
export function registerInProcessHost(hostname: string, listener: http.RequestListener) {
  const server = http.createServer({ keepAliveTimeout: 4_000 }, listener);
  servers.get(hostname.toLowerCase())?.close();
  servers.set(hostname.toLowerCase(), server);
}

export function isInProcessHost(hostname: string): boolean {
  return servers.has(hostname.toLowerCase());
}

/** A client socket connected to the in-process server for `hostname`, or null when it is not one. */
export function inProcessConnection(hostname: string): Duplex | null {
  const server = servers.get(hostname.toLowerCase());
  if (!server) return null;
  const client = new MemorySocket();
  const serverSide = new MemorySocket();
  client.peer = serverSide;
  serverSide.peer = client;
  process.nextTick(() => {
    server.emit("connection", serverSide);
    client.emit("connect");
  });
  return client;
}
