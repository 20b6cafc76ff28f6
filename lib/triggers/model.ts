// The trigger builder's model: a flat list of conditions joined by one combinator (ALL or ANY). Pure and
// isomorphic. FQL has no operator precedence and one level of parentheses, so a flat group with a single
// combinator is the only shape whose FQL means exactly what the builder shows (see to-fql.ts, from-fql.ts).

export type TriggerCombinator = "all" | "any";

/** A top-level field, or a path under one of the objects FQL can read (`traits` is top-level `event.traits`). */
export type TriggerField =
  { kind: "type" | "event" | "name" | "userId" } | { kind: "properties" | "traits" | "context"; path: string };
export type TriggerFieldKind = TriggerField["kind"];

export type TriggerOperator =
  | "is"
  | "is_not"
  | "contains"
  | "not_contains"
  | "starts_with"
  | "not_starts_with"
  | "ends_with"
  | "not_ends_with"
  | "exists"
  | "not_exists"
  | "lt"
  | "lte"
  | "gt"
  | "gte";

export type TriggerValueType = "string" | "number" | "boolean";
export type TriggerValue =
  { type: "string"; value: string } | { type: "number"; value: number } | { type: "boolean"; value: boolean };

export type TriggerCondition = { field: TriggerField; operator: TriggerOperator; value?: TriggerValue };
export type Trigger = { combinator: TriggerCombinator; conditions: TriggerCondition[] };

export const fieldKinds: { kind: TriggerFieldKind; label: string }[] = [
  { kind: "type", label: "Event type" },
  { kind: "event", label: "Event name" },
  { kind: "name", label: "Page/screen name" },
  { kind: "userId", label: "User ID" },
  { kind: "properties", label: "Property" },
  { kind: "traits", label: "Trait" },
  { kind: "context", label: "Context" },
];

export const operatorLabels: Record<TriggerOperator, string> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  not_starts_with: "does not start with",
  ends_with: "ends with",
  not_ends_with: "does not end with",
  exists: "exists",
  not_exists: "does not exist",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
};

const textOperators: TriggerOperator[] = [
  "is",
  "is_not",
  "contains",
  "not_contains",
  "starts_with",
  "not_starts_with",
  "ends_with",
  "not_ends_with",
];
const allOperators = Object.keys(operatorLabels) as TriggerOperator[];

export function isPathField(field: TriggerField): field is Extract<TriggerField, { path: string }> {
  return field.kind === "properties" || field.kind === "traits" || field.kind === "context";
}

/**
 * The operators FQL can express on a field. `type` and `event` have no existence test (FQL reads
 * `event != null` as "is not the text null"), and only paths hold numbers and booleans.
 */
export function operatorsFor(kind: TriggerFieldKind): TriggerOperator[] {
  if (kind === "type" || kind === "event") return textOperators;
  if (kind === "name" || kind === "userId") return [...textOperators, "exists", "not_exists"];
  return allOperators;
}

/** The value types an operator takes on a field; empty when it takes no value. */
export function valueTypesFor(kind: TriggerFieldKind, operator: TriggerOperator): TriggerValueType[] {
  if (operator === "exists" || operator === "not_exists") return [];
  if (["lt", "lte", "gt", "gte"].includes(operator)) return ["number"];
  const isPath = kind === "properties" || kind === "traits" || kind === "context";
  if (!isPath || !["is", "is_not"].includes(operator)) return ["string"];
  // `f != true` means "is not the text true" in FQL, so a boolean only goes with "is".
  return operator === "is" ? ["string", "number", "boolean"] : ["string", "number"];
}

/** A value of the given type, carried over from the previous one where it makes sense. */
export function coerceValue(type: TriggerValueType, previous?: TriggerValue): TriggerValue {
  const raw = previous?.value;
  if (type === "number") {
    const n = Number(raw);
    return { type, value: raw !== "" && raw !== undefined && Number.isFinite(n) ? n : 0 };
  }
  if (type === "boolean") return { type, value: raw === true || raw === "true" };
  return { type, value: raw === undefined ? "" : String(raw) };
}

/** Makes a condition consistent after its field or operator changed (a valid operator and value type). */
export function normalizeCondition(condition: TriggerCondition): TriggerCondition {
  const operators = operatorsFor(condition.field.kind);
  const operator = operators.includes(condition.operator) ? condition.operator : operators[0]!;
  const types = valueTypesFor(condition.field.kind, operator);
  if (types.length === 0) return { field: condition.field, operator };
  const type = condition.value && types.includes(condition.value.type) ? condition.value.type : types[0]!;
  return { field: condition.field, operator, value: coerceValue(type, condition.value) };
}

export function newCondition(): TriggerCondition {
  return { field: { kind: "event" }, operator: "is", value: { type: "string", value: "" } };
}

/** Why FQL cannot say what this condition says, or null when it can. */
export function conditionProblem(condition: TriggerCondition): string | null {
  const { field, operator, value } = condition;
  if (isPathField(field)) {
    const segments = field.path.split(".");
    if (!field.path.trim()) return `Name the ${field.kind === "properties" ? "property" : field.kind} to test.`;
    if (segments.some((s) => s === "")) return "A path cannot have an empty part (two dots, or a dot at an end).";
  }
  if (!operatorsFor(field.kind).includes(operator)) return `“${operatorLabels[operator]}” does not apply here.`;
  const types = valueTypesFor(field.kind, operator);
  if (types.length === 0) return null;
  if (!value || !types.includes(value.type)) return "Choose a value.";
  if (value.type === "number" && (!Number.isFinite(value.value) || /e/i.test(String(value.value)))) {
    return "Use a plain number (FQL has no exponents).";
  }
  if (value.type === "string") {
    // FQL strings have no escape: a double quote always ends the string.
    if (value.value.includes('"')) return 'FQL cannot match text that contains a double quote (").';
    if ((operator === "ends_with" || operator === "not_ends_with") && value.value.endsWith("*")) {
      return "FQL reads an ending “*” as “starts with”: drop the *.";
    }
  }
  return null;
}
