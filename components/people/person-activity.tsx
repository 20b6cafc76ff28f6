"use client";
import Link from "next/link";
import { usePersonActivity } from "@/lib/queries/people";
import { formatEventTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryStates } from "@/components/ui/query-states";
import { Skeleton } from "@/components/ui/skeleton";
import type { ActivityDto } from "@/lib/schemas/people";

const TYPE_LABEL: Record<ActivityDto["type"], string> = { event: "Event", page: "Page view", screen: "Screen view" };

/** What the person did, newest first, kept current while the page is open. */
export function PersonActivity({ workspaceId, personId }: { workspaceId: string; personId: string }) {
  const query = usePersonActivity(workspaceId, personId);
  return (
    <Card>
      <CardHeader title="Activity" description="Events, page and screen views, with where they came from." />
      <QueryStates
        query={{ ...query, data: query.data?.pages }}
        what="the activity"
        loading={<Skeleton className="m-4 h-24" />}
        isEmpty={(pages) => pages.every((p) => p.activity.length === 0)}
        empty={
          <EmptyState
            title="No activity yet"
            description="Track, page and screen calls for this person show here as they arrive."
          />
        }
      >
        {(pages) => (
          <>
            <ol className="divide-y divide-slate-100" data-testid="activity">
              {pages
                .flatMap((p) => p.activity)
                .map((a) => (
                  <li key={a.id} className="px-4 py-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge variant={a.type === "event" ? "info" : "neutral"}>{TYPE_LABEL[a.type]}</Badge>
                      <span className="min-w-0 font-medium break-all text-slate-900">{a.name}</span>
                      <time className="ml-auto text-xs whitespace-nowrap text-slate-500" dateTime={a.timestamp}>
                        {formatEventTime(a.timestamp)}
                      </time>
                    </div>
                    {Object.keys(a.data).length > 0 && (
                      <pre className="mt-1.5 max-h-32 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-700">
                        {JSON.stringify(a.data, null, 2)}
                      </pre>
                    )}
                    <Origin workspaceId={workspaceId} activity={a} />
                  </li>
                ))}
            </ol>
            {query.hasNextPage && (
              <div className="border-t p-3 text-center">
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => void query.fetchNextPage()}
                  disabled={query.isFetchingNextPage}
                >
                  Older activity
                </Button>
              </div>
            )}
          </>
        )}
      </QueryStates>
    </Card>
  );
}

/** The Sluice source that received the call (a link while it exists), or the tracking key of a direct call. */
function Origin({ workspaceId, activity }: { workspaceId: string; activity: ActivityDto }) {
  if (!activity.via) return null;
  return (
    <p className="mt-1 text-xs text-slate-500" data-testid="activity-source">
      {activity.sourceId ? "from source " : "via tracking key "}
      {activity.sourceId ? (
        <Link
          href={`/${workspaceId}/sources/${activity.sourceId}`}
          className="font-medium text-slate-700 underline-offset-2 hover:underline"
        >
          {activity.via}
        </Link>
      ) : (
        <span className="font-medium text-slate-700">{activity.via}</span>
      )}
    </p>
  );
}
