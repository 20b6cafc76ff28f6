"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { applyOutcomeUpdates, type JourneyLine, type OutcomeUpdate } from "@/lib/eventlog/journey";
import { fetchJourneys } from "@/lib/queries/deliveries";

const CHUNK = 100;
/** Updates kept for events not (yet) in view: one may arrive just before its row renders. */
const MAX_OVERLAY_EVENTS = 2000;
/** Wait for a burst of new rows before asking for their journeys in one request. */
const BATCH_MS = 250;

/**
 * The journeys of the events in view: fetched once per event (in batches, as rows appear), then kept current by
 * the outcome updates the live stream pushes (`onOutcomes`) — no polling. Updates that arrive before an
 * event's journey are kept and applied on top of it (the newer state of each delivery wins).
 */
export function useJourneys(workspaceId: string, ids: string[]) {
  const [base, setBase] = useState<Record<string, JourneyLine[]>>({});
  const [overlay, setOverlay] = useState<Record<string, OutcomeUpdate[]>>({});
  const requested = useRef(new Set<string>());
  const inView = useRef(new Set<string>());
  const idKey = ids.join(",");

  useEffect(() => {
    inView.current = new Set(idKey ? idKey.split(",") : []);
    const missing = [...inView.current].filter((id) => !requested.current.has(id));
    if (missing.length === 0) return;
    const timer = setTimeout(() => {
      for (const id of missing) requested.current.add(id);
      for (let i = 0; i < missing.length; i += CHUNK) {
        const chunk = missing.slice(i, i + CHUNK);
        fetchJourneys(workspaceId, chunk).then(
          ({ journeys }) => setBase((b) => ({ ...b, ...journeys })),
          () => chunk.forEach((id) => requested.current.delete(id)), // asked again when the rows change
        );
      }
    }, BATCH_MS);
    return () => clearTimeout(timer);
  }, [workspaceId, idKey]);

  const onOutcomes = useCallback((updates: OutcomeUpdate[]) => {
    if (updates.length === 0) return;
    setOverlay((o) => {
      const next = { ...o };
      for (const u of updates) {
        next[u.eventId] = [...(next[u.eventId] ?? []).filter((x) => x.actionId !== u.actionId || isOlder(x, u)), u];
      }
      // Bounded: forget the oldest events that are out of view (insertion order).
      const keys = Object.keys(next);
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_OVERLAY_EVENTS))) {
        if (!inView.current.has(key)) delete next[key];
      }
      return next;
    });
  }, []);

  /** Fetches an event's journey again (e.g. after its routing changed). */
  const refresh = useCallback(
    (id: string) =>
      fetchJourneys(workspaceId, [id]).then(
        ({ journeys }) => setBase((b) => ({ ...b, ...journeys })),
        () => undefined,
      ),
    [workspaceId],
  );

  const journeys = useMemo(() => {
    const out: Record<string, JourneyLine[]> = {};
    for (const [id, lines] of Object.entries(base)) out[id] = applyOutcomeUpdates(lines, id, overlay[id] ?? []);
    return out;
  }, [base, overlay]);

  return { journeys, onOutcomes, refresh };
}

/** Whether `x` is a newer state of the same delivery than `u` (then `u` is dropped instead). */
function isOlder(x: OutcomeUpdate, u: OutcomeUpdate): boolean {
  return Date.parse(x.updatedAt) > Date.parse(u.updatedAt);
}
