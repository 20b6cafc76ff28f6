import { commentText, jsString } from "./escape";
import type { SourceDefinition } from "./types";

export const nodejsSource: SourceDefinition = {
  type: "nodejs",
  name: "Node.js",
  category: "server",
  description: "Send events from your Node.js backend: orders, subscriptions, anything your server knows first.",
  icon: { monogram: "N", background: "#BBF7D0", foreground: "#14532D" },
  isServerSide: true,
  snippets: (ctx) => [
    { title: "Install the library", language: "bash", code: "npm install @customerio/cdp-analytics-node" },
    {
      title: "Send identify and track calls",
      language: "javascript",
      description: "The client batches calls and sends them in the background; call closeAndFlush() before exiting.",
      code: `// ${commentText(ctx.sourceName) || "Sluice"}
import { Analytics } from "@customerio/cdp-analytics-node";

const analytics = new Analytics({
  writeKey: ${jsString(ctx.writeKey)},
  host: ${jsString(ctx.publicUrl)},
});

analytics.identify({ userId: "user-123", traits: { email: "person@example.com", plan: "pro" } });
analytics.track({ userId: "user-123", event: "Order Completed", properties: { total: 42 } });

await analytics.closeAndFlush();`,
    },
  ],
};
