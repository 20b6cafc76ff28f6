import "server-only";
import type { InputField } from "@segment/actions-core";
import { AppError } from "@/lib/api/errors";
import { checkMapping } from "@/lib/mappings/validate";
import { checkTrigger } from "@/lib/triggers/validate";
import { getCatalogDestination } from "./catalog";
import { loadDefinition } from "./definitions";
import type { CatalogAction } from "./types";

// What the definition says about an action a user saves: its type exists (in cloud mode), its trigger is
// strict FQL, its mapping holds for the action's fields. Errors are one 422 keyed by the request's fields
// (`actionKey`, `trigger`, `mapping.<field>`), so a form can show each beside its input.

export function catalogAction(slug: string, actionKey: string): CatalogAction {
  const action = getCatalogDestination(slug)?.actions.find((a) => a.key === actionKey);
  if (!action) {
    const known =
      getCatalogDestination(slug)
        ?.actions.map((a) => a.key)
        .join(", ") ?? "";
    throw new AppError("validation_failed", "Some fields are invalid", {
      fields: { actionKey: [`This destination has no action “${actionKey}” (it has: ${known})`] },
    });
  }
  return action;
}

export function actionFields(slug: string, actionKey: string): Record<string, InputField> {
  return (loadDefinition(slug).actions[actionKey]?.fields ?? {}) as Record<string, InputField>;
}

export function assertValidAction(
  slug: string,
  input: { actionKey: string; trigger?: string; mapping?: Record<string, unknown>; batching?: boolean },
): void {
  const action = catalogAction(slug, input.actionKey);
  const fields: Record<string, string[]> = {};
  if (input.trigger !== undefined) {
    const check = checkTrigger(input.trigger);
    if (!check.ok) fields.trigger = [check.message];
  }
  if (input.mapping !== undefined) {
    for (const e of checkMapping(actionFields(slug, input.actionKey), input.mapping)) {
      (fields[e.field === "_" ? "mapping" : `mapping.${e.field}`] ??= []).push(e.message);
    }
  }
  if (input.batching && !action.supportsBatching) fields.batching = [`${action.title} does not send batches`];
  if (Object.keys(fields).length > 0) throw new AppError("validation_failed", "Some fields are invalid", { fields });
}
