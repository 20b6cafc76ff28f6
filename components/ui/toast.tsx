"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
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

const accents: Record<ToastVariant, string> = {
  success: "border-l-emerald-500",
  error: "border-l-red-500",
  info: "border-l-indigo-500",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  // A counter, not crypto.randomUUID: that needs a secure context and self-hosters run plain http.
  const nextId = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const toast = useCallback(
    (options: ToastOptions) => {
      const id = ++nextId.current;
      setToasts((current) => [...current, { ...options, id }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), DISMISS_AFTER_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const value = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-full max-w-sm flex-col gap-2"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            data-variant={t.variant ?? "info"}
            className={cn(
              "pointer-events-auto flex items-start gap-3 rounded-lg border border-l-4 bg-white p-4 shadow-lg",
              accents[t.variant ?? "info"],
            )}
          >
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">{t.title}</p>
              {t.description && <p className="mt-0.5 text-slate-500">{t.description}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss"
              className="-m-1 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
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
