// The contract between the destination catalog (generated at build time from @segment/action-destinations and
// Sluice's built-ins), the management API and the admin app. Isomorphic and function-free: the UI imports these
// types, never a definition.

/** One input of a destination's settings form or of an action's mapping (from a definition's InputField). */
export type CatalogField = {
  key: string;
  label: string;
  description: string;
  type: "string" | "text" | "number" | "integer" | "datetime" | "boolean" | "password" | "object";
  /** true, or conditions under which the field is required. */
  required: boolean | CatalogDependsOn;
  multiple?: boolean;
  allowNull?: boolean;
  choices?: { value: string | number | boolean; label: string }[];
  format?: string;
  /** A literal or a mapping-kit directive (e.g. `{ "@path": "$.userId" }`). */
  default?: unknown;
  placeholder?: string;
  /** Nested fields of an object field. */
  properties?: CatalogField[];
  additionalProperties?: boolean;
  defaultObjectUI?: string;
  depends_on?: CatalogDependsOn;
  minimum?: number;
  maximum?: number;
  /** Settings only: stored encrypted, never returned by the API. */
  secret?: boolean;
  /** Its choices come from the vendor's API at edit time (not offered offline). */
  dynamic?: boolean;
};

export type CatalogDependsOn = {
  match?: "any" | "all";
  conditions: { fieldKey: string; operator: "is" | "is_not"; value: unknown }[];
};

export type CatalogAction = {
  key: string;
  title: string;
  description: string;
  /** FQL, e.g. `type = "track"`; absent when the definition gives none. */
  defaultTrigger?: string;
  fields: CatalogField[];
  /** The definition's field defaults as a mapping (`defaultValues(fields)`). */
  defaultMapping: Record<string, unknown>;
  supportsBatching: boolean;
};

/** A preset: one action a new destination starts with, already triggered and mapped. */
export type CatalogPreset = { name: string; actionKey: string; trigger: string; mapping: Record<string, unknown> };

export type CatalogLogo = { svgPath: string; hex: string; title: string };

export type CatalogDestination = {
  slug: string;
  name: string;
  /** Segment's own name ("Mixpanel (Actions)"): code written for Segment names it in `integrations`. */
  segmentName: string;
  description: string;
  category: string;
  /** Searchable words on what it does (its actions' titles and the like). */
  keywords: string[];
  logo: CatalogLogo | null;
  builtin: boolean;
  settings: CatalogField[];
  actions: CatalogAction[];
  presets: CatalogPreset[];
  supportsBatching: boolean;
  hasAuthenticationTest: boolean;
};

/** What `GET /api/catalog/destinations` lists (the detail endpoint answers a whole CatalogDestination). */
export type CatalogDestinationSummary = Pick<
  CatalogDestination,
  "slug" | "name" | "description" | "category" | "keywords" | "logo" | "builtin"
> & { actionCount: number };

// ─── Management API DTOs ──────────────────────────────────────────────────────────────────────────────────────

export type ActionDto = {
  id: string;
  destinationId: string;
  actionKey: string;
  name: string;
  trigger: string;
  mapping: Record<string, unknown>;
  enabled: boolean;
  batching: boolean;
  createdAt: string;
  updatedAt: string;
};

export type DestinationDto = {
  id: string;
  slug: string;
  name: string;
  enabled: boolean;
  /** Non-secret settings as stored. Secret fields are never returned: `secretsSet` names those that have a value.
   *  In a PATCH, a secret field left out keeps its value; a string replaces it; null clears it. */
  settings: Record<string, unknown>;
  secretsSet: string[];
  sourceIds: string[];
  actions: ActionDto[];
  createdAt: string;
  updatedAt: string;
};

/** What `POST …/actions/{id}/test` answers. */
export type ActionTestResult = {
  /** Whether the trigger matched the event (and its `integrations` allowed this destination). */
  matched: boolean;
  /** Why it did not match, in words, when it did not. */
  reason?: string;
  /** The mapped payload, when mapping succeeded. */
  payload?: Record<string, unknown>;
  /** Mapping or payload validation errors, each pointing at an action field (`field` is a mapping key path). */
  errors?: { field: string; message: string }[];
  /** With `send: true`: every HTTP exchange the perform made (secrets redacted). */
  requests?: HttpExchange[];
  /** With `send: true`: whether the destination accepted it, and its error text when not. */
  delivered?: boolean;
  error?: string;
};

export type HttpExchange = {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { status: number; headers: Record<string, string>; body: string } | null;
  durationMs: number;
  error?: string;
};
