// POST /v1/t — track call (Segment / Customer.io contract); OPTIONS — CORS preflight. Logic in lib/ingest.
import { handleIngest, handlePreflight } from "@/lib/ingest";

export const POST = (req: Request) => handleIngest(req, "track");
export const OPTIONS = handlePreflight;
