import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Every setting Sluice reads from the environment, with its default. The README's configuration table
// lists the same ones; keep them in step.
export const env = {
  get databaseUrl() {
    return process.env.DATABASE_URL || "file:./data/sluice.db";
  },
  get dataDir() {
    return path.resolve(/*turbopackIgnore: true*/ process.env.SLUICE_DATA_DIR || "data");
  },
  /** The URL browsers and SDKs use to reach this Sluice; when unset, derived from each request. */
  get publicUrl() {
    return process.env.SLUICE_PUBLIC_URL?.replace(/\/+$/, "") || undefined;
  },
  get isProduction() {
    return process.env.NODE_ENV === "production";
  },
};

let secret: string | undefined;

/**
 * NEXTAUTH_SECRET, or a random secret generated on first start and kept in the data directory, so that
 * `npm start` needs no configuration and sessions survive restarts. Several web processes must share
 * one: set NEXTAUTH_SECRET when scaling out.
 */
export function getAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (secret) return secret;
  const file = path.join(env.dataDir, "auth-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
  return secret;
}
