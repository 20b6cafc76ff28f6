import { handleTrackApi } from "@/lib/track-api/router";

// GET /auth — checks a tracking API key (the Journeys destination's connection test)
export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleTrackApi(req);
