import "server-only";
import type { JSONObject } from "@segment/actions-core";
import { core } from "./core";
import { loadDefinition } from "./definitions";
import { DEFAULT_TIMEOUT_MS, finishRecords, withOutboundContext, type OutboundContext } from "./http";
import { redactExchange, redactText, type ExchangeRecord } from "./http-exchange";
import { BATCH_FAILED, getRuntime, type Runtime } from "./perform-runtime";
import { classifyError, isRetryableStatus, parseRetryAfter, type FailedItem } from "./perform-errors";
import { definitionSecretKeys } from "./definition-secrets";
import type { HttpExchange } from "./types";

// One action of a destination performed for real: mapping → payload validation → perform / performBatch, through
// actions-core's Destination runtime and the outbound HTTP layer (lib/destinations/http.ts). The caller (the
// delivery worker, the action test endpoint) has already decided the action applies (integrations, trigger); this
// says, per event, whether it was delivered and, when not, whether trying again can help.

export type PerformInput = {
  slug: string;
  /** Plain (decrypted) destination settings. */
  settings: Record<string, unknown>;
  actionKey: string;
  mapping: Record<string, unknown>;
  /** Segment events (as stored by ingest). */
  events: Record<string, unknown>[];
  /** Send the events in one performBatch call when the action has one (else one perform per event). */
  batch?: boolean;
  /** Per request; 10 s by default. */
  timeoutMs?: number;
  signal?: AbortSignal;
};

export type PerformItem = {
  ok: boolean;
  retryable: boolean;
  status?: number;
  error?: string;
  retryAfterMs?: number;
  /** The mapped payload the action sent (absent when mapping or validation failed). */
  payload?: object;
};

export type PerformOutcome = {
  /** One per input event, in order. */
  items: PerformItem[];
  /** Every HTTP exchange the perform made, secrets redacted, bodies ≤ 8 KB. */
  exchanges: HttpExchange[];
  durationMs: number;
};

const secretKeysBySlug = new Map<string, string[]>();

/** The settings keys whose values are scrubbed from exchanges: the catalog's secrets and the password fields. */
function secretKeys(slug: string): string[] {
  let keys = secretKeysBySlug.get(slug);
  if (keys) return keys;
  keys = [...definitionSecretKeys(slug)]; // the catalog's secrets, read from the definition
  const fields = loadDefinition(slug).authentication?.fields ?? {};
  for (const [key, field] of Object.entries(fields)) if (field.type === "password") keys.push(key);
  keys = [...new Set(keys)];
  secretKeysBySlug.set(slug, keys);
  return keys;
}

function secretValues(slug: string, settings: Record<string, unknown>): string[] {
  return secretKeys(slug)
    .map((k) => settings[k])
    .filter((v): v is string => typeof v === "string" && v !== "");
}

// Empty form inputs are "not set" (as the settings API stores them); the runtime's own keys are not settings.
function destinationSettings(settings: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(settings).filter(
      ([k, v]) => v !== undefined && v !== null && v !== "" && !["subscription", "subscriptions", "oauth"].includes(k),
    ),
  );
}

function lastResponse(records: ExchangeRecord[]) {
  return [...records].reverse().find((r) => r.response)?.response ?? null;
}

// The payload is kept with the delivery and shown in the debugger: a secret mapped into it is scrubbed as well.
function redactItem(item: PerformItem, secrets: string[]): PerformItem {
  if (secrets.length === 0) return item;
  return {
    ...item,
    ...(item.error !== undefined ? { error: redactText(item.error, secrets) } : {}),
    ...(item.payload ? { payload: JSON.parse(redactText(JSON.stringify(item.payload), secrets)) } : {}),
  };
}

const allFailed = (count: number, failure: FailedItem): PerformItem[] => Array.from({ length: count }, () => failure);

export async function performAction(input: PerformInput): Promise<PerformOutcome> {
  const started = Date.now();
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const records: ExchangeRecord[] = [];
  let secrets: string[] = [];
  let items: PerformItem[];
  try {
    secrets = secretValues(input.slug, input.settings);
    items = await performWith(getRuntime(input.slug), input, timeoutMs, records);
  } catch (err) {
    // An unknown destination type, or a mapping the runtime cannot apply: nothing was sent.
    items = allFailed(input.events.length, classifyError(err, timeoutMs));
  }
  return {
    items: items.map((item) => redactItem(item, secrets)),
    exchanges: records.map((record) => redactExchange(record, secrets)),
    durationMs: Date.now() - started,
  };
}

