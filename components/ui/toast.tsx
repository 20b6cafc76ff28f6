"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import * as ToastPrimitive from "@radix-ui/react-toast";
import { cn } from "./cn";

export type ToastVariant = "success" | "error" | "info";

export interface ToastOptions {
  title: string;
  description?: string;
  variant?: ToastVariant;
}

interface ToastItem extends ToastOptions {
  id: number;
}

interface ToastContextValue {
  toast: (options: ToastOptions) => void;
}

const ToastContext = createContext<ToastContextValue | null>(null);
const DISMISS_AFTER_MS = 4000;
// Errors stay longer: they carry a message to read.
const ERROR_DISMISS_AFTER_MS = 8000;

const VIEWPORT_ID = "sluice-toasts";

/**
 * Puts the toasts above whatever is in the browser's top layer now (an open modal <dialog>): the viewport is a
 * manual popover, and the latest element shown joins the top layer last. Under a modal dialog the toasts can be
 * read but not clicked (the page outside the dialog is inert); they dismiss themselves.
 */
export function raiseToasts() {
  const viewport = document.getElementById(VIEWPORT_ID);
  if (!viewport?.matches(":popover-open")) return;
  viewport.hidePopover();
  viewport.showPopover();
}

const accents: Record<ToastVariant, string> = {
  success: "border-l-emerald-500",
  error: "border-l-red-500",
  info: "border-l-indigo-500",
};

/**
 * Toasts on Radix: announced politely (errors assertively), paused while hovered or focused, swipe or Escape
 * (F8 reaches them from the keyboard) to dismiss. They stack bottom-left: on a wide screen over the sidebar's
 * empty lower part, away from the right-hand actions (Delete, Copy, Save) they report on.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  // A counter, not crypto.randomUUID: that needs a secure context and self-hosters run plain http.
  const nextId = useRef(0);

  const toast = useCallback((options: ToastOptions) => {
    const id = ++nextId.current;
    setToasts((current) => [...current, { ...options, id }]);
  }, []);

  // Radix closes a toast (timer, swipe, Escape, the button); it has no exit animation, so it leaves at once.
  const remove = useCallback((id: number) => setToasts((current) => current.filter((t) => t.id !== id)), []);

  const value = useMemo(() => ({ toast }), [toast]);

  useEffect(() => {
    const viewport = document.getElementById(VIEWPORT_ID);
    if (!viewport || typeof viewport.showPopover !== "function") return;
    if (toasts.length === 0) {
      if (viewport.matches(":popover-open")) viewport.hidePopover();
    } else if (viewport.matches(":popover-open")) raiseToasts();
    else viewport.showPopover();
  }, [toasts]);

  return (
    <ToastContext.Provider value={value}>
      <ToastPrimitive.Provider duration={DISMISS_AFTER_MS} swipeDirection="left" label="Notification">
        {children}
        {toasts.map((t) => (
          <ToastPrimitive.Root
            key={t.id}
            onOpenChange={(open) => !open && remove(t.id)}
            duration={t.variant === "error" ? ERROR_DISMISS_AFTER_MS : DISMISS_AFTER_MS}
            type={t.variant === "error" ? "foreground" : "background"}
            data-testid="toast"
            data-variant={t.variant ?? "info"}
            className={cn(
              "flex items-start gap-3 rounded-lg border border-l-4 bg-white p-4 text-sm shadow-lg",
              "data-[swipe=move]:translate-x-[var(--radix-toast-swipe-move-x)]",
              accents[t.variant ?? "info"],
            )}
          >
            <div className="min-w-0 flex-1">
              <ToastPrimitive.Title className="font-medium text-slate-900">{t.title}</ToastPrimitive.Title>
              {t.description && (
                <ToastPrimitive.Description className="mt-0.5 break-words text-slate-500">
                  {t.description}
                </ToastPrimitive.Description>
              )}
            </div>
            <ToastPrimitive.Close
              aria-label="Dismiss"
              className="-m-1 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
            >
              <span aria-hidden="true">×</span>
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport
          id={VIEWPORT_ID}
          popover="manual"
          className={cn(
            // `inset-auto` and the rest undo the browser's popover styles (centred, bordered, opaque).
            "fixed inset-auto right-4 bottom-4 left-4 z-[60] m-0 overflow-visible border-0 bg-transparent p-0",
            "flex list-none flex-col gap-2 outline-hidden sm:right-auto sm:w-96",
          )}
        />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastContextValue {
  const context = useContext(ToastContext);
  if (!context) throw new Error("useToast must be used inside <ToastProvider>");
  return context;
}

/**
 * Runs an action and toasts how it went: `success` when it resolves, `failure` with the error's message when it
 * throws. Resolves to the action's result, or undefined when it failed.
 */
export function useToastedAction() {
  const { toast } = useToast();
  return useCallback(
    async <T,>(action: () => Promise<T>, success: string, failure: string): Promise<T | undefined> => {
      try {
        const result = await action();
        toast({ title: success, variant: "success" });
        return result;
      } catch (err) {
        toast({ title: failure, description: err instanceof Error ? err.message : undefined, variant: "error" });
        return undefined;
      }
    },
    [toast],
  );
}
