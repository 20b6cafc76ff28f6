"use client";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { SelectMenu } from "@/components/ui/select-menu";
import type { PeopleFilter } from "@/lib/queries/people";

const SEEN = [
  { value: "", label: "Seen any time" },
  { value: "1", label: "Seen in the last day" },
  { value: "7", label: "Seen in the last 7 days" },
  { value: "30", label: "Seen in the last 30 days" },
  { value: "90", label: "Seen in the last 90 days" },
];

/** Typing settles for a moment before the list asks again. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function PeopleFilters({ onChange }: { onChange: (filter: PeopleFilter) => void }) {
  const [search, setSearch] = useState("");
  const [has, setHas] = useState("");
  const [attr, setAttr] = useState("");
  const [value, setValue] = useState("");
  const [seen, setSeen] = useState("");
  const settled = useSettled({ search, has, attr, value });
  useEffect(() => {
    onChange({
      search: settled.search.trim() || undefined,
      has: settled.has.trim() || undefined,
      ...(settled.attr.trim() && { attr: settled.attr.trim(), value: settled.value }),
      seenDays: seen ? Number(seen) : undefined,
    });
  }, [settled, seen, onChange]);
  return (
    <div className="flex flex-wrap items-center gap-2 border-b p-3">
      <Input
        type="search"
        aria-label="Search people"
        placeholder="Search id, email or any attribute value"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="w-full sm:w-80"
      />
      <Input
        aria-label="Has attribute"
        placeholder="Has attribute…"
        value={has}
        onChange={(e) => setHas(e.target.value)}
        className="w-40"
      />
      <span className="flex items-center gap-1">
        <Input
          aria-label="Attribute name"
          placeholder="Attribute"
          value={attr}
          onChange={(e) => setAttr(e.target.value)}
          className="w-28"
        />
        <span className="text-sm text-slate-400">=</span>
        <Input
          aria-label="Attribute value"
          placeholder="value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-28"
        />
      </span>
      <SelectMenu aria-label="Last seen" value={seen} onValueChange={setSeen} options={SEEN} className="w-52" />
    </div>
  );
}
