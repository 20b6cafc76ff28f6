import type { CatalogLogo } from "@/lib/destinations/types";
import { cn } from "@/components/ui/cn";

// Letter tiles for brands without a simple-icons logo: a stable colour per name, so a tile is recognisable.
const tileColors = [
  ["#E0E7FF", "#3730A3"],
  ["#DCFCE7", "#166534"],
  ["#FEF3C7", "#92400E"],
  ["#FCE7F3", "#9D174D"],
  ["#E0F2FE", "#075985"],
  ["#F3E8FF", "#6B21A8"],
  ["#FFE4E6", "#9F1239"],
  ["#CCFBF1", "#115E59"],
] as const;

function tileColor(name: string) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return tileColors[hash % tileColors.length]!;
}

/** Brand colours too light to see on white (e.g. a yellow) go on a dark tile instead. */
function isLight(hex: string): boolean {
  const n = parseInt(hex.slice(1, 7), 16);
  if (Number.isNaN(n)) return false;
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.8;
}

/** A destination's brand mark (simple-icons path on a light tile in the brand colour), or its initial. */
export function DestinationLogo({
  name,
  logo,
  className,
}: {
  name: string;
  logo: CatalogLogo | null | undefined;
  className?: string;
}) {
  const box = "inline-flex size-9 shrink-0 items-center justify-center rounded-md";
  if (logo) {
    const hex = logo.hex.startsWith("#") ? logo.hex : `#${logo.hex}`;
    return (
      <span
        aria-hidden="true"
        className={cn(box, "border p-1.5", isLight(hex) ? "border-slate-800 bg-slate-800" : "bg-white", className)}
      >
        <svg viewBox="0 0 24 24" className="size-full" fill={hex} role="img">
          <path d={logo.svgPath} />
        </svg>
      </span>
    );
  }
  const [background, color] = tileColor(name);
  const initial =
    name
      .replace(/^[^A-Za-z0-9]+/, "")
      .charAt(0)
      .toUpperCase() || "?";
  return (
    <span aria-hidden="true" className={cn(box, "text-sm font-bold", className)} style={{ background, color }}>
      {initial}
    </span>
  );
}