async function performWith(runtime: Runtime, input: PerformInput, timeoutMs: number, records: ExchangeRecord[]) {
  if (!runtime.actions[input.actionKey]) {
    const error = `This destination has no action "${input.actionKey}"`;
    return allFailed(input.events.length, { ok: false, retryable: false, error });
  }
  const checked = checkedSettings(runtime, input.settings, timeoutMs);
  if ("failure" in checked) return allFailed(input.events.length, checked.failure);
  const settings = checked.settings;
  const context = { runtime, settings, timeoutMs, records, input };
  return input.batch && runtime.actions[input.actionKey].hasBatchSupport && input.events.length > 0
    ? performBatch(context)
    : performEach(context);
}

// The delivery worker passes the same settings object for every perform of a destination until it reloads its
// configuration: they are cleaned and validated once per object, not once per event.
const settingsChecks = new WeakMap<object, { settings: Record<string, unknown> } | { failure: FailedItem }>();

function checkedSettings(runtime: Runtime, plain: Record<string, unknown>, timeoutMs: number) {
  let checked = settingsChecks.get(plain);
  if (checked) return checked;
  const settings = destinationSettings(plain);
  try {
    runtime.validateSettings(settings);
    checked = { settings };
  } catch (err) {
    // Settings the definition refuses: nothing is sent until they are fixed.
    const failure = classifyError(err, timeoutMs);
    checked = { failure: { ...failure, retryable: false, error: `Settings: ${failure.error}` } };
  }
  settingsChecks.set(plain, checked);
  return checked;
}

type Context = {
  runtime: Runtime;
  settings: Record<string, unknown>;
  timeoutMs: number;
  records: ExchangeRecord[];
  input: PerformInput;
};

const interrupted: FailedItem = { ok: false, retryable: true, error: "Stopped before it was sent" };

async function performEach({ runtime, settings, timeoutMs, records, input }: Context): Promise<PerformItem[]> {
  const items: PerformItem[] = [];
  for (const event of input.events) {
    if (input.signal?.aborted) {
      items.push(interrupted);
      continue;
    }
    const own: ExchangeRecord[] = [];
    const context: OutboundContext = { timeoutMs, records: own };
    try {
      await withOutboundContext(context, () =>
        runtime.executeAction(input.actionKey, {
          event,
          mapping: input.mapping,
          settings,
          auth: core.getAuthData(settings as JSONObject),
          signal: input.signal,
        }),
      );
      const status = lastResponse(own)?.status;
      items.push({ ok: true, retryable: false, ...(status ? { status } : {}), payload: context.payload as object });
    } catch (err) {
      finishRecords(own, err);
      const payload = context.payload ? { payload: context.payload as object } : {};
      items.push({ ...classifyError(err, timeoutMs), ...payload });
    }
    records.push(...own);
  }
  return items;
}

type MultiStatusEntry = { status?: number; errormessage?: string; errortype?: string; sent?: unknown; body?: unknown };

async function performBatch({ runtime, settings, timeoutMs, records, input }: Context): Promise<PerformItem[]> {
  if (input.signal?.aborted) return allFailed(input.events.length, interrupted);
  const context: OutboundContext = { timeoutMs, records };
  const entries = (await withOutboundContext(context, () =>
    runtime.executeBatch(input.actionKey, {
      events: input.events,
      mapping: input.mapping,
      settings,
      auth: core.getAuthData(settings as JSONObject),
      signal: input.signal,
    }),
  )) as MultiStatusEntry[];
  if (context.batchError) finishRecords(records, context.batchError);
  const batchFailure = context.batchError ? classifyError(context.batchError, timeoutMs) : null;
  const response = lastResponse(records);
  const retryAfterMs = parseRetryAfter(response?.headers["retry-after"]);
  return input.events.map((_, i): PerformItem => {
    const entry = entries[i];
    const payload = entry?.sent && typeof entry.sent === "object" ? { payload: entry.sent as object } : {};
    if (!entry) return { ok: false, retryable: true, error: "The destination gave no answer for this event" };
    if (entry.errortype === BATCH_FAILED && batchFailure) return { ...batchFailure, ...payload };
    const status = entry.status ?? 200;
    if (status >= 200 && status < 300) return { ok: true, retryable: false, status, ...payload };
    const retryable = isRetryableStatus(status);
    return {
      ok: false,
      retryable,
      status,
      error: entry.errormessage || `HTTP ${status}`,
      ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...payload,
    };
  });
}
