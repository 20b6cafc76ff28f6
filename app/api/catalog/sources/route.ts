import { withUser } from "@/lib/api";
import { getSourceCatalog, sourceCategories } from "@/lib/sources";

// GET /api/catalog/sources — the source types Sluice can create (any signed-in user), without their templates
export const GET = withUser(async () => Response.json({ categories: sourceCategories, sources: getSourceCatalog() }));
