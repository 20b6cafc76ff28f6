// POST /v1/group — group call (Segment / Customer.io contract); OPTIONS — CORS preflight. Logic in lib/ingest.
import { handleIngest, handlePreflight } from "@/lib/ingest";

export const POST = (req: Request) => handleIngest(req, "group");
export const OPTIONS = handlePreflight;
