// A source type is data: what the catalog shows and how its install instructions are rendered.
// Adding a type is one file in this folder plus one line in index.ts.

export type SourceCategory = "website" | "server" | "mobile" | "other";

/** What every snippet template is rendered from. All values are untrusted text and escaped per language. */
export interface SnippetContext {
  /** The URL browsers and SDKs use to reach this Sluice, without a trailing slash, e.g. https://cdp.example.com */
  publicUrl: string;
  writeKey: string;
  /** The Site ID for in-app messages; set only when the workspace has in-app messaging on and a tracking key. */
  siteId?: string | null;
  sourceName: string;
}

export interface Snippet {
  title: string;
  /** For display and highlighting: html, javascript, typescript, tsx, bash, python, go, swift, kotlin, dart, json, text. */
  language: string;
  code: string;
  /** One or two sentences shown above the code. */
  description?: string;
}

export interface SourceDefinition {
  type: string;
  name: string;
  category: SourceCategory;
  /** One line: what this source is for. */
  description: string;
  /** A two-letter monogram on a coloured tile stands in for a logo. */
  icon: { monogram: string; background: string; foreground: string };
  isRecommended?: boolean;
  /** Whether in-app messages (a Site ID) apply to this source type. */
  supportsInApp?: boolean;
  /** Whether the SDK runs on a server, so a "send a test event" button makes sense. */
  isServerSide?: boolean;
  snippets: (ctx: SnippetContext) => Snippet[];
}

/** A definition without its functions: what the catalog endpoint and the client-side catalog list. */
export type SourceCatalogEntry = Omit<SourceDefinition, "snippets">;
