import type { CallType } from "./calls";

// The HTTP-stack-independent request and response of the ingest pipeline (Web and node:http adapt to these).

export type IngestKind = CallType | "batch" | "metrics";

export interface IngestRequest {
  method: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
  remoteAddress?: string;
}

export interface IngestResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}
