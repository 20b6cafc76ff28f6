import { withWorkspace } from "@/lib/api";
import { handleIngest } from "@/lib/ingest";
import { getSource } from "@/lib/data/sources";

type Params = { workspaceId: string; sourceId: string };

// POST /api/workspaces/:workspaceId/sources/:sourceId/test-event — send a real track call through the ingest path
// (write key auth, validation, storage), as the source's own SDK would; answers with what ingest answered
export const POST = withWorkspace<Params>({ role: "member" }, async ({ req, workspaceId, params }) => {
  const source = await getSource(workspaceId, params.sourceId);
  const call = {
    userId: "sluice-test-user",
    event: "Sluice Test Event",
    properties: { sentFrom: "Sluice source page" },
    context: { library: { name: "sluice-test-event", version: "1" } },
  };
  const ingest = await handleIngest(
    new Request(new URL("/v1/track", req.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`,
        "x-strict-mode": "1",
      },
      body: JSON.stringify(call),
    }),
    "track",
  );
  const text = await ingest.text();
  let response: unknown = text;
  try {
    response = JSON.parse(text);
  } catch {
    // not JSON: pass the text on
  }
  return Response.json({ ok: ingest.ok, status: ingest.status, response });
});
