import { env } from "@/lib/env";
import { AppError } from "@/lib/api/errors";

// Cross-site request forgery: a page on another origin of the same site (another port of the host, a sibling
// subdomain) gets Sluice's SameSite=Lax session cookie sent with the forms and no-cors fetches it fires. Browsers
// say where such a request comes from (Origin; Sec-Fetch-Site where Origin is absent), so changes are accepted
// only from Sluice's own pages. Clients that send neither (curl, scripts) are not browsers and cannot be forged.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sluice's own origin(s) for this request: SLUICE_PUBLIC_URL's, else the host the request was sent to. */
function ownOrigins(req: Request): string[] {
  if (env.publicUrl) return [new URL(env.publicUrl).origin];
  const hosts = [req.headers.get("host"), req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()];
  return hosts
    .filter((h): h is string => !!h)
    .flatMap((host) => {
      // The scheme is not compared here: behind a TLS proxy the request says http while the page is https.
      try {
        return [new URL(`http://${host}`).host, new URL(`https://${host}`).host];
      } catch {
        return [];
      }
    });
}

function isOwnOrigin(origin: string, req: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin); // "null" (sandboxed frames, cross-origin redirects) does not parse
  } catch {
    return false;
  }
  return env.publicUrl ? ownOrigins(req).includes(url.origin) : ownOrigins(req).includes(url.host);
}

/** Throws 403 when a state-changing request comes from a page that is not Sluice's own. */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (origin !== null ? isOwnOrigin(origin, req) : site === null || site === "same-origin" || site === "none") return;
  throw new AppError(
    "forbidden",
    `This request came from another site (${origin ?? `Sec-Fetch-Site: ${site}`}); Sluice accepts changes only from its own pages or with an App API key`,
  );
}
