import {
  cloneElement,
  forwardRef,
  isValidElement,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type LabelHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";

const control =
  "block rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs " +
  "placeholder:text-slate-400 focus:border-indigo-500 focus:outline-hidden focus:ring-2 focus:ring-indigo-500/20 " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 " +
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus:ring-red-500/20";

/** Controls fill their container unless the caller gives them a width (`w-48`): cn() does not merge classes. */
function controlClasses(className: string | undefined, ...extra: string[]): string {
  return cn(control, /(^|\s)w-/.test(className ?? "") ? undefined : "w-full", ...extra, className);
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, type = "text", ...props },
  ref,
) {
  return <input ref={ref} type={type} className={controlClasses(className, "h-9")} {...props} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, rows = 4, ...props },
  ref,
) {
  return <textarea ref={ref} rows={rows} className={controlClasses(className, "py-2")} {...props} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className, ...props },
  ref,
) {
  // Native (forms register it, phones show their own picker), drawn like the other controls: see .ui-select.
  return <select ref={ref} className={controlClasses(className, "ui-select h-9 pr-8")} {...props} />;
});

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn("block text-sm font-medium text-slate-700", className)} {...props} />;
}

interface ControlA11yProps {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

export interface FieldProps extends Omit<HTMLAttributes<HTMLDivElement>, "children"> {
  /** The control's id; the label points at it and hint/error ids derive from it. */
  htmlFor: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Adds a visual marker to the label; put `required` on the control itself for validation. */
  isRequired?: boolean;
  /** One control (Input, Select, ...). It receives id, aria-describedby and aria-invalid. */
  children: ReactNode;
}

// The error is a plain <p> tied in via aria-describedby, not role="alert": Next's route announcer already
// owns role="alert", and tests find errors by data-testid="field-error".
export function Field({ htmlFor, label, hint, error, isRequired, className, children, ...props }: FieldProps) {
  const hintId = hint ? `${htmlFor}-hint` : undefined;
  const errorId = error ? `${htmlFor}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = isValidElement<ControlA11yProps>(children)
    ? cloneElement(children, {
        id: children.props.id ?? htmlFor,
        "aria-describedby": cn(children.props["aria-describedby"], describedBy) || undefined,
        "aria-invalid": error ? true : children.props["aria-invalid"],
      })
    : children;

  return (
    <div className={cn("space-y-1.5", className)} {...props}>
      <Label htmlFor={htmlFor}>
        {label}
        {isRequired && (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        )}
      </Label>
      {control}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} data-testid="field-error" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
