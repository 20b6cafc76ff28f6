// GET /analytics-next/bundles/:file — lazy chunks of @segment/analytics-next for pages whose `_cdn` is this Sluice.
import { handleAnalyticsNextChunk } from "@/lib/ingest";

type Ctx = { params: Promise<{ file: string }> };
export const GET = async (req: Request, ctx: Ctx) => handleAnalyticsNextChunk(req, (await ctx.params).file);
