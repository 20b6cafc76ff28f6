import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { bodyToText, headersToObject, type ExchangeRecord } from "./http-exchange";
import { checkAddress, guardedLookup } from "./http-guard";
import { inProcessConnection } from "./in-process-host";

// The one outbound HTTP layer of every destination perform. actions-core sends through cross-fetch (node-fetch
// v2) and lets a definition's `extendRequest` return request options, including an `agent`; `guardDefinition`
// wraps a definition so every request it makes gets: a timeout, keep-alive connections, at most a few
// redirects and only on the same host, the private-address guard at connect time, and a record of the exchange.

export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_REDIRECTS = 3;

export class CrossHostRedirectError extends Error {
  readonly code = "SLUICE_CROSS_HOST_REDIRECT";
  constructor(from: UrlLike, to: UrlLike) {
    super(`The destination redirected from ${from.host} to another host (${to.host}); Sluice does not follow that.`);
    this.name = "CrossHostRedirectError";
  }
}

/** node-fetch hands the agent function a legacy `url.parse` result. */
type UrlLike = { href: string; host: string | null; hostname: string | null; protocol: string | null };

type ConnectTarget = { host: string; port: number; protocol: "http:" | "https:" };
type ConnectOverride = (target: ConnectTarget) => { host: string; port: number } | null;
let connectOverride: ConnectOverride | null = null;

type ConnectOptions = { host?: string; hostname?: string; port?: number | string; lookup?: unknown };
type CreateConnection = (options: ConnectOptions, cb: (err: Error | null, socket?: net.Socket) => void) => unknown;

/** Makes an agent's new connections pass the guard (IP literals here, names in the socket's lookup). */
function guardAgent<A extends http.Agent>(agent: A, protocol: ConnectTarget["protocol"]): A {
  const holder = agent as unknown as { createConnection: CreateConnection };
  const original = holder.createConnection.bind(agent);
  holder.createConnection = (options, cb) => {
    const host = (options.host ?? options.hostname ?? "localhost").replace(/^\[|\]$/g, "");
    const port = Number(options.port) || (protocol === "https:" ? 443 : 80);
    // A host served in this process (the Journeys destination → Sluice's Track API): an in-memory socket.
    const local = inProcessConnection(host);
    if (local) return local;
    const redirected = connectOverride?.({ host, port, protocol });
    // Tests stand a local receiver in for a vendor's host: plain TCP to it, whatever the URL's scheme.
    if (redirected) return net.connect(redirected.port, redirected.host);
    if (net.isIP(host)) {
      const refused = checkAddress(host, host);
      if (refused) {
        process.nextTick(() => cb(refused));
        return undefined;
      }
    }
    return original({ ...options, lookup: guardedLookup }, cb);
  };
  return agent;
}

// Keep-alive pools shared by every perform of the process; idle sockets are closed after a few seconds, before
// typical servers (Node's default keepAliveTimeout is 5 s) close them under a request.
const agentOptions: http.AgentOptions = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 4_000 };
let agents = createAgents();

function createAgents() {
  return {
    http: guardAgent(new http.Agent({ ...agentOptions }), "http:"),
    https: guardAgent(new https.Agent({ ...agentOptions }), "https:"),
  };
}

/** The shared keep-alive pool (guarded) for a URL's protocol: the plain-HTTP client (http-send.ts) uses it too. */
export function pooledAgent(protocol: string): http.Agent {
  return protocol === "https:" ? agents.https : agents.http;
}

/** Test-only: send connections for matching hosts to a local receiver instead (e.g. api.mixpanel.com → 127.0.0.1). */
export function setConnectOverrideForTests(override: ConnectOverride | null) {
  connectOverride = override;
  resetAgents();
}

/** Closes every pooled connection (tests between receivers; the worker on shutdown). */
export function resetAgents() {
  agents.http.destroy();
  agents.https.destroy();
  agents = createAgents();
}

/** Per-perform settings, the list its exchanges are recorded into, and what the perform was given (set by
 *  perform-runtime.ts's instrumented actions): the payload, and the error a failed performBatch threw. */
