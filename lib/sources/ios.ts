import { commentText, swiftString } from "./escape";
import { mobileHosts, mobileNote } from "./mobile";
import type { SourceDefinition } from "./types";

export const iosSource: SourceDefinition = {
  type: "ios",
  name: "iOS",
  category: "mobile",
  description: "Track people and screens in your iPhone and iPad apps, with push and in-app messages.",
  icon: { monogram: "iOS", background: "#E2E8F0", foreground: "#0F172A" },
  supportsInApp: true,
  snippets: (ctx) => {
    const { apiHost, cdnHost } = mobileHosts(ctx);
    const inApp = ctx.siteId
      ? `

MessagingInApp.initialize(
    withConfig: MessagingInAppConfigBuilder(siteId: ${swiftString(ctx.siteId)}, region: .US).build()
)`
      : "";
    return [
      {
        title: "Add the package with Swift Package Manager",
        language: "text",
        description:
          "In Xcode: File › Add Package Dependencies…, enter the URL below, and add the DataPipelines product (and MessagingInApp for in-app messages).",
        code: "https://github.com/customerio/customerio-ios",
      },
      {
        title: "Initialize the SDK when your app launches",
        language: "swift",
        description: mobileNote(ctx),
        code: `// ${commentText(ctx.sourceName) || "Sluice"}
import CioDataPipelines${ctx.siteId ? "\nimport CioMessagingInApp" : ""}

CustomerIO.initialize(
    withConfig: SDKConfigBuilder(cdpApiKey: ${swiftString(ctx.writeKey)})
        .apiHost(${swiftString(apiHost)})
        .cdnHost(${swiftString(cdnHost)})
        .build()
)${inApp}

CustomerIO.shared.identify(userId: "user-123", traits: ["email": "person@example.com"])
CustomerIO.shared.track(name: "Order Completed", properties: ["total": 42])`,
      },
    ];
  },
};
