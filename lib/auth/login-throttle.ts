import "server-only";

// Repeated failed sign-ins are slowed down per (email, client address) and per email alone, so one address
// cannot guess passwords quickly and many addresses cannot gang up on one account. Kept in memory: a restart
// forgets it, and each web process counts on its own (TODO(#5): share through Redis when scaled out).
const WINDOW_MS = 15 * 60_000;
const MAX_PER_CLIENT = 5;
const MAX_PER_EMAIL = 20;

type Bucket = { failures: number; resetAt: number };
const buckets = new Map<string, Bucket>();

function bucket(key: string, now: number): Bucket {
  let b = buckets.get(key);
  if (!b || b.resetAt <= now) {
    b = { failures: 0, resetAt: now + WINDOW_MS };
    buckets.set(key, b);
  }
  return b;
}

function keys(email: string, client: string) {
  return [`c:${email}|${client}`, `e:${email}`] as const;
}

/** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
export function loginRetryAfter(email: string, client: string, now = Date.now()): number {
  const [clientKey, emailKey] = keys(email, client);
  const c = bucket(clientKey, now);
  const e = bucket(emailKey, now);
  if (c.failures >= MAX_PER_CLIENT) return c.resetAt - now;
  if (e.failures >= MAX_PER_EMAIL) return e.resetAt - now;
  return 0;
}

export function recordLoginFailure(email: string, client: string, now = Date.now()): void {
  for (const key of keys(email, client)) bucket(key, now).failures++;
  if (buckets.size > 50_000) for (const [k, b] of buckets) if (b.resetAt <= now) buckets.delete(k);
}

export function clearLoginFailures(email: string, client: string): void {
  for (const key of keys(email, client)) buckets.delete(key);
}
