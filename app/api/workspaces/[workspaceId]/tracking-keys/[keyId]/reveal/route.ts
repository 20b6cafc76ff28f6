import { withWorkspace } from "@/lib/api";
import { revealTrackingKey } from "@/lib/data/tracking-keys";

// POST /api/workspaces/:workspaceId/tracking-keys/:keyId/reveal — the API key in plaintext, recorded in the audit log
export const POST = withWorkspace<{ workspaceId: string; keyId: string }>(
  { role: "admin" },
  async ({ workspaceId, params, actor }) => {
    const apiKey = await revealTrackingKey(workspaceId, params.keyId, actor);
    return Response.json({ apiKey }, { headers: { "cache-control": "no-store" } });
  },
);
