// GET /v1/analytics-js/:file — the analytics.js loader's lazily loaded chunks. Logic in lib/ingest.
import { handleBundleChunk } from "@/lib/ingest";

type Ctx = { params: Promise<{ file: string }> };
export const GET = async (req: Request, ctx: Ctx) => handleBundleChunk(req, (await ctx.params).file);
