import { readJson, withWorkspace } from "@/lib/api";
import { getActionWithSlug } from "@/lib/data/actions";
import { getConnectedEvent, getDestinationForPerform } from "@/lib/data/destinations";
import { testAction } from "@/lib/destinations/test-action";
import { testActionSchema } from "@/lib/schemas/destinations";

type Params = { workspaceId: string; destinationId: string; actionId: string };

// POST /api/workspaces/:workspaceId/destinations/:destinationId/actions/:actionId/test — try the action on
// { event } or { eventId } (a connected source's stored event): trigger verdict, mapped payload or field
// errors; with send: true it performs for real and answers the HTTP exchanges (secrets redacted). `trigger` /
// `mapping` in the body try unsaved edits instead of the saved ones
export const POST = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params }) => {
  const input = testActionSchema.parse(await readJson(req));
  const { action: saved } = await getActionWithSlug(workspaceId, params.destinationId, params.actionId);
  const action = { ...saved, trigger: input.trigger ?? saved.trigger, mapping: input.mapping ?? saved.mapping };
  const destination = await getDestinationForPerform(workspaceId, params.destinationId);
  const event = input.event ?? (await getConnectedEvent(workspaceId, destination.id, input.eventId!));
  return Response.json(await testAction({ destination, action, event, send: input.send }));
});
