import { getSourceDefinition } from "@/lib/sources";
import { cn } from "@/components/ui/cn";

/** The source type's monogram on its colour: a logo stand-in that needs no image files. */
export function SourceIcon({ type, className }: { type: string; className?: string }) {
  const icon = getSourceDefinition(type)?.icon ?? { monogram: "?", background: "#E2E8F0", foreground: "#334155" };
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex size-9 shrink-0 items-center justify-center rounded-md text-xs font-bold tracking-tight",
        className,
      )}
      style={{ background: icon.background, color: icon.foreground }}
    >
      {icon.monogram}
    </span>
  );
}
