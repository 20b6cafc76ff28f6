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

function call(method: string, args: unknown[]): string {
  while (args.length > 0 && saysNothing(args[args.length - 1])) args.pop();
  return `analytics.${method}(${args.map((a) => (a === undefined ? "undefined" : literal(a))).join(", ")})`;
}

export function formatPrettyCall(payload: unknown): string | null {
  if (!isObject(payload)) return null;
  const id = payload.userId ?? payload.anonymousId;
  switch (payload.type) {
    case "track":
      return call("track", [payload.event, payload.properties]);
    case "identify":
      return call("identify", [payload.userId ?? undefined, payload.traits]);
    case "page":
      return payload.category
        ? call("page", [payload.category, payload.name, payload.properties])
        : call("page", [payload.name ?? undefined, payload.properties]);
    case "screen":
      return call("screen", [payload.name, payload.properties]);
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
