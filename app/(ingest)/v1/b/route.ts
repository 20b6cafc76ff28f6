// POST /v1/b — batch call (Segment / Customer.io contract); OPTIONS — CORS preflight. Logic in lib/ingest.
import { handleIngest, handlePreflight } from "@/lib/ingest";

export const POST = (req: Request) => handleIngest(req, "batch");
export const OPTIONS = handlePreflight;
