"use client";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { SelectMenu } from "@/components/ui/select-menu";
import type { EventFilter } from "@/lib/schemas/events";

const TYPES = ["track", "identify", "page", "screen", "group", "alias"];

/** Time range choices: calls received since now minus this many minutes (fixed when chosen). */
const SINCE_MINUTES: Record<string, { label: string; minutes: number }> = {
  "15m": { label: "Last 15 minutes", minutes: 15 },
  "1h": { label: "Last hour", minutes: 60 },
  "24h": { label: "Last 24 hours", minutes: 24 * 60 },
  "7d": { label: "Last 7 days", minutes: 7 * 24 * 60 },
};

export function EventFilters({
  sources,
  value,
  onChange,
}: {
  /** Omitted: no source filter (the list is one source's Data In). */
  sources?: { id: string; name: string }[];
  value: EventFilter;
  onChange: (filter: EventFilter) => void;
}) {
  const [text, setText] = useState(value.q ?? "");
  const [since, setSince] = useState("");
  // Typing reconnects the stream with the new search; wait for a pause in typing first.
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = text.trim() || undefined;
      if (q !== value.q) onChange({ ...value, q });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  const set = (key: keyof EventFilter) => (next: string) => onChange({ ...value, [key]: next || undefined });

  return (
    <div
      className="grid min-w-0 flex-1 basis-full grid-cols-2 gap-2 sm:flex sm:basis-auto sm:flex-wrap sm:items-center"
      role="search"
    >
      {sources && (
        <SelectMenu
          aria-label="Source"
          value={value.sourceId ?? ""}
          onValueChange={set("sourceId")}
          options={[{ value: "", label: "All sources" }, ...sources.map((s) => ({ value: s.id, label: s.name }))]}
          className="w-full sm:w-48"
        />
      )}
      <SelectMenu
        aria-label="Type"
        value={value.type ?? ""}
        onValueChange={set("type")}
        options={[{ value: "", label: "All types" }, ...TYPES.map((t) => ({ value: t, label: t }))]}
        className="w-full sm:w-36"
      />
      <SelectMenu
        aria-label="Status"
        value={value.status ?? ""}
        onValueChange={set("status")}
        options={[
          { value: "", label: "Any status" },
          { value: "accepted", label: "Accepted" },
          { value: "rejected", label: "Rejected" },
        ]}
        className="w-full sm:w-36"
      />
      <SelectMenu
        aria-label="Time"
        value={value.from ? since || "custom" : ""}
        onValueChange={(key) => {
          const choice = SINCE_MINUTES[key];
          setSince(key);
          onChange({ ...value, from: choice && new Date(Date.now() - choice.minutes * 60_000).toISOString() });
        }}
        options={[
          { value: "", label: "Any time" },
          ...Object.entries(SINCE_MINUTES).map(([key, { label }]) => ({ value: key, label })),
          // A time from the URL (a shared link, a reload): shown as it is.
          ...(value.from && !since
            ? [{ value: "custom", label: `Since ${new Date(value.from).toLocaleString()}` }]
            : []),
        ]}
        className="w-full sm:w-40"
      />
      {(value.userId ?? value.anonymousId) && (
        <span
          data-testid="identity-filter"
          className="inline-flex h-9 items-center gap-1 rounded-md border border-indigo-200 bg-indigo-50 pr-1 pl-3 text-sm text-indigo-900"
        >
          {value.userId ? "User" : "Anonymous ID"}{" "}
          <code className="max-w-40 truncate font-mono text-xs">{value.userId ?? value.anonymousId}</code>
          {value.userId && value.identity === "any" && (
            <span className="text-xs text-indigo-700"> and their anonymous calls</span>
          )}
          <button
            type="button"
            aria-label={value.userId ? "Clear the user filter" : "Clear the anonymous ID filter"}
            onClick={() => onChange({ ...value, userId: undefined, anonymousId: undefined, identity: undefined })}
            className="rounded px-1.5 text-indigo-700 hover:bg-indigo-100"
          >
            ×
          </button>
        </span>
      )}
      <Input
        aria-label="Search payloads"
        placeholder="Search, e.g. an email or order id"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="col-span-2 w-full sm:w-0 sm:min-w-56 sm:flex-1"
        type="search"
      />
    </div>
  );
}