export type OutboundContext = {
  timeoutMs?: number;
  records?: ExchangeRecord[];
  payload?: unknown;
  batchError?: unknown;
};
const contextStore = new AsyncLocalStorage<OutboundContext>();

/** The outbound settings of the perform running now (undefined outside one). */
export function outboundContext(): OutboundContext | undefined {
  return contextStore.getStore();
}

/** Runs `fn` (a perform) with these outbound settings; its requests are recorded into `context.records`. */
export function withOutboundContext<T>(context: OutboundContext, fn: () => T): T {
  return contextStore.run(context, fn);
}

// The request client calls `options.agent.destroy()` after every response; a function agent whose destroy does
// nothing keeps the shared pools (and their keep-alive sockets) alive. node-fetch calls it for the first URL and
// again for each redirect, which is where a redirect to another host is refused.
function agentFor(record: { firstUrl?: UrlLike; url?: string }) {
  const pick = (url: UrlLike) => {
    if (!record.firstUrl) {
      record.firstUrl = url;
      record.url = url.href;
    } else if (url.hostname !== record.firstUrl.hostname) throw new CrossHostRedirectError(record.firstUrl, url);
    return url.protocol === "https:" ? agents.https : agents.http;
  };
  pick.destroy = () => {};
  return pick;
}

type HookOptions = Record<string, unknown> & { headers?: unknown; method?: string; json?: unknown; body?: unknown };
type Captured = ExchangeRecord & { firstUrl?: UrlLike };

function beforeRequest(context: OutboundContext | undefined) {
  return (options: HookOptions) => {
    const headers = headersToObject(options.headers);
    if (options.json !== undefined) headers["content-type"] ??= "application/json";
    const record: Captured = {
      method: String(options.method ?? "GET").toUpperCase(),
      url: "",
      headers,
      body: bodyToText(options.body),
      startedAt: Date.now(),
      response: null,
    };
    context?.records?.push(record);
    const timeout = context?.timeoutMs ?? (options.timeout as number | undefined) ?? DEFAULT_TIMEOUT_MS;
    return { agent: agentFor(record), timeout, follow: MAX_REDIRECTS, sluiceExchange: record };
  };
}

type FetchRequest = { url: string; headers: unknown };
type FetchResponse = { status: number; headers: unknown; content?: string };

function afterResponse(_request: FetchRequest, options: HookOptions, response: FetchResponse) {
  const record = options.sluiceExchange as Captured | undefined;
  if (!record) return;
  record.headers = { ...record.headers, ...headersToObject(_request.headers) };
  record.response = {
    status: response.status,
    headers: headersToObject(response.headers),
    body: response.content ?? "",
  };
  record.endedAt = Date.now();
}

/** Fills in, on every request that got no response, the error it ended with. */
export function finishRecords(records: ExchangeRecord[], error: unknown) {
  for (const record of records) {
    if (record.response || record.error !== undefined) continue;
    record.error = error instanceof Error ? error.message : String(error ?? "No response");
    record.endedAt ??= Date.now();
  }
}

type Extension = Record<string, unknown> & { beforeRequest?: unknown[]; afterResponse?: unknown[] };
type Definition = { extendRequest?: (data: never) => Extension };

/** The definition with its requests going through this module (its own `extendRequest` still applies). */
export function guardDefinition<D extends object>(definition: D): D {
  const own = (definition as Definition).extendRequest;
  return {
    ...definition,
    extendRequest: (data: never) => {
      const base = own?.(data) ?? {};
      const context = contextStore.getStore();
      return {
        ...base,
        agent: agentFor({}),
        timeout: context?.timeoutMs ?? base.timeout ?? DEFAULT_TIMEOUT_MS,
        follow: MAX_REDIRECTS,
        beforeRequest: [...(base.beforeRequest ?? []), beforeRequest(context)],
        afterResponse: [...(base.afterResponse ?? []), afterResponse],
      };
    },
  };
}
