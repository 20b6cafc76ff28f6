import { handleTrackApi } from "@/lib/track-api/router";

// /api/v2/entity and /api/v2/batch — Customer.io's Track API v2 (the Journeys destination speaks it)
export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleTrackApi(req);
export const GET = POST;
