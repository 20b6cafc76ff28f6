import { PageHeaderSkeleton } from "@/components/ui/skeleton";
import { ConnectionsSkeleton } from "@/components/connections/connections-skeleton";

// Per section, not one loading.tsx for the whole workspace: a boundary above the catch-all 404 page would
// stream a 200 before notFound() runs.
export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton label="Loading connections" />
      <ConnectionsSkeleton />
    </>
  );
}
