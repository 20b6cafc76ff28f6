import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

// Under the source's name and tabs (the layout stays): a status card and the install card.
export default function Loading() {
  return (
    <div className="space-y-6">
      <span role="status" className="sr-only">
        Loading the source
      </span>
      <Card className="p-5">
        <Skeleton className="h-5 w-2/3 max-w-sm" />
      </Card>
      <Card className="space-y-4 p-5">
        <Skeleton className="h-5 w-32" />
        <Skeleton className="h-4 w-full max-w-xl" />
        <Skeleton className="h-32 w-full" />
      </Card>
    </div>
  );
}
