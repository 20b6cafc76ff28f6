import { env } from "@/lib/env";

/** SLUICE_PUBLIC_URL, else the host and scheme the request came to (through a proxy's X-Forwarded-*). */
export function publicOrigin(req: Request): { host: string; protocol: "http" | "https" } {
  const configured = env.publicUrl;
  if (configured) {
    const url = new URL(configured);
    return {
      host: `${url.host}${url.pathname.replace(/\/+$/, "")}`,
      protocol: url.protocol === "https:" ? "https" : "http",
    };
  }
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]!.trim() || req.headers.get("host") || url.host;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]!.trim() || url.protocol.replace(":", "");
  return { host, protocol: proto === "https" ? "https" : "http" };
}

/** The public base URL, e.g. `https://cdp.example.com`, for links and snippets. */
export function publicBaseUrl(req: Request): string {
  const { protocol, host } = publicOrigin(req);
  return `${protocol}://${host}`;
}
