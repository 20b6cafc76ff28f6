// Where to go after signing in. Browsers read `/\host`, `/<tab>/host` and the like as `//host`, another site,
// so a callback URL is parsed as a URL against Sluice's own origin and followed only when it stays there.
// Isomorphic: the login page, its form and next-auth's redirect callback share it.

/** The same-origin path (with query and hash) `raw` points to, or "/" when it leads anywhere else. */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return "/";
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // `//evil.test` as a path would again be read as another host when navigated to.
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}
