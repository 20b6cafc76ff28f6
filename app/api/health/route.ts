import { checkDatabase } from "@/lib/data/health";

export const dynamic = "force-dynamic";

// GET /api/health — 200 when the database answers, 503 otherwise (for load balancers and orchestrators)
export async function GET() {
  const database = await checkDatabase();
  return Response.json({ status: database.ok ? "ok" : "unavailable", database }, { status: database.ok ? 200 : 503 });
}
