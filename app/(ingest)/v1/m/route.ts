// POST /v1/m — browser client metrics: accepted and dropped; OPTIONS — CORS preflight. Logic in lib/ingest.
import { handleIngest, handlePreflight } from "@/lib/ingest";

export const POST = (req: Request) => handleIngest(req, "metrics");
export const OPTIONS = handlePreflight;
