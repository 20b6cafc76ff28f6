"use client";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type Link = { sourceId: string; destinationId: string; isEnabled: boolean };
type Drawn = Link & { d: string; x1: number; y1: number; x2: number; y2: number };

/** The attribute rows carry so the lines can find them: `s:<id>` for a source, `d:<id>` for a destination. */
export const nodeAttr = (kind: "s" | "d", id: string) => ({ "data-node": `${kind}:${id}` });

/**
 * Measures where each connected source row and destination row are inside the element this SVG covers (its
 * parent, `position: relative`) and draws a curve from
 * the source's right edge to the destination's left edge. When the columns stack (narrow screens) a
 * destination is not to the right of its source, so no line is drawn and the lists show chips instead.
 */
export function ConnectorLines({
  links,
  highlight,
  label,
}: {
  links: Link[];
  highlight: string | null;
  /** What sits on the middle of each drawn line (focusable; the lines themselves are decoration). */
  label?: (link: Link) => ReactNode;
}) {
  // Its own element, not a ref to the parent: a child's layout effect runs before the parent's ref is set.
  const svg = useRef<SVGSVGElement>(null);
  const [drawn, setDrawn] = useState<Drawn[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const signature = links.map((l) => `${l.sourceId}>${l.destinationId}:${l.isEnabled}`).join(",");

  useLayoutEffect(() => {
    const root = svg.current?.parentElement;
    if (!root) return;
    const measure = () => {
      const box = root.getBoundingClientRect();
      const find = (node: string) => root.querySelector<HTMLElement>(`[data-node="${node}"]`)?.getBoundingClientRect();
      setSize({ width: box.width, height: box.height });
      setDrawn(
        links.flatMap((link) => {
          const a = find(`s:${link.sourceId}`);
          const b = find(`d:${link.destinationId}`);
          if (!a || !b || b.left <= a.right) return [];
          const [x1, y1] = [a.right - box.left, a.top + a.height / 2 - box.top];
          const [x2, y2] = [b.left - box.left, b.top + b.height / 2 - box.top];
          const mid = (x1 + x2) / 2;
          return [{ ...link, x1, y1, x2, y2, d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}` }];
        }),
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
    // `signature` stands for `links`: redraw when the connections change, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  return (
    <>
      <svg
        ref={svg}
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 overflow-visible"
        width={size.width}
        height={size.height}
        data-testid="connector-lines"
      >
        {drawn.map((line) => {
          const isLit = highlight === null || highlight === line.sourceId || highlight === line.destinationId;
          const color = line.isEnabled ? "#6366F1" : "#94A3B8";
          return (
            <g
              key={`${line.sourceId}>${line.destinationId}`}
              data-testid="connection-line"
              data-source={line.sourceId}
              data-destination={line.destinationId}
              className={cn("transition-opacity", isLit ? "opacity-100" : "opacity-20")}
            >
              <path
                d={line.d}
                fill="none"
                stroke={color}
                strokeWidth={isLit && highlight ? 2.5 : 1.75}
                strokeDasharray={line.isEnabled ? undefined : "5 4"}
              />
              <circle cx={line.x1} cy={line.y1} r={3.5} fill={color} />
              <circle cx={line.x2} cy={line.y2} r={3.5} fill={color} />
            </g>
          );
        })}
      </svg>
      {label && (
        <div className="pointer-events-none absolute inset-0" data-testid="connection-labels">
          {drawn.map((line) => (
            <div
              key={`${line.sourceId}>${line.destinationId}`}
              className="pointer-events-auto absolute -translate-x-1/2 -translate-y-1/2 rounded border border-slate-200 bg-white px-1.5 py-0.5 text-center leading-tight whitespace-nowrap shadow-xs [&_button]:text-center [&_button]:text-[11px]"
              style={{ left: (line.x1 + line.x2) / 2, top: (line.y1 + line.y2) / 2 }}
              data-source={line.sourceId}
              data-destination={line.destinationId}
            >
              {label(line)}
            </div>
          ))}
        </div>
      )}
    </>
  );
}
