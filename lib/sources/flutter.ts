import { commentText, dartString } from "./escape";
import { mobileHosts, mobileNote } from "./mobile";
import type { SourceDefinition } from "./types";

export const flutterSource: SourceDefinition = {
  type: "flutter",
  name: "Flutter",
  category: "mobile",
  description: "Track people and screens in Flutter apps on iOS and Android, with push and in-app messages.",
  icon: { monogram: "Fl", background: "#BAE6FD", foreground: "#0C4A6E" },
  supportsInApp: true,
  snippets: (ctx) => {
    const { apiHost, cdnHost } = mobileHosts(ctx);
    const inApp = ctx.siteId ? `\n      inAppConfig: InAppConfig(siteId: ${dartString(ctx.siteId)}),` : "";
    return [
      { title: "Add the package", language: "bash", code: "flutter pub add customer_io" },
      {
        title: "Initialize the SDK before runApp",
        language: "dart",
        description: mobileNote(ctx),
        code: `// ${commentText(ctx.sourceName) || "Sluice"}
import 'package:customer_io/customer_io.dart';
import 'package:customer_io/customer_io_config.dart';
import 'package:flutter/material.dart';

Future<void> main() async {
  WidgetsFlutterBinding.ensureInitialized();
  await CustomerIO.initialize(
    config: CustomerIOConfig(
      cdpApiKey: ${dartString(ctx.writeKey)},
      apiHost: ${dartString(apiHost)},
      cdnHost: ${dartString(cdnHost)},${inApp}
    ),
  );
  CustomerIO.instance.identify(userId: "user-123", traits: {"email": "person@example.com"});
  runApp(const MyApp());
}`,
      },
    ];
  },
};
