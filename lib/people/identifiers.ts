import { PeopleError } from "./errors";

// A person is addressed by `id` (case-sensitive), `email` (case-insensitive) or the immutable `cio_id` Sluice
// generates; a bare path value is read the way Customer.io's Track API (and the customerio destination's
// resolveIdentifiers) reads it: `cio_<value>` is a cio_id, something shaped like an email an email, else an id.

export type Identifiers = { id?: string; email?: string; cio_id?: string };
export const MAX_IDENTIFIER_BYTES = 150;

// The shape check is loose on purpose (ajv's "email" format, which the destination uses, is close to this).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailLike(value: string): boolean {
  return EMAIL.test(value);
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** A path or merge value (`cio_abc`, `ann@example.com`, `u1`) as identifiers. */
export function identifierFromValue(value: string | number): Identifiers {
  const text = String(value);
  if (text.startsWith("cio_")) return { cio_id: text.slice(4) };
  if (isEmailLike(text)) return { email: normalizeEmail(text) };
  return { id: text };
}

function checkOne(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" && typeof value !== "number") {
    throw new PeopleError("invalid", `The identifier "${name}" must be a string`, `identifiers.${name}`);
  }
  const text = String(value);
  if (Buffer.byteLength(text) > MAX_IDENTIFIER_BYTES) {
    throw new PeopleError(
      "invalid",
      `The identifier "${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes`,
      `identifiers.${name}`,
    );
  }
  return text;
}

/** Identifiers from a v2 `identifiers` object (or a merge side), validated; at least one is required. */
export function parseIdentifiers(raw: unknown, field = "identifiers"): Identifiers {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PeopleError("invalid", `"${field}" must be an object with an id, email or cio_id`, field);
  }
  const r = raw as Record<string, unknown>;
  const out: Identifiers = {};
  const id = checkOne("id", r.id);
  const email = checkOne("email", r.email);
  const cio = checkOne("cio_id", r.cio_id);
  if (id !== undefined) out.id = id;
  if (email !== undefined) {
    if (!isEmailLike(email)) throw new PeopleError("invalid", `"${email}" is not an email address`, `${field}.email`);
    out.email = normalizeEmail(email);
  }
  if (cio !== undefined) out.cio_id = cio.startsWith("cio_") ? cio.slice(4) : cio;
  if (!out.id && !out.email && !out.cio_id) {
    throw new PeopleError("invalid", `"${field}" needs an id, an email or a cio_id`, field);
  }
  return out;
}

/** How a person is named in messages: the first identifier given. */
export function describeIdentifiers(ids: Identifiers): string {
  if (ids.cio_id) return `cio_id "${ids.cio_id}"`;
  if (ids.id) return `id "${ids.id}"`;
  return `email "${ids.email}"`;
}

/** The suppression list's keys for these identifiers. */
export function suppressionKeys(ids: { id?: string | null; email?: string | null }): string[] {
  const keys: string[] = [];
  if (ids.id) keys.push(`id:${ids.id}`);
  if (ids.email) keys.push(`email:${normalizeEmail(ids.email)}`);
  return keys;
}
