import "server-only";
import { db } from "@/lib/db";
import { corsHeaders } from "./respond";
import { publicOrigin } from "@/lib/api/public-origin";
import { getInAppSiteId } from "@/lib/data/tracking-keys";
import { isPossibleWriteKey } from "./write-keys";

// GET /v1/projects/{writeKey}/settings — the CDN settings the browser library loads before it sends anything
// (the shape analytics.js reads from cdn.segment.com), pointing apiHost at this Sluice; metrics are off; the
// in-app plugin appears once the workspace enables in-app messaging.

export async function handleCdnSettings(req: Request, writeKey: string): Promise<Response> {
  const headers = {
    ...corsHeaders({ header: (n) => req.headers.get(n) ?? undefined }),
    "Content-Type": "application/json",
  };
  // A key no source can have (NUL: PostgreSQL would fail the query) is unknown without asking the database.
  if (!isPossibleWriteKey(writeKey)) return Response.json({ error: "Unknown write key" }, { status: 404, headers });
  const source = await db.source.findUnique({
    where: { writeKey },
    select: {
      workspaceId: true,
      inAppSiteKeyId: true,
      workspace: { select: { settings: { select: { inAppEnabled: true } } } },
    },
  });
  if (!source) return Response.json({ error: "Unknown write key" }, { status: 404, headers });

  const { host, protocol } = publicOrigin(req);
  const pipeline = {
    apiKey: writeKey,
    apiHost: `${host}/v1`,
    protocol,
    retryQueue: true,
    addBundledMetadata: true,
    unbundledIntegrations: [],
    maybeBundledConfigIds: {},
  };
  // Customer.io's build reads its endpoint from "Customer.io Data Pipelines", Segment's analytics-next from
  // "Segment.io" (without it, analytics-next sends to api.segment.io): the same endpoint under both names.
  const integrations: Record<string, unknown> = {
    "Customer.io Data Pipelines": pipeline,
    "Segment.io": { ...pipeline },
  };
  if (source.workspace.settings?.inAppEnabled) {
    const siteId = await getInAppSiteId(source.workspaceId, source.inAppSiteKeyId);
    if (siteId) integrations["Customer.io In-App Plugin"] = { siteId, anonymousInApp: false };
  }
  const settings = {
    integrations,
    plan: { track: { __default: { enabled: true, integrations: {} } } },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
  // Short caching: a rotated key or a toggled in-app setting shows up within a minute.
  return Response.json(settings, { headers: { ...headers, "Cache-Control": "public, max-age=60" } });
}
