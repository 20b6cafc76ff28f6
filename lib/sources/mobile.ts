import { hostAndPath, isHttps } from "./escape";
import type { SnippetContext } from "./types";

// Shared by the mobile definitions: the Customer.io mobile SDKs (built on Segment's analytics-swift/-kotlin)
// take apiHost and cdnHost as "host/v1" and always connect over HTTPS.

export function mobileHosts(ctx: SnippetContext) {
  const host = `${hostAndPath(ctx.publicUrl)}/v1`;
  return { apiHost: host, cdnHost: host };
}

export function mobileNote(ctx: SnippetContext): string {
  const base =
    "apiHost and cdnHost point the SDK at this Sluice instead of Customer.io; cdpApiKey is this source's write key.";
  return isHttps(ctx.publicUrl)
    ? base
    : `${base} The mobile SDKs always use HTTPS: serve Sluice over TLS (SLUICE_PUBLIC_URL=https://…) before shipping.`;
}
