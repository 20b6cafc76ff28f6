import "server-only";
import { resolvePayload } from "@/lib/mappings/payload";
import { integrationsAllow } from "@/lib/pipeline/route";
import { checkTrigger, type FqlAst } from "@/lib/triggers/validate";
import { actionFields } from "./action-input";
import { getCatalogDestination } from "./catalog";
import { subscriptions } from "./core";
import { performAction } from "./perform";
import type { ActionDto, ActionTestResult } from "./types";

// "Test" on an action: would the delivery engine take this event (integrations, trigger), what payload does the
// mapping make of it (or which fields fail), and with `send` the real perform with its HTTP exchanges. The send
// happens even when the trigger does not match: the test is of the mapping and the destination's answer.

type Condition = FqlAst["children"][number];

/** The conditions that are false for the event, as FQL, so the reason names them. */
function failingConditions(ast: FqlAst, event: Record<string, unknown>): string[] {
  const single = (c: Condition) => ({ type: "group", operator: "and", children: [c] }) as unknown as FqlAst;
  return ast.children
    .filter((c) => !subscriptions.validate(single(c) as never, event))
    .map((c) => subscriptions.generateFql(single(c) as never));
}

function triggerVerdict(trigger: string, event: Record<string, unknown>): { matched: boolean; reason?: string } {
  const check = checkTrigger(trigger);
  if (!check.ok) return { matched: false, reason: `The trigger is not valid FQL: ${check.message}` };
  if (subscriptions.validate(check.ast as never, event)) return { matched: true };
  const failing = failingConditions(check.ast, event);
  const what = check.ast.operator === "or" || failing.length === 0 ? `${trigger.trim()}` : failing.join(", ");
  return { matched: false, reason: `The trigger does not match this event: ${what} is false` };
}

export async function testAction(input: {
  destination: { slug: string; name: string; settings: Record<string, unknown> };
  action: ActionDto;
  event: Record<string, unknown>;
  send: boolean;
}): Promise<ActionTestResult> {
  const { destination, action, event } = input;
  const entry = getCatalogDestination(destination.slug);
  const names = [destination.name, entry?.name ?? "", destination.slug];
  const verdict = integrationsAllow(event, { names })
    ? triggerVerdict(action.trigger, event)
    : { matched: false, reason: "The event's integrations object excludes this destination" };
  const resolved = resolvePayload(actionFields(destination.slug, action.actionKey), action.mapping, event);
  const result: ActionTestResult = {
    ...verdict,
    ...("payload" in resolved ? { payload: resolved.payload } : { errors: resolved.errors }),
  };
  if (!input.send) return result;
  if ("errors" in resolved) return { ...result, delivered: false, error: "Not sent: the mapping does not resolve" };
  const outcome = await performAction({
    slug: destination.slug,
    settings: destination.settings,
    actionKey: action.actionKey,
    mapping: action.mapping,
    events: [event],
  });
  const item = outcome.items[0];
  return {
    ...result,
    requests: outcome.exchanges,
    delivered: !!item?.ok,
    ...(item && !item.ok ? { error: item.error ?? "The destination did not accept it" } : {}),
    ...(item?.payload ? { payload: item.payload as Record<string, unknown> } : {}),
  };
}
