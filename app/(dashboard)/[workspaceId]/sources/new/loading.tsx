import { PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";

// The catalog's shape: the category tabs and a grid of source types.
export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton label="Loading the source catalog" />
      <Skeleton className="mb-4 h-9 w-full max-w-md" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
    </>
  );
}
