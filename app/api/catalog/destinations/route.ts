import { withSignedIn } from "@/lib/api";
import { listCatalogDestinations } from "@/lib/destinations/catalog";

// GET /api/catalog/destinations — every destination type (summaries: name, category, keywords, logo), for a
// signed-in user or an App API key
export const GET = withSignedIn(async () => Response.json({ destinations: listCatalogDestinations() }));
