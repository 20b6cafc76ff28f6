// Recreates a stored call as the analytics.js code that would have sent it (the debugger's "Pretty" view).

type Call = Record<string, unknown>;

const isObject = (v: unknown): v is Call => typeof v === "object" && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => !isObject(v) || Object.keys(v).length === 0;

/** A JavaScript literal: JSON with unquoted keys where that is valid JS. */
function literal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:");
}

/** A trailing argument that says nothing: missing, or no object (or an empty one) where an object goes. */
const saysNothing = (v: unknown) => typeof v !== "string" && isEmpty(v);

/** The variable a source's install snippet defines: the JavaScript source's is `cioanalytics`. */
export function snippetVariable(sourceType: string | undefined): string {
  return sourceType === "javascript" ? "cioanalytics" : "analytics";
}

function callOf(variable: string, method: string, args: unknown[]): string {
  while (args.length > 0 && saysNothing(args[args.length - 1])) args.pop();
  return `${variable}.${method}(${args.map((a) => (a === undefined ? "undefined" : literal(a))).join(", ")})`;
}

const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** What names a page or screen call: its name, else its path (properties, then context.page), else its URL. */
export function pageLabel(payload: unknown): string | null {
  if (!isObject(payload)) return null;
  const properties = isObject(payload.properties) ? payload.properties : {};
  const context = isObject(payload.context) ? payload.context : {};
  const page = isObject(context.page) ? context.page : {};
  return (
    text(payload.name) ??
    text(properties.path) ??
    text(page.path) ??
    text(properties.url) ??
    text(page.url) ??
    text(properties.title) ??
    null
  );
}

export function formatPrettyCall(payload: unknown, variable = "analytics"): string | null {
  if (!isObject(payload)) return null;
  const id = payload.userId ?? payload.anonymousId;
  const call = (method: string, args: unknown[]) => callOf(variable, method, args);
  switch (payload.type) {
    case "track":
      return call("track", [payload.event, payload.properties]);
    case "identify":
      // identify(traits) when only an anonymous visitor is described: no leading undefined.
      return payload.userId ? call("identify", [payload.userId, payload.traits]) : call("identify", [payload.traits]);
    case "page":
      // page(category, name, properties), page(name, properties) or page(properties): never a leading undefined.
      if (text(payload.category)) return call("page", [payload.category, payload.name ?? null, payload.properties]);
      return text(payload.name) ? call("page", [payload.name, payload.properties]) : call("page", [payload.properties]);
    case "screen":
      return text(payload.name)
        ? call("screen", [payload.name, payload.properties])
        : call("screen", [payload.properties]);
    case "group":
      return call("group", [payload.groupId, payload.traits]);
    case "alias":
      return call("alias", [id, payload.previousId]);
    default:
      return null;
  }
}

/** What Sluice added or corrected on the way in, for the detail panel. */
export function enrichmentOf(payload: unknown): { label: string; value: string }[] {
  if (!isObject(payload)) return [];
  const context = isObject(payload.context) ? payload.context : {};
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: unknown) => {
    if (typeof value === "string" && value) out.push({ label, value });
  };
  add("Received at", payload.receivedAt);
  add("Timestamp (corrected)", payload.timestamp);
  add("Sent at", payload.sentAt);
  add("IP", context.ip);
  add("Message ID", payload.messageId);
  return out;
}
