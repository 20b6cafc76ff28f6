import "server-only";
import { performAction } from "@/lib/destinations/perform";
import type { HttpExchange } from "@/lib/destinations/types";
import type { SegmentEvent } from "./route";

// The worker's port to lib/destinations/perform.ts (mapping → validation → perform/performBatch, the one
// outbound HTTP client, error classification). Tests and benchmarks may pass another function of this shape.

export interface PerformInput {
  slug: string;
  settings: Record<string, unknown>;
  actionKey: string;
  mapping: Record<string, unknown>;
  events: SegmentEvent[];
  batch?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PerformItem {
  ok: boolean;
  retryable: boolean;
  status?: number;
  error?: string;
  retryAfterMs?: number;
  payload?: object;
}

export interface PerformResult {
  /** One per input event, in order. */
  items: PerformItem[];
  exchanges: HttpExchange[];
  durationMs: number;
}

export type PerformFn = (input: PerformInput) => Promise<PerformResult>;

export const defaultPerform: PerformFn = (input) => performAction(input) as Promise<PerformResult>;
