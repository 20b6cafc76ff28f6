import { cn } from "@/components/ui/cn";

export const addSteps = [
  { id: "choose", label: "Choose" },
  { id: "sources", label: "Sources" },
  { id: "settings", label: "Settings" },
  { id: "enable", label: "Enable" },
] as const;
export type AddStep = (typeof addSteps)[number]["id"];

/** Where the add flow is: numbered steps, done ones ticked. */
export function AddStepsIndicator({ current }: { current: AddStep }) {
  const index = addSteps.findIndex((s) => s.id === current);
  return (
    <ol className="mb-6 flex items-center gap-2 text-sm" aria-label="Steps">
      {addSteps.map((step, i) => (
        <li
          key={step.id}
          className="flex items-center gap-2"
          aria-current={i === index ? "step" : undefined}
          aria-label={`Step ${i + 1}: ${step.label}${i < index ? " (done)" : ""}`}
        >
          <span
            className={cn(
              "inline-flex size-6 items-center justify-center rounded-full text-xs font-semibold",
              i < index && "bg-indigo-600 text-white",
              i === index && "bg-indigo-50 text-indigo-700 ring-2 ring-indigo-600",
              i > index && "bg-slate-100 text-slate-500",
            )}
          >
            {i < index ? "✓" : i + 1}
          </span>
          {/* On a phone only the current step is named, so the steps stay on one line. */}
          <span className={cn(i === index ? "font-medium text-slate-900" : "hidden text-slate-500 sm:inline")}>
            {step.label}
          </span>
          {i < addSteps.length - 1 && <span aria-hidden="true" className="h-px w-4 bg-slate-300 sm:w-8" />}
        </li>
      ))}
    </ol>
  );
}
