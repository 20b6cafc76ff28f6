import "server-only";
import { db } from "@/lib/db";

// Failed sign-ins are throttled two ways, counted in the database (every web process shares the counts and a
// restart forgets nothing):
// - per (email, client address): 5 failures and that client waits out the rest of a 15-minute window;
// - per email, whatever the address: past 5 failures every further attempt waits a delay that doubles with
//   each failure (1 s, 2 s, 4 s … at most a minute), the count forgotten after 15 quiet minutes. Guessing from
//   many addresses is slowed to one try a minute, yet the owner, from their own address, is never locked out
//   for longer than that delay.
const WINDOW_MS = 15 * 60_000;
const MAX_PER_CLIENT = 5;
const FREE_PER_EMAIL = 5;
const MAX_EMAIL_DELAY_MS = 60_000;

type HeaderSource = Headers | Record<string, unknown> | null | undefined;

/**
 * The client a sign-in attempt is counted against: the address server.js resolved from the socket (and
 * SLUICE_TRUST_PROXY's proxies) and passed in its own header. X-Forwarded-For itself is never read here: any
 * client can send it. Under plain `next start` there is no such header: every client is "unknown".
 */
export function clientAddress(headers: HeaderSource): string {
  const name = (globalThis as { sluiceServer?: { clientAddressHeader: string } }).sluiceServer?.clientAddressHeader;
  if (!name || !headers) return "unknown";
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  return (typeof value === "string" && value.trim()) || "unknown";
}

function keys(email: string, client: string) {
  return [`c:${email}|${client}`, `e:${email}`] as const;
}

/** How long the email waits after its latest failure, given how many failures it has. */
export function emailDelayMs(failures: number): number {
  if (failures <= FREE_PER_EMAIL) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_PER_EMAIL - 1), MAX_EMAIL_DELAY_MS);
}

/** Milliseconds until the next attempt is allowed, or 0 when it is allowed now; `reason` says which limit. */
export async function loginThrottle(
  email: string,
  client: string,
  now = Date.now(),
): Promise<{ waitMs: number; reason: "client" | "email" | null }> {
  const [clientKey, emailKey] = keys(email, client);
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: [clientKey, emailKey] }, resetAtMs: { gt: now } },
    select: { key: true, failures: true, resetAtMs: true },
  });
  let result: { waitMs: number; reason: "client" | "email" | null } = { waitMs: 0, reason: null };
  for (const row of rows) {
    const resetAt = Number(row.resetAtMs);
    const wait =
      row.key === clientKey
        ? row.failures >= MAX_PER_CLIENT
          ? resetAt - now
          : 0
        : resetAt - WINDOW_MS + emailDelayMs(row.failures) - now; // the email's window starts at its last failure
    if (wait > result.waitMs) result = { waitMs: wait, reason: row.key === clientKey ? "client" : "email" };
  }
  return result;
}

/** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function loginRetryAfter(email: string, client: string, now = Date.now()): Promise<number> {
  return (await loginThrottle(email, client, now)).waitMs;
}

/** Counts one failure against a client key in its fixed window (one statement: atomic under concurrency), and
 *  drops expired counts on the way. */
async function countClientFailure(clientKey: string, now: number): Promise<void> {
  const resetAt = BigInt(now + WINDOW_MS);
  const current = BigInt(now);
  await db.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "resetAtMs") VALUES (${clientKey}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."resetAtMs" <= ${current} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "resetAtMs" = CASE WHEN "LoginThrottle"."resetAtMs" <= ${current} THEN ${resetAt} ELSE "LoginThrottle"."resetAtMs" END`;
  await db.loginThrottle.deleteMany({ where: { resetAtMs: { lte: current - BigInt(WINDOW_MS) } } });
}

/** Counts one failure for both keys (one statement each, atomic under concurrent attempts). The client's window
 *  is fixed from its first failure; the email's slides with every failure. */
export async function recordLoginFailure(email: string, client: string, now = Date.now()): Promise<void> {
  const [clientKey, emailKey] = keys(email, client);
  const resetAt = BigInt(now + WINDOW_MS);
  await db.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "resetAtMs") VALUES (${emailKey}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."resetAtMs" <= ${BigInt(now)} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "resetAtMs" = ${resetAt}`;
  await countClientFailure(clientKey, now);
}

/** After a successful sign-in: that client starts afresh. The email's count is left to run out, so an
 *  attacker's guesses stay slowed while the owner signs in. */
export async function clearLoginFailures(email: string, client: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: keys(email, client)[0] } });
}

/**
 * Starts a sign-in attempt: checks both limits and, when the attempt may go ahead, counts it against the email
 * at once, as a failure, with a compare-and-set on the row — so guesses sent side by side cannot all pass the
 * check before the first of them has failed. `waitMs` 0: go ahead, then call finishLoginAttempt.
 */
export async function startLoginAttempt(
  email: string,
  client: string,
  now = Date.now(),
): Promise<{ waitMs: number; reason: "client" | "email" | null }> {
  const emailKey = keys(email, client)[1];
  for (let tries = 0; tries < 10; tries++) {
    const limit = await loginThrottle(email, client, now);
    if (limit.waitMs > 0) return limit;
    if (await claimEmailAttempt(emailKey, now)) return limit;
    // Another attempt counted first, or its count brought the delay on: look again.
  }
  return { waitMs: 1000, reason: "email" };
}

/** Counts an attempt against the email if, on the row as it is now, no delay applies; false otherwise. */
async function claimEmailAttempt(emailKey: string, now: number): Promise<boolean> {
  const resetAt = BigInt(now + WINDOW_MS);
  const row = await db.loginThrottle.findUnique({
    where: { key: emailKey },
    select: { failures: true, resetAtMs: true },
  });
  if (!row) {
    const inserted = await db.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "resetAtMs")
      VALUES (${emailKey}, 1, ${resetAt}) ON CONFLICT ("key") DO NOTHING`;
    return inserted === 1;
  }
  const isExpired = Number(row.resetAtMs) <= now;
  if (!isExpired && Number(row.resetAtMs) - WINDOW_MS + emailDelayMs(row.failures) > now) return false;
  const { count } = await db.loginThrottle.updateMany({
    where: { key: emailKey, failures: row.failures, resetAtMs: row.resetAtMs },
    data: { failures: isExpired ? 1 : row.failures + 1, resetAtMs: resetAt },
  });
  return count === 1;
}

/** Ends an attempt startLoginAttempt let through: a success takes back the email's count and clears the
 *  client's; a failure is counted against the client too. */
export async function finishLoginAttempt(
  email: string,
  client: string,
  isSuccess: boolean,
  now = Date.now(),
): Promise<void> {
  const [clientKey, emailKey] = keys(email, client);
  if (!isSuccess) return countClientFailure(clientKey, now);
  await db.loginThrottle.updateMany({
    where: { key: emailKey, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
  await clearLoginFailures(email, client);
}
