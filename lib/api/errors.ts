import { ZodError } from "zod";

// One table maps an error code to its HTTP status; handlers throw AppError and never build error responses.
const statusByCode = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** Field errors keyed by dotted path, the shape forms map back onto their inputs. */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function isPrismaError(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
}

/** Turns anything thrown by a handler into the error envelope; unknown errors are logged, never echoed. */
export function toErrorResponse(err: unknown): Response {
  let error: AppError;
  if (err instanceof AppError) error = err;
  else if (err instanceof ZodError)
    error = new AppError("validation_failed", "Some fields are invalid", { fields: zodFieldErrors(err) });
  else if (isPrismaError(err, "P2002")) error = new AppError("conflict", "That already exists");
  else if (isPrismaError(err, "P2025")) error = new AppError("not_found", "Not found");
  else {
    const requestId = crypto.randomUUID();
    console.error(`[api] request ${requestId} failed:`, err);
    error = new AppError("internal_error", `Something went wrong on our side (request id ${requestId})`);
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return Response.json(body, { status: error.status, headers: error.headers });
}

function isJsonType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || !!type?.endsWith("+json");
}

/**
 * Reads a JSON body; a body that is not JSON is a 400 with a message a person understands. Browsers send
 * cookies with cross-site forms (text/plain, urlencoded, multipart) but never with a cross-site
 * `application/json` body without a CORS preflight, so a signed-in caller must label the body as JSON (415
 * otherwise). App API key callers (Bearer) cannot be forged and may leave the type out.
 */
export async function readJson(req: Request): Promise<unknown> {
  const contentType = req.headers.get("content-type");
  const text = await req.text();
  const isBearer = /^Bearer\s/i.test(req.headers.get("authorization") ?? "");
  if (!isBearer && !isJsonType(contentType) && (contentType !== null || text.trim())) {
    throw new AppError(
      "unsupported_media_type",
      `Send the body as JSON with \`Content-Type: application/json\` (this one is ${contentType ?? "unlabelled"})`,
    );
  }
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}
