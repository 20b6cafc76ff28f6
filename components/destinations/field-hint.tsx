import { Fragment, type ReactNode } from "react";

// Definitions describe their fields in Markdown, mostly links to the vendor's docs ("[API Credentials
// page](https://…)"). Links and `code` are rendered; everything else stays text (React escapes it).
const TOKEN = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|`([^`]+)`/g;

export function FieldHint({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      match[1] ? (
        <a href={match[2]} target="_blank" rel="noreferrer noopener" className="text-indigo-600 underline">
          {match[1]}
        </a>
      ) : (
        <code className="rounded bg-slate-100 px-1 font-mono">{match[3]}</code>
      ),
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{part}</Fragment>
      ))}
    </>
  );
}
