import { withErrors, readJson } from "@/lib/api";
import { setupSchema } from "@/lib/schemas/auth";
import { createFirstOwner } from "@/lib/data/users";

// POST /api/setup — first run only: create the owner account and the first workspace (409 once set up)
export const POST = withErrors(async (req) => {
  const input = setupSchema.parse(await readJson(req));
  const { workspaceId } = await createFirstOwner(input);
  return Response.json({ workspaceId }, { status: 201 });
});
