import "server-only";
import { db } from "@/lib/db";
import type { Tx } from "./persons";
import { DEFAULT_MERGE_WINDOW_DAYS } from "./window";

/** Who calls the store: the tracking key a call came in with (shown on the timeline), and "now" for tests. */
export type PeopleContext = { via?: string | null; now?: Date };

export type Outcome = { ok: true; ignored?: "suppressed" | "duplicate" | "not_found" };

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** Runs one operation in a transaction; a unique-key race with a concurrent writer is retried from scratch. */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { timeout: 15_000 });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

export async function mergeWindowDays(tx: Tx, workspaceId: string): Promise<number> {
  const row = await tx.workspaceSettings.findUnique({ where: { workspaceId }, select: { anonymousMergeWindow: true } });
  return row?.anonymousMergeWindow ?? DEFAULT_MERGE_WINDOW_DAYS;
}
