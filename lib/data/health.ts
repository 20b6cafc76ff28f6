import "server-only";
import { db, getDbKind } from "@/lib/db";

export async function checkDatabase(): Promise<{ ok: boolean; kind: string; latencyMs: number }> {
  const start = performance.now();
  let ok = true;
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (err) {
    console.error("[health] database check failed:", err);
    ok = false;
  }
  return { ok, kind: getDbKind(), latencyMs: Math.round(performance.now() - start) };
}
