import { Card } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeleton";

/** The Connections shape while it loads: sources and destinations side by side. */
export function ConnectionsSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      {[0, 1].map((i) => (
        <Card key={i}>
          <TableSkeleton columns={3} rows={2} />
        </Card>
      ))}
    </div>
  );
}
