import "server-only";
import crypto from "node:crypto";
import { getEncryptionSecret } from "@/lib/env";

// Secrets at rest: AES-256-GCM with a key derived from the encryption secret. Format: v1.<iv>.<tag>.<ciphertext>.
const VERSION = "v1";

function key(): Buffer {
  return crypto.createHash("sha256").update(`sluice-secrets:${getEncryptionSecret()}`).digest();
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Unreadable encrypted secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** What lists show instead of a secret: its last four characters. */
export function maskSecret(plain: string): string {
  return `••••••••${plain.slice(-4)}`;
}
