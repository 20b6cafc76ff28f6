import { Card } from "@/components/ui/card";
import { PageHeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

// The debugger's shape: the filter bar, the call list and the detail panel beside it.
export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton label="Loading the debugger" />
      <div className="mb-4 grid grid-cols-2 gap-2 sm:flex">
        {["sm:w-48", "sm:w-36", "sm:w-36", "sm:w-40"].map((w, i) => (
          <Skeleton key={i} className={`h-9 ${w}`} />
        ))}
        <Skeleton className="col-span-2 h-9 sm:flex-1" />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <TableSkeleton columns={6} rows={6} />
        </Card>
        <Card className="self-start p-6">
          <Skeleton className="h-4 w-3/4" />
        </Card>
      </div>
    </>
  );
}
