"use client";

import { useEffect, useId, useRef, type HTMLAttributes, type MouseEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { raiseToasts } from "./toast";

export interface DialogProps {
  open: boolean;
  /** Called on Escape, backdrop click, the close button, or a `<form method="dialog">` submit. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A modal on the native <dialog>: the browser handles focus trapping, Escape and the top layer. */
export function Dialog({ open, onClose, title, description, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const isOpenRef = useRef(open);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    isOpenRef.current = open;
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      raiseToasts(); // a toast about what opened the dialog stays readable above it
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Clicks on the ::backdrop target the <dialog> itself; the padded inner div catches everything else.
  // Both ends must be on the backdrop, so a text selection dragged out of an input does not close it.
  const isBackdropPressRef = useRef(false);
  function handleMouseDown(event: MouseEvent<HTMLDialogElement>) {
    isBackdropPressRef.current = event.target === event.currentTarget;
  }
  function handleClick(event: MouseEvent<HTMLDialogElement>) {
    if (isBackdropPressRef.current && event.target === event.currentTarget) onClose();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Keep the parent in charge: it decides whether `open` becomes false.
        event.preventDefault();
        onClose();
      }}
      // A native close we did not drive (e.g. form method="dialog") still has to reach the parent.
      onClose={() => {
        if (isOpenRef.current) onClose();
      }}
      onMouseDown={handleMouseDown}
      onClick={handleClick}
      className={cn(
        // Fits a 390 px phone: a margin on each side, and a tall form scrolls inside the dialog.
        "m-auto w-[calc(100%-2rem)] max-w-lg max-h-[calc(100dvh-2rem)] overflow-y-auto rounded-lg bg-white p-0",
        "text-sm text-slate-900 shadow-xl",
        "backdrop:bg-slate-900/40",
        className,
      )}
    >
      {open && (
        <div className="relative p-6">
          <h2 id={titleId} className="pr-8 text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description && (
            <p id={descriptionId} className="mt-1 text-sm text-slate-500">
              {description}
            </p>
          )}
          {children && <div className="mt-4">{children}</div>}
          {/* Last in DOM order so showModal focuses the first field rather than the close button. */}
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="absolute top-4 right-4 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
          >
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </div>
      )}
    </dialog>
  );
}

export function DialogFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  // Stacked on a phone (the main action on top), in a row from 640 px.
  return <div className={cn("mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}
