import { parseFql, validate } from "@segment/destination-subscriptions";

// Routing of one event to one destination's actions: the event's `integrations` object first (as Segment
// does), then each action's enabled flag and trigger. Pure, so the worker and the debugger's "why" share it.

export type SegmentEvent = Record<string, unknown> & { type?: string; messageId?: string };

export interface RouteDestination {
  /** The names an `integrations` key may use for this destination: its name, its catalog name, its slug. */
  names: string[];
}

export interface RouteAction {
  id: string;
  name: string;
  trigger: string;
  enabled: boolean;
}

export type RouteDecision =
  | { actionId: string; take: true }
  | {
      actionId: string;
      take: false;
      reason: "integrations" | "disabled" | "trigger" | "invalid_trigger";
      message: string;
    };

type Ast = ReturnType<typeof parseFql>;
const triggers = new Map<string, Ast>();
const MAX_CACHED = 5000;

/** The trigger's parsed FQL, parsed once per text (a parse error is kept as `{ error }`). */
export function parsedTrigger(fql: string): Ast {
  let ast = triggers.get(fql);
  if (!ast) {
    if (triggers.size >= MAX_CACHED) triggers.clear();
    try {
      ast = parseFql(fql);
    } catch (err) {
      ast = { error: err instanceof Error ? err : new Error(String(err)) } as Ast;
    }
    triggers.set(fql, ast);
  }
  return ast;
}

/** Whether `integrations` lets the event through to this destination: an explicit entry under any of its
 *  names wins (false / a falsy value blocks, true or an options object allows), else `All` (default true). */
export function integrationsAllow(event: SegmentEvent, destination: RouteDestination): boolean {
  const integrations = event.integrations;
  if (typeof integrations !== "object" || integrations === null || Array.isArray(integrations)) return true;
  const entries = integrations as Record<string, unknown>;
  const wanted = new Set(destination.names.filter(Boolean).map((n) => n.toLowerCase()));
  for (const [key, value] of Object.entries(entries)) {
    if (key === "All" || !wanted.has(key.toLowerCase())) continue;
    return value !== false && value !== null && value !== 0 && value !== "false";
  }
  const all = entries.All;
  return !(all === false || all === "false");
}

/** Each action's decision for the event, in the actions' order. */
export function routeEvent(
  event: SegmentEvent,
  destination: RouteDestination,
  actions: RouteAction[],
): RouteDecision[] {
  const allowed = integrationsAllow(event, destination);
  return actions.map((action): RouteDecision => {
    if (!allowed) {
      return {
        actionId: action.id,
        take: false,
        reason: "integrations",
        message: "The event's integrations object excludes this destination",
      };
    }
    if (!action.enabled) {
      return { actionId: action.id, take: false, reason: "disabled", message: `The action "${action.name}" is off` };
    }
    const ast = parsedTrigger(action.trigger);
    if ("error" in ast) {
      return {
        actionId: action.id,
        take: false,
        reason: "invalid_trigger",
        message: `The trigger does not parse: ${ast.error.message}`,
      };
    }
    if (!validate(ast, event)) {
      return {
        actionId: action.id,
        take: false,
        reason: "trigger",
        message: `The trigger ${action.trigger.trim()} does not match`,
      };
    }
    return { actionId: action.id, take: true };
  });
}
