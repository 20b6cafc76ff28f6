import { commentText, pyString } from "./escape";
import type { SourceDefinition } from "./types";

export const pythonSource: SourceDefinition = {
  type: "python",
  name: "Python",
  category: "server",
  description: "Send events from Python services, jobs and web apps (Django, Flask, FastAPI).",
  icon: { monogram: "Py", background: "#BFDBFE", foreground: "#1E3A8A" },
  isServerSide: true,
  snippets: (ctx) => [
    { title: "Install the library", language: "bash", code: "pip install customerio-cdp-analytics" },
    {
      title: "Send identify and track calls",
      language: "python",
      description: "Calls are queued and sent in batches by a background thread; flush() sends what is queued.",
      code: `# ${commentText(ctx.sourceName) || "Sluice"}
from customerio import analytics

analytics.write_key = ${pyString(ctx.writeKey)}
analytics.host = ${pyString(ctx.publicUrl)}

analytics.identify(user_id="user-123", traits={"email": "person@example.com", "plan": "pro"})
analytics.track(user_id="user-123", event="Order Completed", properties={"total": 42})

analytics.flush()`,
    },
  ],
};
