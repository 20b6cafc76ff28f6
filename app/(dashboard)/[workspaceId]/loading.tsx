import { Card } from "@/components/ui/card";
import { PageHeaderSkeleton, TableSkeleton } from "@/components/ui/skeleton";

// Streams at once on navigation inside the app frame: a list page's shape (title, then a table in a card).
export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton label="Loading the page" />
      <Card>
        <TableSkeleton columns={5} rows={4} />
      </Card>
    </>
  );
}
