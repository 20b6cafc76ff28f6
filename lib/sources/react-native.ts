import { commentText, jsString } from "./escape";
import { mobileHosts, mobileNote } from "./mobile";
import type { SourceDefinition } from "./types";

export const reactNativeSource: SourceDefinition = {
  type: "react-native",
  name: "React Native",
  category: "mobile",
  description: "Track people and screens in React Native and Expo apps, with push and in-app messages.",
  icon: { monogram: "RN", background: "#C7D2FE", foreground: "#312E81" },
  supportsInApp: true,
  snippets: (ctx) => {
    const { apiHost, cdnHost } = mobileHosts(ctx);
    const inApp = ctx.siteId ? `\n  inApp: { siteId: ${jsString(ctx.siteId)} },` : "";
    return [
      {
        title: "Install the package (bare React Native)",
        language: "bash",
        code: "npm install customerio-reactnative\ncd ios && pod install",
      },
      {
        title: "Or with Expo",
        language: "bash",
        description: 'Then add "customerio-expo-plugin" to the plugins in app.json and run npx expo prebuild.',
        code: "npx expo install customerio-reactnative customerio-expo-plugin",
      },
      {
        title: "Initialize the SDK once, when your app starts",
        language: "typescript",
        description: mobileNote(ctx),
        code: `// ${commentText(ctx.sourceName) || "Sluice"}
import { CustomerIO } from "customerio-reactnative";

CustomerIO.initialize({
  cdpApiKey: ${jsString(ctx.writeKey)},
  apiHost: ${jsString(apiHost)},
  cdnHost: ${jsString(cdnHost)},${inApp}
});

CustomerIO.identify({ userId: "user-123", traits: { email: "person@example.com" } });
CustomerIO.track("Order Completed", { total: 42 });`,
      },
    ];
  },
};
