// POST /v1/s — screen call (Segment / Customer.io contract); OPTIONS — CORS preflight. Logic in lib/ingest.
import { handleIngest, handlePreflight } from "@/lib/ingest";

export const POST = (req: Request) => handleIngest(req, "screen");
export const OPTIONS = handlePreflight;
