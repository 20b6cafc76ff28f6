import { conditionProblem, isPathField, type Trigger, type TriggerCondition, type TriggerField } from "./model";

// Writes the builder's model as FQL (Segment's trigger language, read by @segment/destination-subscriptions).
// One flat group with a single combinator: `a and b and c`. No parentheses are needed and none are written,
// since FQL gives `and` no precedence over `or` (the last combinator seen applies to the whole group).

/** FQL's reserved words, which the lexer would read as keywords if a path part were exactly one of them. */
const reserved = new Set(["and", "or", "null"]);

/**
 * Escapes one part of a path for FQL's identifier lexer: any character outside [A-Za-z0-9_-] gets a backslash,
 * as does a leading digit, sign or reserved word (which would otherwise start a number or a keyword).
 */
export function escapePathSegment(segment: string): string {
  const escaped = Array.from(segment, (ch) => (/[A-Za-z0-9_-]/.test(ch) ? ch : `\\${ch}`)).join("");
  return /^[0-9+-]/.test(escaped) || reserved.has(segment) ? `\\${escaped}` : escaped;
}

export function fieldToFql(field: TriggerField): string {
  if (!isPathField(field)) return field.kind;
  return [field.kind, ...field.path.split(".").map(escapePathSegment)].join(".");
}

function literal(value: NonNullable<TriggerCondition["value"]>): string {
  return value.type === "string" ? `"${value.value}"` : String(value.value);
}

export function conditionToFql(condition: TriggerCondition): string {
  const problem = conditionProblem(condition);
  if (problem) throw new TriggerError(problem);
  const f = fieldToFql(condition.field);
  const v = condition.value;
  const text = v?.type === "string" ? v.value : "";
  switch (condition.operator) {
    case "is":
      return v?.type === "boolean" ? `${f} = ${v.value}` : `${f} = ${literal(v!)}`;
    case "is_not":
      return `${f} != ${literal(v!)}`;
    case "contains":
      return `contains(${f}, "${text}")`;
    case "not_contains":
      return `!contains(${f}, "${text}")`;
    case "starts_with":
      return `match(${f}, "${text}*")`;
    case "not_starts_with":
      return `!match(${f}, "${text}*")`;
    case "ends_with":
      return `match(${f}, "*${text}")`;
    case "not_ends_with":
      return `!match(${f}, "*${text}")`;
    case "exists":
      return `${f} != null`;
    case "not_exists":
      return `${f} = null`;
    case "lt":
      return `${f} < ${literal(v!)}`;
    case "lte":
      return `${f} <= ${literal(v!)}`;
    case "gt":
      return `${f} > ${literal(v!)}`;
    case "gte":
      return `${f} >= ${literal(v!)}`;
  }
}

/** The trigger as FQL; throws TriggerError (with the condition's index) when a condition cannot be written. */
export function triggerToFql(trigger: Trigger): string {
  if (trigger.conditions.length === 0) throw new TriggerError("Add at least one condition.");
  const joiner = trigger.combinator === "all" ? " and " : " or ";
  return trigger.conditions
    .map((c, index) => {
      try {
        return conditionToFql(c);
      } catch (err) {
        throw err instanceof TriggerError ? new TriggerError(err.message, index) : err;
      }
    })
    .join(joiner);
}

export class TriggerError extends Error {
  constructor(
    message: string,
    /** The condition at fault, when one is. */
    public readonly index?: number,
  ) {
    super(message);
    this.name = "TriggerError";
  }
}
