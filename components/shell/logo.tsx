import { cn } from "@/components/ui/cn";

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 text-lg font-semibold text-slate-900", className)}>
      <svg viewBox="0 0 24 24" className="h-6 w-6 text-indigo-600" aria-hidden="true">
        <path fill="currentColor" d="M3 5h18v3H3zm2 5.5h14v3H5zM8 16h8v3H8z" />
      </svg>
      Sluice
    </span>
  );
}
