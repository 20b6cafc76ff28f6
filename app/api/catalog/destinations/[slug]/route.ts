import { AppError, withSignedIn } from "@/lib/api";
import { getCatalogDestination } from "@/lib/destinations/catalog";

// GET /api/catalog/destinations/:slug — one destination type in full: settings fields, actions, presets
export const GET = withSignedIn<{ slug: string }>(async ({ params }) => {
  const entry = getCatalogDestination(params.slug);
  if (!entry) throw new AppError("not_found", `There is no destination type "${params.slug}"`);
  return Response.json(entry);
});
