import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { makePrivateDir } from "@/lib/db/file-modes.mjs";

// The settings the app reads from the environment, with their defaults. The process-level ones live beside
// the code that needs them before Next loads (server.js and lib/server: port, proxies, timeouts; lib/ingest/
// config.ts: the rate limit). The README's configuration table lists all of them; keep it in step.
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

const secrets = new Map<string, string>();

/** The files Sluice generates in the data directory (kept 0600, see lib/db/file-modes.mjs). */
export const GENERATED_SECRET_FILES = ["auth-secret", "encryption-key"];

/** A random secret generated on first start and kept in the data directory, so `npm start` needs no
 *  configuration and the value survives restarts. Several processes must share it: set the variable then. */
function getGeneratedSecret(fileName: string): string {
  const cached = secrets.get(fileName);
  if (cached) return cached;
  const file = path.join(env.dataDir, fileName);
  let value: string;
  try {
    value = fs.readFileSync(file, "utf8").trim();
  } catch {
    makePrivateDir(env.dataDir);
    value = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, value, { flag: "wx", mode: 0o600 });
    } catch {
      value = fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
  secrets.set(fileName, value);
  return value;
}

/** Signs session cookies: NEXTAUTH_SECRET, or a generated one. */
export function getAuthSecret(): string {
  return process.env.NEXTAUTH_SECRET || getGeneratedSecret(GENERATED_SECRET_FILES[0]!);
}

/** Encrypts stored secrets (tracking API keys, destination credentials): SLUICE_ENCRYPTION_KEY, or a generated
 *  one. Kept apart from the session secret so rotating one does not make the other's data unreadable. */
export function getEncryptionSecret(): string {
  return process.env.SLUICE_ENCRYPTION_KEY || getGeneratedSecret(GENERATED_SECRET_FILES[1]!);
}
