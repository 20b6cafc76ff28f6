// Nesting depth of JSON, measured without recursion. JSON.stringify (and every recursive walk: React
// rendering, mapping-kit, destinations) overflows the stack somewhere between 4,000 and 10,000 levels, so a
// payload nested that deep must be refused at ingest and handled as plain text by every reader.

/** Segment-compatible ingest limit: a call nested deeper than this (the call object is level 1) is rejected. */
export const MAX_CALL_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The deepest nesting of objects and arrays in a JSON text (a top-level object is 1), ignoring brackets
 * inside strings; stops early and returns `cap + 1` once deeper than `cap`. A linear scan: it works on any
 * text, valid JSON or not (a truncated body simply ends at some depth).
 */
export function jsonTextDepth(text: string, cap = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) {
        max = depth;
        if (max > cap) return cap + 1;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth > 0) depth--;
    }
  }
  return max;
}

/** The index of the quote closing the string that opens at `start` (or the end of the text). */
function stringEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return text.length;
    let backslashes = 0;
    for (let j = i - 1; j > start && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

/** The nesting depth of a parsed value (an object or array is 1 deeper than its members), capped like above. */
export function valueDepth(value: unknown, cap = Infinity): number {
  if (typeof value !== "object" || value === null) return 0;
  let max = 0;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) {
      max = depth;
      if (max > cap) return cap + 1;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return max;
}

/**
 * JSON text of a parsed value, as JSON.stringify would write it, but iterative and cut off after about
 * `maxChars` characters: the debugger's view of a call too deep to serialize normally.
 */
export function jsonPreview(value: unknown, maxChars: number): string {
  let out = "";
  // Work items: a value to write, or literal text (closing brackets, commas, keys).
  const stack: ({ text: string } | { value: unknown })[] = [{ value }];
  while (stack.length && out.length < maxChars) {
    const item = stack.pop()!;
    if ("text" in item) {
      out += item.text;
      continue;
    }
    const v = item.value;
    if (typeof v !== "object" || v === null) {
      out += JSON.stringify(v) ?? "null";
      continue;
    }
    const isArray = Array.isArray(v);
    const entries = isArray ? v.map((m, i) => [i, m] as const) : Object.entries(v);
    out += isArray ? "[" : "{";
    const pending: ({ text: string } | { value: unknown })[] = [];
    entries.forEach(([key, member], i) => {
      const prefix = (i > 0 ? "," : "") + (isArray ? "" : `${JSON.stringify(key)}:`);
      if (prefix) pending.push({ text: prefix });
      pending.push({ value: member });
    });
    pending.push({ text: isArray ? "]" : "}" });
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
  return out.length > maxChars ? out.slice(0, maxChars) : out;
}
