// GET /v1/projects/:writeKey/settings — CDN settings for the browser library. Logic in lib/ingest.
import { handleCdnSettings, handlePreflight } from "@/lib/ingest";

type Ctx = { params: Promise<{ writeKey: string }> };
export const GET = async (req: Request, ctx: Ctx) => handleCdnSettings(req, (await ctx.params).writeKey);
export const OPTIONS = handlePreflight;
