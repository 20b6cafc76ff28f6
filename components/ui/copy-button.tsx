"use client";

import { useEffect, useState, type HTMLAttributes } from "react";
import { buttonClasses } from "./button";
import { cn } from "./cn";

// navigator.clipboard only exists in secure contexts; self-hosted installs are often plain http on a LAN.
async function copyText(value: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      // Permission denied or unfocused document: fall through to the legacy path.
    }
  }
  const textarea = document.createElement("textarea");
  textarea.value = value;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.appendChild(textarea);
  textarea.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    textarea.remove();
  }
}

export interface CopyButtonProps {
  value: string;
  /** Button text before copying; defaults to "Copy". */
  label?: string;
  className?: string;
}

export function CopyButton({ value, label = "Copy", className }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function handleClick() {
    setState((await copyText(value)) ? "copied" : "failed");
  }

  return (
    <button
      type="button"
      onClick={handleClick}
      className={buttonClasses({ variant: "secondary", size: "sm", className })}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}</span>
    </button>
  );
}

export interface CodeBlockProps extends HTMLAttributes<HTMLDivElement> {
  code: string;
  language?: string;
}

export function CodeBlock({ code, language, className, ...props }: CodeBlockProps) {
  return (
    <div className={cn("relative", className)} {...props}>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 pr-20 font-mono text-xs leading-relaxed text-slate-100">
        <code className={language ? `language-${language}` : undefined}>{code}</code>
      </pre>
      <CopyButton value={code} className="absolute top-2 right-2" />
    </div>
  );
}
