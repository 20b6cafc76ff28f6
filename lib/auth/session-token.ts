import "server-only";
import { getToken } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/env";
import { isSessionActive } from "@/lib/data/sessions";

/** The signed-in session in a request's cookies: user id and server-side session id. */
export type SessionRef = { userId: string; sessionId: string };

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return cookies;
}

/**
 * The session behind the request's session cookie, or null when there is none, it does not verify, or it was
 * signed out or has expired server-side. Takes plain headers (a Request's, or next/headers' for pages), so API
 * handlers, pages, the custom server and tests all share it.
 */
export async function readSession(headers: Headers): Promise<SessionRef | null> {
  const cookies = parseCookies(headers.get("cookie"));
  const token = await getToken({
    req: { headers, cookies } as never,
    secret: getAuthSecret(),
    // next-auth names the cookie __Secure-… when it was set over https (e.g. behind a TLS proxy).
    secureCookie: cookies.has("__Secure-next-auth.session-token"),
  });
  const { sub: userId, sid: sessionId } = token ?? {};
  if (typeof userId !== "string" || typeof sessionId !== "string") return null;
  return (await isSessionActive(sessionId, userId)) ? { userId, sessionId } : null;
}
