import { commentText, goString } from "./escape";
import type { SourceDefinition } from "./types";

export const goSource: SourceDefinition = {
  type: "go",
  name: "Go",
  category: "server",
  description: "Send events from Go services and workers.",
  icon: { monogram: "Go", background: "#A5F3FC", foreground: "#164E63" },
  isServerSide: true,
  snippets: (ctx) => [
    { title: "Add the module", language: "bash", code: "go get github.com/customerio/cdp-analytics-go" },
    {
      title: "Send identify and track calls",
      language: "go",
      description: "Enqueue batches calls in the background; Close flushes them.",
      code: `// ${commentText(ctx.sourceName) || "Sluice"}
package main

import analytics "github.com/customerio/cdp-analytics-go"

func main() {
	client, err := analytics.NewWithConfig(${goString(ctx.writeKey)}, analytics.Config{
		Endpoint: ${goString(ctx.publicUrl)},
	})
	if err != nil {
		panic(err)
	}
	defer client.Close()

	client.Enqueue(analytics.Identify{
		UserId: "user-123",
		Traits: analytics.NewTraits().SetEmail("person@example.com"),
	})
	client.Enqueue(analytics.Track{
		UserId:     "user-123",
		Event:      "Order Completed",
		Properties: analytics.NewProperties().Set("total", 42),
	})
}`,
    },
  ],
};
