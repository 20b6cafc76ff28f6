import { commentText, shellQuote } from "./escape";
import type { SnippetContext, SourceDefinition } from "./types";

// curl examples against the long-form ingest paths, authenticated with `-u KEY:` (HTTP Basic, blank password).

function curl(ctx: SnippetContext, path: string, body: unknown): string {
  return `curl ${shellQuote(`${ctx.publicUrl}/v1/${path}`)} \\
  -u ${shellQuote(`${ctx.writeKey}:`)} \\
  -H 'Content-Type: application/json' \\
  -d ${shellQuote(JSON.stringify(body, null, 2))}`;
}

export const httpSource: SourceDefinition = {
  type: "http",
  name: "HTTP API",
  category: "server",
  description: "Send calls from any language or tool with plain HTTP requests; Segment-compatible.",
  icon: { monogram: "{ }", background: "#E9D5FF", foreground: "#581C87" },
  isServerSide: true,
  snippets: (ctx) => {
    const label = commentText(ctx.sourceName) || "Sluice";
    return [
      {
        title: "Identify a person",
        language: "bash",
        description:
          "The write key is the username of HTTP Basic auth, with an empty password. A 200 means Sluice stored the call durably, once (a retry with the same messageId is not stored twice) — but, as Segment's API does, it answers 200 for a call it rejected too (a missing userId, a bad field): the rejection is stored with its reason for the debugger. Send the header X-Strict-Mode: 1 to be answered 400 with the reasons instead; a 200 then means the call was accepted.",
        code: `# ${label}\n${curl(ctx, "identify", { userId: "user-123", traits: { email: "person@example.com", name: "Ada Lovelace" } })}`,
      },
      {
        title: "Track an event",
        language: "bash",
        code: curl(ctx, "track", { userId: "user-123", event: "Order Completed", properties: { total: 42 } }),
      },
    ];
  },
};
