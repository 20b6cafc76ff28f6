"use client";
import { createContext, useContext, useId, useMemo, useState, type KeyboardEvent } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { previewValue, type PathSuggestion } from "./event-paths";

/** The paths seen in recent events of the connected sources, for every picker in the editor. */
export const PathSuggestionsContext = createContext<PathSuggestion[]>([]);

const MAX_SHOWN = 60;

export interface PathPickerProps {
  value: string;
  onChange: (path: string) => void;
  /** Suggestions other than the editor's (e.g. paths inside a list's items). */
  suggestions?: PathSuggestion[];
  "aria-label": string;
  id?: string;
  className?: string;
  placeholder?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/** A path input with a list of the event paths that match what is typed; free typing works too. */
export function PathPicker({
  value,
  onChange,
  suggestions,
  className,
  placeholder = "$.properties.total",
  ...props
}: PathPickerProps) {
  const fromEvents = useContext(PathSuggestionsContext);
  const all = suggestions ?? fromEvents;
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = useMemo(() => {
    const needle = value.trim().toLowerCase();
    const matches = needle && needle !== "$." ? all.filter((s) => s.path.toLowerCase().includes(needle)) : all;
    return matches.slice(0, MAX_SHOWN);
  }, [all, value]);

  function choose(suggestion: PathSuggestion) {
    onChange(suggestion.path);
    setIsOpen(false);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setIsOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (shown.length ? (i + step + shown.length) % shown.length : 0));
    } else if (event.key === "Enter" && isOpen && shown[active]) {
      event.preventDefault();
      choose(shown[active]);
    } else if (event.key === "Escape") setIsOpen(false);
  }

  return (
    <div className={cn("relative", className)}>
      <Input
        {...props}
        role="combobox"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen && shown[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value);
          setIsOpen(true);
          setActive(0);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={handleKeyDown}
      />
      {isOpen && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Paths in recent events"
          className="absolute z-20 mt-1 max-h-64 w-full overflow-auto sm:min-w-64 rounded-md border bg-white py-1 text-sm shadow-lg"
        >
          {shown.length === 0 && (
            <li className="px-3 py-2 text-slate-500">
              {all.length === 0
                ? "No recent events to suggest paths from: type a path, e.g. $.properties.total"
                : "No path in recent events matches: the typed path is used as it is."}
            </li>
          )}
          {shown.map((s, i) => (
            <li
              key={s.path}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
              onMouseEnter={() => setActive(i)}
              className={cn(
                "flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5",
                i === active && "bg-indigo-50",
              )}
            >
              <span className="truncate font-mono text-slate-900">{s.path}</span>
              <span className="shrink-0 truncate font-mono text-xs text-slate-500">{previewValue(s.sample, 24)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
