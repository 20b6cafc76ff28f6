import "server-only";
import crypto from "node:crypto";

/** A random secret with a readable prefix, e.g. `sk_live_…` for App API keys. */
export function generateToken(prefix: string, bytes = 24): string {
  return `${prefix}${crypto.randomBytes(bytes).toString("base64url")}`;
}

/** Tokens are stored as SHA-256 hashes: they are long random strings, so a slow hash buys nothing. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
