import type { CallType } from "./calls";
import type { CachedSource } from "./state";

// The HTTP-stack-independent request and response of the ingest pipeline (Web and node:http adapt to these).

export type IngestKind = CallType | "batch" | "metrics";

export interface IngestRequest {
  method: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
  remoteAddress?: string;
  /** A door's faster way to read an unencoded body within `limit` bytes (throws IngestError past it). */
  readBody?: (limit: number, limitName: string) => Promise<Buffer>;
  /** The client's address as the server resolved it (trusted proxies only); else remoteAddress/X-Forwarded-For. */
  clientAddress?: () => string | undefined;
  /** The source the door already authenticated and counted against its rate limit (server.js's fast path). */
  authorized?: CachedSource;
}

export interface IngestResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}
