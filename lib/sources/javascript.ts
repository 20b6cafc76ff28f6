import { commentText, jsString } from "./escape";
import type { SnippetContext, SourceDefinition } from "./types";

// The Customer.io Data Pipelines snippet (SNIPPET_VERSION 4.15.3): a stub on window.cioanalytics that queues
// calls until the standalone build of @customerio/cdp-analytics-browser loads from this Sluice. The library
// takes its CDN (settings, chunks) from that script's URL, and its API host from the CDN settings.

const METHODS = [
  "trackSubmit",
  "trackClick",
  "trackLink",
  "trackForm",
  "pageview",
  "identify",
  "reset",
  "group",
  "track",
  "ready",
  "alias",
  "debug",
  "page",
  "once",
  "off",
  "on",
  "addSourceMiddleware",
  "addIntegrationMiddleware",
  "setAnonymousId",
  "addDestinationMiddleware",
];

/** `{integrations: {"Customer.io In-App Plugin": {siteId}}}` when a Site ID applies, else null. */
function inAppOptions(siteId: string | null | undefined): string | null {
  return siteId ? `{ integrations: { "Customer.io In-App Plugin": { siteId: ${jsString(siteId)} } } }` : null;
}

function snippet(ctx: SnippetContext): string {
  const options = inAppOptions(ctx.siteId);
  const load = `analytics.load(${jsString(ctx.writeKey)}${options ? `, ${options}` : ""});`;
  return `<script>
  // ${commentText(ctx.sourceName) || "Sluice"}: Customer.io Data Pipelines JavaScript snippet
  !function(){var i="cioanalytics",analytics=(window[i]=window[i]||[]);if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Snippet included twice.");else{analytics.invoked=!0;analytics.methods=${JSON.stringify(METHODS)};analytics.factory=function(e){return function(){var t=Array.prototype.slice.call(arguments);t.unshift(e);analytics.push(t);return analytics}};for(var e=0;e<analytics.methods.length;e++){var key=analytics.methods[e];analytics[key]=analytics.factory(key)}analytics.load=function(key,e){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-customerio-analytics-key",i);t.src=${jsString(ctx.publicUrl)}+"/v1/analytics-js/snippet/"+key+"/analytics.min.js";var n=document.getElementsByTagName("script")[0];n.parentNode.insertBefore(t,n);analytics._writeKey=key;analytics._loadOptions=e};analytics.SNIPPET_VERSION="4.15.3";
    ${load}
    analytics.page();
  }}();
</script>`;
}

function npmModule(ctx: SnippetContext): string {
  const options = inAppOptions(ctx.siteId);
  return `import { AnalyticsBrowser } from "@customerio/cdp-analytics-browser";

export const cioanalytics = AnalyticsBrowser.load(
  { writeKey: ${jsString(ctx.writeKey)}, cdnURL: ${jsString(ctx.publicUrl)} }${options ? `,\n  ${options},` : ","}
);

cioanalytics.page();`;
}

export const javascriptSource: SourceDefinition = {
  type: "javascript",
  name: "JavaScript",
  category: "website",
  description: "Track visitors on your website and show them in-app messages: page views, sign-ups, clicks.",
  icon: { monogram: "JS", background: "#FDE68A", foreground: "#78350F" },
  isRecommended: true,
  supportsInApp: true,
  snippets: (ctx) => [
    {
      title: "Paste the snippet into the <head> of every page",
      language: "html",
      description: "It loads the Customer.io browser library from this Sluice and records a page view.",
      code: snippet(ctx),
    },
    {
      title: "Or install from npm",
      language: "bash",
      code: "npm install @customerio/cdp-analytics-browser",
    },
    {
      title: "…and load it in your app",
      language: "javascript",
      code: npmModule(ctx),
    },
    {
      title: "Identify people and track what they do",
      language: "javascript",
      description: "Call identify when someone signs in or signs up; earlier anonymous activity is merged into them.",
      code: `cioanalytics.identify("user-123", { email: "person@example.com", name: "Ada Lovelace" });
cioanalytics.track("Signed Up", { plan: "trial" });`,
    },
  ],
};
