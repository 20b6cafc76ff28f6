// Nesting depth of JSON, measured without recursion. JSON.stringify (and every recursive walk: React
// rendering, mapping-kit, destinations) overflows the stack somewhere between 4,000 and 10,000 levels, so a
// payload nested that deep must be refused at ingest and handled as plain text by every reader.
// V8's JSON.parse is iterative: any depth that fits in the ingest limits parses (json-depth.test.ts pins
// this), so depth is measured on the parsed value. That walk costs about an eighth of the parse; a scan of
// the text for brackets outside strings costs about half of it, on a typical 100-call batch.

/** Segment-compatible ingest limit: a call nested deeper than this (the call object is level 1) is rejected. */
export const MAX_CALL_DEPTH = 64;

/** The nesting depth of a parsed value (an object or array is 1 deeper than its members); stops early and
 *  returns `cap + 1` once deeper than `cap`. Own keys only: a polluted Object.prototype cannot loop it. */
export function valueDepth(value: unknown, cap = Infinity): number {
  if (typeof value !== "object" || value === null) return 0;
  // A small cap bounds the recursion (cap + 1 frames): no work stacks, no arrays of members (the ingest path
  // measures every body; allocation here showed as garbage collection). Without one, iteratively.
  return cap <= RECURSION_CAP ? depthWithin(value, 1, cap) : depthIteratively(value, cap);
}

const RECURSION_CAP = 256;

function depthWithin(node: object, depth: number, cap: number): number {
  if (depth > cap) return depth;
  let max = depth;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (typeof child === "object" && child !== null) {
        const d = depthWithin(child, depth + 1, cap);
        if (d > max && (max = d) > cap) return max;
      }
    }
    return max;
  }
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    const child: unknown = (node as Record<string, unknown>)[key];
    if (typeof child === "object" && child !== null) {
      const d = depthWithin(child, depth + 1, cap);
      if (d > max && (max = d) > cap) return max;
    }
  }
  return max;
}

function depthIteratively(value: object, cap: number): number {
  let max = 0;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > max) {
      max = depth;
      if (max > cap) return cap + 1;
    }
    const members: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (let i = 0; i < members.length; i++) {
      const child = members[i];
      if (typeof child === "object" && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
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
