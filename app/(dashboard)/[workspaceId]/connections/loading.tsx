import { Card } from "@/components/ui/card";
import { PageHeaderSkeleton, TableSkeleton } from "@/components/ui/skeleton";

// Per section, not one loading.tsx for the whole workspace: a boundary above the catch-all 404 page would
// stream a 200 before notFound() runs. The Connections shape: sources and destinations side by side.
export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton label="Loading connections" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {[0, 1].map((i) => (
          <Card key={i}>
            <TableSkeleton columns={3} rows={2} />
          </Card>
        ))}
      </div>
    </>
  );
}
