"use client";
import Link from "next/link";
import { Suspense, useCallback, useMemo, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { useSourceInstall, useSources } from "@/lib/queries/sources";
import { eventFilterParams } from "@/lib/queries/events";
import type { EventFilter } from "@/lib/schemas/events";
import { EventDetail } from "./event-detail";
import { EventFilters } from "./event-filters";
import { EventTable } from "./event-table";
import { FeedState, FeedStopped } from "./feed-status";
import { OlderCallsEmptyState, OlderCallsFooter, shouldShowOlderSearch } from "./older-calls";
import { RateLimitedNotice } from "./rate-limited-notice";
import { useEventFeed } from "./use-event-feed";
import { useJourneys } from "./use-journeys";
import { useUrlFilter } from "./use-url-filter";
import { CodeBlock } from "@/components/ui/copy-button";

export function DebuggerView({ workspaceId }: { workspaceId: string }) {
  return (
    <>
      <PageHeader
        title="Debugger"
        description="Every call your sources receive, live, with what Sluice stored and why it rejected a call."
      />
      <EventDebugger workspaceId={workspaceId} />
    </>
  );
}

/** The live list with filters and the detail panel. With `sourceId` it shows one source (a Data In tab). */
export function EventDebugger(props: { workspaceId: string; sourceId?: string }) {
  // The filters live in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<Spinner label="Loading recent calls" />}>
      <EventDebuggerInner {...props} />
    </Suspense>
  );
}

function EventDebuggerInner({ workspaceId, sourceId }: { workspaceId: string; sourceId?: string }) {
  const fixed = useMemo<EventFilter>(() => (sourceId ? { sourceId } : {}), [sourceId]);
  const [filter, setFilter] = useUrlFilter(fixed);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  // Below 1024 px the detail panel sits under the list: bring it into view, or a tap seems to do nothing.
  const select = useCallback((id: string) => {
    setSelectedId(id);
    if (window.matchMedia("(max-width: 1023px)").matches) {
      requestAnimationFrame(() => detailRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
    }
  }, []);
  const sources = useSources(workspaceId);
  const [acceptedIds, setAcceptedIds] = useState<string[]>([]);
  const journeys = useJourneys(workspaceId, acceptedIds);
  const feed = useEventFeed(workspaceId, filter, journeys.onOutcomes);
  const idKey = feed.rows
    .filter((e) => e.status === "accepted")
    .map((e) => e.id)
    .join(",");
  if (idKey !== acceptedIds.join(",")) setAcceptedIds(idKey ? idKey.split(",") : []);
  const sourceNames = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s.name])), [sources.data]);
  const sourceTypes = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s.type])), [sources.data]);
  const selected = feed.rows.find((e) => e.id === selectedId) ?? null;
  const changeFilter = useCallback((next: EventFilter) => setFilter(next), [setFilter]);
  const isFiltered = Object.entries(filter).some(([k, v]) => v && !(sourceId && k === "sourceId"));
  const exportUrl = `/api/workspaces/${workspaceId}/events/export?${eventFilterParams(filter)}`;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2">
        <EventFilters sources={sourceId ? undefined : (sources.data ?? [])} value={filter} onChange={changeFilter} />
        <div className="flex items-center gap-3">
          {feed.isPaused && feed.newCount > 0 && (
            <p className="text-sm text-amber-700" data-testid="new-count" aria-live="polite">
              {feed.newCount} new
            </p>
          )}
          <FeedState connection={feed.connection} isPaused={feed.isPaused} />
          {feed.isPaused ? (
            <Button onClick={feed.resume}>{feed.newCount > 0 ? `Resume · ${feed.newCount} new` : "Resume"}</Button>
          ) : (
            <Button variant="secondary" onClick={feed.pause}>
              Pause
            </Button>
          )}
          <a
            href={exportUrl}
            download
            className={buttonClasses({ variant: "ghost" })}
            title="Download the calls that match these filters, one JSON object per line (at most 10,000)"
          >
            Export NDJSON
          </a>
        </div>
      </div>
      <RateLimitedNotice
        workspaceId={workspaceId}
        sources={(sources.data ?? []).filter((s) => !sourceId || s.id === sourceId)}
      />
      {feed.connection === "closed" && <FeedStopped onReconnect={feed.reconnect} />}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card className="overflow-hidden">
          {feed.isLoading ? (
            <div className="p-6">
              <Spinner label="Loading recent calls" />
            </div>
          ) : feed.error ? (
            <p className="p-6 text-sm text-red-700">Could not load the events: {feed.error.message}</p>
          ) : feed.rows.length === 0 && shouldShowOlderSearch(feed.older) ? (
            <OlderCallsEmptyState older={feed.older} />
          ) : feed.rows.length === 0 && sourceId && !isFiltered ? (
            <SourceInstallEmptyState workspaceId={workspaceId} sourceId={sourceId} />
          ) : feed.rows.length === 0 ? (
            <EmptyState
              title={isFiltered ? "No calls match these filters" : "No events yet"}
              description={
                isFiltered
                  ? "New matching calls appear here as they arrive. Clear a filter to see more."
                  : "Calls appear here within a second of arriving, including the ones Sluice rejected and the reason. Install a source's snippet and send a first event."
              }
              action={
                isFiltered ? undefined : (
                  <Link href={`/${workspaceId}/sources`} className={buttonClasses({ variant: "secondary" })}>
                    Go to sources
                  </Link>
                )
              }
            />
          ) : (
            <>
              <EventTable
                events={feed.rows}
                journeys={journeys.journeys}
                sourceNames={sourceId ? undefined : sourceNames}
                selectedId={selectedId}
                onSelect={select}
              />
              <OlderCallsFooter older={feed.older} />
            </>
          )}
        </Card>
        <div ref={detailRef} className="min-w-0 scroll-mt-16 self-start lg:sticky lg:top-4">
          <Card>
            {selected ? (
              <EventDetail
                key={selected.id}
                workspaceId={workspaceId}
                event={selected}
                sourceName={sourceNames.get(selected.sourceId) ?? selected.sourceId}
                sourceType={sourceTypes.get(selected.sourceId)}
                journey={selected.status === "accepted" ? journeys.journeys[selected.id] : null}
                onOutcomes={journeys.onOutcomes}
                onShowIdentity={(identity) =>
                  setFilter((f) => ({
                    ...f,
                    userId: undefined,
                    anonymousId: undefined,
                    identity: undefined,
                    ...identity,
                  }))
                }
              />
            ) : (
              <p className="p-6 text-sm text-slate-500">
                Select a call to see it as code, as raw JSON, and what Sluice added.
              </p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

/** A source that has received nothing yet: its install snippet, right where its first call will appear. */
function SourceInstallEmptyState({ workspaceId, sourceId }: { workspaceId: string; sourceId: string }) {
  const install = useSourceInstall(workspaceId, sourceId);
  // The first block that carries the write key (the code), not an install command before it.
  const snippet = install.data?.snippets.find((sn) => sn.code.includes(install.data.source.writeKey));
  return (
    <div className="space-y-3 p-6" data-testid="empty-state">
      <h3 className="text-sm font-semibold text-slate-900">No calls from this source yet</h3>
      <p className="text-sm text-slate-500">
        Install this snippet (or another from the Overview tab) and send a first call: it appears here within a second.
      </p>
      {snippet ? (
        <CodeBlock code={snippet.code} language={snippet.language} />
      ) : (
        <Spinner label="Loading the snippet" />
      )}
    </div>
  );
}
