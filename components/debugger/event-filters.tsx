"use client";
import { useEffect, useState } from "react";
import { Input, Select } from "@/components/ui/input";
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

  const set = (key: keyof EventFilter) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value || undefined });

  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2" role="search">
      {sources && (
        <Select aria-label="Source" value={value.sourceId ?? ""} onChange={set("sourceId")} className="w-48">
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      )}
      <Select aria-label="Type" value={value.type ?? ""} onChange={set("type")} className="w-36">
        <option value="">All types</option>
        {TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </Select>
      <Select aria-label="Status" value={value.status ?? ""} onChange={set("status")} className="w-36">
        <option value="">Any status</option>
        <option value="accepted">Accepted</option>
        <option value="rejected">Rejected</option>
      </Select>
      <Select
        aria-label="Time"
        value={value.from ? since : ""}
        onChange={(e) => {
          const choice = SINCE_MINUTES[e.target.value];
          setSince(e.target.value);
          onChange({ ...value, from: choice && new Date(Date.now() - choice.minutes * 60_000).toISOString() });
        }}
        className="w-40"
      >
        <option value="">Any time</option>
        {Object.entries(SINCE_MINUTES).map(([key, { label }]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </Select>
      {(value.userId ?? value.anonymousId) && (
        <span
          data-testid="identity-filter"
          className="inline-flex h-9 items-center gap-1 rounded-md border border-indigo-200 bg-indigo-50 pr-1 pl-3 text-sm text-indigo-900"
        >
          {value.userId ? "User" : "Anonymous ID"}{" "}
          <code className="max-w-40 truncate font-mono text-xs">{value.userId ?? value.anonymousId}</code>
          <button
            type="button"
            aria-label={value.userId ? "Clear the user filter" : "Clear the anonymous ID filter"}
            onClick={() => onChange({ ...value, userId: undefined, anonymousId: undefined })}
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
        className="w-0 min-w-56 flex-1"
        type="search"
      />
    </div>
  );
}
