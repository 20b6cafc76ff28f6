// Browser-side fetch for the management API: JSON in and out, errors thrown as ApiError with the envelope's
// code, message and field details, so forms can put a 422's messages back onto their inputs.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: { fields?: Record<string, string[]> } & Record<string, unknown>,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const text = await res.text();
  const data = text ? safeParse(text) : undefined;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: ApiError["details"] } })?.error;
    throw new ApiError(
      res.status,
      err?.code ?? "error",
      err?.message ?? `Request failed (${res.status})`,
      err?.details,
    );
  }
  return data as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Puts a 422's field errors onto the form; returns the message to show when the error is not about fields. */
export function applyFieldErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>): string | null {
  if (err instanceof ApiError && err.status === 422 && err.details?.fields) {
    for (const [field, messages] of Object.entries(err.details.fields)) {
      setError(field as Path<T>, { type: "server", message: messages.join(" ") });
    }
    return null;
  }
  return err instanceof Error ? err.message : "Something went wrong";
}
