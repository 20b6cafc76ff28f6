"use client";
import Link from "next/link";
import { formatDate } from "@/lib/format";
import type { Source } from "@/lib/queries/sources";

/**
 * Calls a rate limit refused are answered 429 and never stored (no row per refused call): the debugger says how
 * many there were per source, with a way to the limit's setting, so a gap in the list has its explanation.
 */
export function RateLimitedNotice({ workspaceId, sources }: { workspaceId: string; sources: Source[] }) {
  const limited = sources.filter((s) => s.limitedCalls > 0);
  if (limited.length === 0) return null;
  return (
    <ul className="mb-4 space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {limited.map((s) => (
        <li key={s.id} data-testid="rate-limited-notice">
          {s.limitedCalls.toLocaleString("en-US")} {s.limitedCalls === 1 ? "call" : "calls"} from {s.name} refused by
          its rate limit (429){s.lastLimitedAt ? `, the last ${formatDate(s.lastLimitedAt)}` : ""} — not stored.{" "}
          <Link
            href={`/${workspaceId}/sources/${s.id}/settings`}
            className="font-medium underline underline-offset-2 hover:text-amber-950"
          >
            Rate limit settings
          </Link>
        </li>
      ))}
    </ul>
  );
}
