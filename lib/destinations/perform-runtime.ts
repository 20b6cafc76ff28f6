import "server-only";
import crypto from "node:crypto";
import type { JSONObject } from "@segment/actions-core";
import { core } from "./core";
import { loadDefinition } from "./definitions";
import { guardDefinition, outboundContext } from "./http";
import { isPlainRequest, plainRequest } from "./http-send";

// actions-core's Destination runtime for one definition, built once per process: its requests go through the
// outbound HTTP layer, and each action is instrumented for performAction.

// executeAction / executeBatch are public at run time but `protected` in the typings.
type ExecuteInput = {
  mapping: Record<string, unknown>;
  settings: Record<string, unknown>;
  auth: unknown;
  signal?: AbortSignal;
};
export type Runtime = Omit<InstanceType<typeof core.Destination>, "executeAction" | "executeBatch"> & {
  executeAction(actionKey: string, input: ExecuteInput & { event: object }): Promise<unknown>;
  executeBatch(actionKey: string, input: ExecuteInput & { events: object[] }): Promise<unknown>;
};
const runtimes = new Map<string, Runtime>();
export const BATCH_FAILED = "SLUICE_BATCH_FAILED";

type ActionDef = { perform?: (...args: never[]) => unknown; performBatch?: (...args: never[]) => unknown };
type PerformFn = (request: unknown, data: { payload: unknown }) => Promise<unknown>;

// Wraps each action so the payload it was given is kept (the item's `payload`, in the perform's outbound context)
// and a failed performBatch becomes a multi-status answer: actions-core then keeps its per-item validation
// results instead of losing them to the throw.
function instrumentAction(action: ActionDef): ActionDef {
  const perform = action.perform as PerformFn | undefined;
  const performBatch = action.performBatch as PerformFn | undefined;
  return {
    ...action,
    ...(perform && {
      perform: (request: unknown, data: { payload: unknown }) => {
        const context = outboundContext();
        if (context) context.payload = data.payload;
        return perform(request, data);
      },
    }),
    ...(performBatch && {
      performBatch: async (request: unknown, data: { payload: unknown[] }) => {
        try {
          return await performBatch(request, data);
        } catch (err) {
          const context = outboundContext();
          if (context) context.batchError = err;
          const failed = new core.MultiStatusResponse();
          for (const sent of data.payload) {
            failed.pushErrorResponse({
              status: 500,
              errortype: BATCH_FAILED as "UNKNOWN_ERROR",
              errormessage: String(err),
              sent: sent as JSONObject,
            });
          }
          return failed;
        }
      },
    }),
  } as ActionDef;
}

type SignedData = { settings?: { sharedSecret?: unknown }; payload?: unknown };
type Extend = (data: SignedData) => { headers?: Record<string, string> } & Record<string, unknown>;

// Segment's Webhook signs `payload[0].data` also for a batch, whose body is every event's data in an array: the
// receiver could never verify X-Signature. Sign what is sent (the same JSON.stringify of the same array).
function signWebhookBatches<D extends { extendRequest?: unknown }>(definition: D): D {
  const own = definition.extendRequest as Extend | undefined;
  return {
    ...definition,
    extendRequest: (data: SignedData) => {
      const base = own?.(data) ?? {};
      const secret = data.settings?.sharedSecret;
      if (!Array.isArray(data.payload) || typeof secret !== "string" || !secret) return base;
      const body = JSON.stringify(data.payload.map((p: { data?: unknown }) => p.data));
      const signature = crypto.createHmac("sha1", secret).update(body, "utf8").digest("hex");
      return { ...base, headers: { ...base.headers, "X-Signature": signature } };
    },
  };
}

// Definitions whose requests are only a method, headers and a body: their actions send through the plain-HTTP
// client (http-send.ts) instead of actions-core's request client — the same mapping, validation and perform.
const PLAIN_HTTP = new Set(["webhook"]);

type RequestFn = (url: string, options?: unknown) => Promise<unknown>;
type ActionInternals = { createRequestClient(data: ExtendData): RequestFn };
type ExtendData = { signal?: AbortSignal } & SignedData;

/** Makes the action's requests go through the plain client; any option it does not know (and a definition
 *  extension other than headers) still goes through actions-core's client. */
function sendThroughPlainClient(action: object, extendRequest: Extend | undefined) {
  const internals = action as ActionInternals;
  const original = internals.createRequestClient.bind(action);
  internals.createRequestClient = (data) => {
    const extension = extendRequest?.(data) ?? {};
    const plain = Object.keys(extension).every((k) => k === "headers");
    return (url, options) =>
      plain && isPlainRequest(options)
        ? plainRequest(url, options, {
            headers: extension.headers,
            signal: data.signal,
            fetchResponse: Array.isArray(data.payload), // a batch: actions-core takes the status from a Response
          })
        : original(data)(url, options);
  };
}

export function getRuntime(slug: string): Runtime {
  let runtime = runtimes.get(slug);
  if (!runtime) {
    const loaded = loadDefinition(slug);
    const definition = slug === "webhook" ? signWebhookBatches(loaded) : loaded;
    const actions = Object.fromEntries(
      Object.entries(definition.actions).map(([key, action]) => [key, instrumentAction(action as ActionDef)]),
    );
    runtime = new core.Destination(
      guardDefinition({ ...definition, actions } as typeof definition),
    ) as unknown as Runtime;
    // Each Action re-emits every response to a list on the Destination that is never emptied: drop it.
    for (const action of Object.values(runtime.actions)) {
      action.removeAllListeners("response");
      if (PLAIN_HTTP.has(slug)) sendThroughPlainClient(action, definition.extendRequest as Extend | undefined);
    }
    runtimes.set(slug, runtime);
  }
  return runtime;
}
