/** An attribute value as one line of text. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}

/** The name a person is shown under: their id, else their email, else their cio_id. */
export function personLabel(p: { externalId: string | null; email: string | null; cioId?: string }): string {
  return p.externalId ?? p.email ?? (p.cioId ? `cio_${p.cioId}` : "Unknown person");
}
