import "server-only";
import { AppError } from "@/lib/api/errors";
import { getCatalogDestination } from "./catalog";
import { DEFAULT_TIMEOUT_MS, finishRecords, withOutboundContext } from "./http";
import { redactExchange, redactText, type ExchangeRecord } from "./http-exchange";
import { getRuntime } from "./perform-runtime";
import { secretFieldKeys, type Settings } from "./settings";
import type { HttpExchange } from "./types";

// "Test connection": the definition's own testAuthentication, with the real request (through the outbound HTTP
// layer: timeout, private-address guard) and the vendor's real error text.

export type ConnectionTestResult = { ok: boolean; error?: string; requests: HttpExchange[] };

export function secretValues(slug: string, settings: Settings): string[] {
  return secretFieldKeys(slug)
    .map((k) => settings[k])
    .filter((v): v is string => typeof v === "string" && v !== "");
}

export async function testConnection(slug: string, settings: Settings): Promise<ConnectionTestResult> {
  const entry = getCatalogDestination(slug);
  if (!entry?.hasAuthenticationTest) {
    throw new AppError("validation_failed", `${entry?.name ?? slug} has no connection test`, {
      fields: { slug: ["This destination type cannot test its credentials; send a test event from an action instead"] },
    });
  }
  const records: ExchangeRecord[] = [];
  const secrets = secretValues(slug, settings);
  let error: string | undefined;
  try {
    await withOutboundContext({ timeoutMs: DEFAULT_TIMEOUT_MS, records }, () =>
      getRuntime(slug).testAuthentication(settings),
    );
  } catch (err) {
    finishRecords(records, err);
    const issues = (err as { errors?: { message?: string }[] }).errors;
    error = Array.isArray(issues)
      ? `Settings: ${issues.map((i) => i.message).join(" ")}`
      : err instanceof Error
        ? err.message
        : String(err);
  }
  const requests = records.map((r) => redactExchange(r, secrets));
  return error === undefined ? { ok: true, requests } : { ok: false, error: redactText(error, secrets), requests };
}
