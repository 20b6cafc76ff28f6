// POST /v1/identify — identify call (Segment / Customer.io contract); OPTIONS — CORS preflight. Logic in lib/ingest.
import { handleIngest, handlePreflight } from "@/lib/ingest";

export const POST = (req: Request) => handleIngest(req, "identify");
export const OPTIONS = handlePreflight;
