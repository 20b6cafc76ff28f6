import "server-only";
import { handleNodeIngest } from "./http";

// lib/ingest: the Segment / Customer.io-compatible /v1 ingest API (ARCHITECTURE.md, Ingest).

export { handleIngest, handleNodeIngest, handlePreflight, ingestKindForPath } from "./http";
export { processIngest } from "./handler";
export {
  ingestCalls,
  type IngestOptions,
  type IngestResult,
  type IngestSource,
  type RejectedCall,
} from "./ingest-calls";
export { REASON_CODES, type ReasonCode } from "./reason-codes";
export type { ServerHooks } from "./http";
export type { IngestKind } from "./types";
export { invalidateWriteKey, clearSourceCache } from "./write-keys";
export { getIngestStats } from "./state";
export { handleCdnSettings } from "./cdn-settings";
export { handleBundleChunk, handleAnalyticsNextChunk, handleSnippet } from "./browser-bundle";

/**
 * server.js is plain CommonJS run by node and cannot import this TypeScript. Instead, whenever Next.js
 * loads an ingest route (server.js warms one at start-up), this module registers its node:http handler on
 * globalThis; server.js then hands /v1/* requests straight to it, before Next's router. Until it is
 * registered, server.js simply lets Next serve /v1/* through the same route handlers: one implementation,
 * loaded once, with the state (event log writer, caches, live bus) shared through globalThis.
 */
(globalThis as unknown as { sluiceIngest?: { handleNodeIngest: typeof handleNodeIngest } }).sluiceIngest = {
  handleNodeIngest,
};
