import { commentText, kotlinString } from "./escape";
import { mobileHosts, mobileNote } from "./mobile";
import type { SourceDefinition } from "./types";

export const androidSource: SourceDefinition = {
  type: "android",
  name: "Android",
  category: "mobile",
  description: "Track people and screens in your Android apps, with push and in-app messages.",
  icon: { monogram: "An", background: "#D9F99D", foreground: "#365314" },
  supportsInApp: true,
  snippets: (ctx) => {
    const { apiHost, cdnHost } = mobileHosts(ctx);
    const inApp = ctx.siteId
      ? `
            .addCustomerIOModule(
                ModuleMessagingInApp(
                    config = MessagingInAppModuleConfig.Builder(
                        siteId = ${kotlinString(ctx.siteId)},
                        region = Region.US,
                    ).build(),
                ),
            )`
      : "";
    return [
      {
        title: "Add the dependency to your app's build.gradle.kts",
        language: "kotlin",
        code: `dependencies {
    implementation("io.customer.android:datapipelines:4.+")${ctx.siteId ? '\n    implementation("io.customer.android:messaging-in-app:4.+")' : ""}
}`,
      },
      {
        title: "Initialize the SDK in your Application class",
        language: "kotlin",
        description: mobileNote(ctx),
        code: `// ${commentText(ctx.sourceName) || "Sluice"}
import android.app.Application
import io.customer.sdk.CustomerIOBuilder${ctx.siteId ? "\nimport io.customer.messaginginapp.MessagingInAppModuleConfig\nimport io.customer.messaginginapp.ModuleMessagingInApp\nimport io.customer.sdk.data.model.Region" : ""}

class MyApplication : Application() {
    override fun onCreate() {
        super.onCreate()
        CustomerIOBuilder(applicationContext = this, cdpApiKey = ${kotlinString(ctx.writeKey)})
            .apiHost(${kotlinString(apiHost)})
            .cdnHost(${kotlinString(cdnHost)})${inApp}
            .build()
    }
}`,
      },
    ];
  },
};
