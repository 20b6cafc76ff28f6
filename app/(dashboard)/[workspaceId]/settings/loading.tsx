import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

// Under the settings title and tabs (the layout stays): the tab's cards.
export default function Loading() {
  return (
    <div className="space-y-6">
      <span role="status" className="sr-only">
        Loading settings
      </span>
      {[0, 1].map((i) => (
        <Card key={i} className="space-y-3 p-5">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-full max-w-md" />
          <Skeleton className="h-9 w-full max-w-lg" />
        </Card>
      ))}
    </div>
  );
}
