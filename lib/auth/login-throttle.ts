import "server-only";
import { db } from "@/lib/db";

// Repeated failed sign-ins are slowed down per (email, client address) and per email alone, so one address
// cannot guess passwords quickly and many addresses cannot gang up on one account. Counted in the database,
// so every web process shares the count and a restart forgets nothing.
const WINDOW_MS = 15 * 60_000;
const MAX_PER_CLIENT = 5;
const MAX_PER_EMAIL = 20;

/** The client a sign-in attempt is counted against: the first X-Forwarded-For address (set by the proxy in
 *  front of Sluice), else "unknown". Sign-in and invite acceptance must count the same way. */
export function clientAddress(forwardedFor: string | null | undefined): string {
  return forwardedFor?.split(",")[0]?.trim() || "unknown";
}

function keys(email: string, client: string) {
  return [`c:${email}|${client}`, `e:${email}`] as const;
}

/** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function loginRetryAfter(email: string, client: string, now = Date.now()): Promise<number> {
  const [clientKey, emailKey] = keys(email, client);
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: [clientKey, emailKey] }, resetAtMs: { gt: now } },
  });
  const blocked = rows.filter((r) => r.failures >= (r.key === clientKey ? MAX_PER_CLIENT : MAX_PER_EMAIL));
  return blocked.reduce((wait, r) => Math.max(wait, Number(r.resetAtMs) - now), 0);
}

/** Counts one failure for both keys (one statement each, atomic under concurrent sign-ins); a window that has
 *  run out starts again at 1. Drops expired counts on the way. */
export async function recordLoginFailure(email: string, client: string, now = Date.now()): Promise<void> {
  const resetAt = BigInt(now + WINDOW_MS);
  const current = BigInt(now);
  for (const key of keys(email, client)) {
    await db.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "resetAtMs") VALUES (${key}, 1, ${resetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."resetAtMs" <= ${current} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "resetAtMs" = CASE WHEN "LoginThrottle"."resetAtMs" <= ${current} THEN ${resetAt} ELSE "LoginThrottle"."resetAtMs" END`;
  }
  await db.loginThrottle.deleteMany({ where: { resetAtMs: { lte: current - BigInt(WINDOW_MS) } } });
}

export async function clearLoginFailures(email: string, client: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: { in: [...keys(email, client)] } } });
}
