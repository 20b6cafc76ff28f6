import { parseFql, type Condition, type Subscription } from "@segment/destination-subscriptions";
import {
  conditionProblem,
  type Trigger,
  type TriggerCondition,
  type TriggerField,
  type TriggerOperator,
  type TriggerValue,
} from "./model";
import { triggerToFql } from "./to-fql";
import { checkTrigger } from "./validate";

// Reads FQL back into the builder's model when the builder can show it exactly, else says why not (and the
// editor keeps the FQL as text). "Exactly" is checked, not assumed: the model is written out again and must
// parse to the same tree, and the text must not mix `and` with `or` at one level (FQL would silently apply
// the last one to all) nor hold conditions the parser silently dropped (an unknown field between two `and`s).

export type FqlReading =
  | { fits: true; trigger: Trigger }
  /** `isInvalid`: the parser refused it (the API will too); else it is valid FQL the builder cannot show. */
  | { fits: false; isInvalid: boolean; reason: string };

const fieldKinds: Record<string, TriggerField["kind"]> = {
  "event-type": "type",
  event: "event",
  name: "name",
  userId: "userId",
  "event-property": "properties",
  "event-trait": "traits",
  "event-context": "context",
};

const simpleOperators: Partial<Record<string, TriggerOperator>> = {
  "=": "is",
  "!=": "is_not",
  number_equals: "is",
  number_not_equals: "is_not",
  "<": "lt",
  "<=": "lte",
  ">": "gt",
  ">=": "gte",
  contains: "contains",
  not_contains: "not_contains",
  starts_with: "starts_with",
  not_starts_with: "not_starts_with",
  ends_with: "ends_with",
  not_ends_with: "not_ends_with",
  exists: "exists",
  not_exists: "not_exists",
  is_true: "is",
  is_false: "is",
};

function toValue(node: { operator: string; value?: unknown }): TriggerValue | undefined {
  if (node.operator === "is_true" || node.operator === "is_false") {
    return { type: "boolean", value: node.operator === "is_true" };
  }
  if (node.value === undefined) return undefined;
  if (typeof node.value === "number") return { type: "number", value: node.value };
  if (typeof node.value === "boolean") return { type: "boolean", value: node.value };
  return { type: "string", value: String(node.value) };
}

function toCondition(node: Condition): TriggerCondition | null {
  if (node.type === "group") return null;
  const kind = fieldKinds[node.type];
  const operator = simpleOperators[node.operator];
  if (!kind || !operator) return null;
  const field: TriggerField =
    kind === "properties" || kind === "traits" || kind === "context"
      ? { kind, path: "name" in node ? node.name : "" }
      : { kind };
  const value = toValue(node);
  return value === undefined ? { field, operator } : { field, operator, value };
}

/** The `and`/`or` keywords outside strings, escapes and parentheses, as the FQL lexer would see them. */
export function topLevelCombinators(fql: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let word = "";
  const endWord = () => {
    if (depth === 0 && (word === "and" || word === "or")) found.push(word);
    word = "";
  };
  scan(fql, (ch, i, end) => {
    if (/[A-Za-z0-9_.-]/.test(ch) || ch === "\\") return void (word += fql.slice(i, end + 1));
    endWord();
    if (ch === "(") depth++;
    if (ch === ")") depth--;
  });
  endWord();
  return found;
}

function sameTree(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Calls `visit` for each character outside strings and escapes, with the index; strings are skipped whole. */
function scan(fql: string, visit: (ch: string, index: number, end: number) => void) {
  for (let i = 0; i < fql.length; i++) {
    const ch = fql[i]!;
    const end = ch === '"' || ch === "'" ? (fql.indexOf(ch, i + 1) + 1 || fql.length) - 1 : ch === "\\" ? i + 1 : i;
    visit(ch, i, end);
    i = end;
  }
}

/** The text inside one pair of parentheses around all of it, else the text itself. */
function unwrap(fql: string): string {
  const text = fql.trim();
  let depth = 0;
  let firstClose = -1;
  scan(text, (ch, i) => {
    if (ch === "(") depth++;
    if (ch === ")" && --depth === 0 && firstClose === -1) firstClose = i;
  });
  return text.startsWith("(") && firstClose === text.length - 1 ? text.slice(1, -1) : text;
}

/** The text without whitespace outside strings. */
function squash(fql: string): string {
  let out = "";
  scan(fql, (ch, i, end) => {
    if (!/\s/.test(ch)) out += fql.slice(i, end + 1);
  });
  return out;
}

/** The parser's own message when it wrote one; its crashes (a TypeError on odd input) say nothing useful. */
function readableParseError(error: Error): string {
  const own = error.name !== "TypeError" && !/undefined|null/.test(error.message);
  return (
    "FQL could not be read" +
    (own ? ` (${error.message})` : "") +
    ". Check the quotes, the parentheses (one level at most) and the fields: type, event, name, userId, " +
    "properties.…, traits.…, context.…"
  );
}

export function parseTrigger(fql: string): FqlReading {
  if (!fql.trim()) return { fits: false, isInvalid: true, reason: "The trigger is empty." };
  // The strict check first: it names what Segment's parser would misread silently, and where.
  const check = checkTrigger(fql);
  if (!check.ok) return { fits: false, isInvalid: true, reason: check.message };
  const ast: Subscription = parseFql(fql);
  if ("error" in ast) return { fits: false, isInvalid: true, reason: readableParseError(ast.error) };
  const tooComplex = (reason: string): FqlReading => ({ fits: false, isInvalid: false, reason });

  if (ast.children.some((c) => c.type === "group")) {
    return tooComplex("It nests conditions in parentheses; the builder shows one list joined by ALL or ANY.");
  }
  const words = topLevelCombinators(unwrap(fql));
  if (new Set(words).size > 1) {
    return tooComplex(
      "It mixes “and” with “or” without parentheses. FQL applies the last one to every condition; " +
        "write one of them, or group with parentheses.",
    );
  }
  if (words.length !== ast.children.length - 1) {
    return { fits: false, isInvalid: true, reason: "Part of it is not a condition FQL understands." };
  }
  const conditions = ast.children.map(toCondition);
  if (conditions.some((c) => c === null || conditionProblem(c) !== null)) {
    return tooComplex("It uses a condition the builder does not offer.");
  }
  const trigger: Trigger = { combinator: ast.operator === "or" ? "any" : "all", conditions: conditions.map((c) => c!) };
  // Same tree and same text (but for spacing): nothing was dropped silently, nothing reads differently.
  const canonical = triggerToFql(trigger);
  if (!sameTree(parseFql(canonical), ast) || squash(canonical) !== squash(unwrap(fql))) {
    return tooComplex(`The builder would write it differently: ${canonical}`);
  }
  return { fits: true, trigger };
}
