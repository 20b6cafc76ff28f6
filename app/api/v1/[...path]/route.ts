import { handleTrackApi } from "@/lib/track-api/router";

// /api/v1/* — Customer.io's Track API v1 (customers, events, devices, suppress, merge_customers, accounts/region)
export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleTrackApi(req);
export const POST = GET;
export const PUT = GET;
export const DELETE = GET;
