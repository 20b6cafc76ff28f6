// Turns one destination definition (Segment's DestinationDefinition shape) into the function-free
// CatalogDestination of lib/destinations/types.ts. Plain CommonJS: the catalog generator runs it under Node at
// install/build time over @segment/action-destinations, and the server runs it on Sluice's built-ins.
const { defaultValues } = require("@segment/actions-core");
const { categoryFor } = require("./catalog-categories.cjs");

// A setting whose value must never leave the server: password-typed, or named like a credential.
const SECRET_NAME =
  /secret|password|passwd|token|api[\s_-]?key|apikey|private[\s_-]?key|access[\s_-]?key|auth[\s_-]?key|credential|signing[\s_-]?key|license[\s_-]?key|app[\s_-]?key|subscription[\s_-]?key/i;
const NOT_SECRET_NAME = /public|url|endpoint|region|type$|expir|enabled/i;

function isSecretSetting(key, field) {
  if (field.type === "password") return true;
  if (field.type !== "string" && field.type !== "text") return false;
  const name = `${key} ${field.label ?? ""}`;
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(key);
}

function toChoices(choices) {
  if (!Array.isArray(choices)) return undefined;
  return choices.map((c) =>
    typeof c === "object" && c !== null
      ? { value: c.value, label: String(c.label ?? c.value) }
      : { value: c, label: String(c) },
  );
}

/** One InputField → CatalogField, or null when the definition hides it from users (`unsafe_hidden`). */
function toField(key, field, { settings = false } = {}) {
  if (field.unsafe_hidden) return null;
  const out = {
    key,
    label: field.label ?? key,
    description: field.description ?? "",
    type: field.type ?? "string",
    required: field.required ?? false,
  };
  const copy = [
    "multiple",
    "allowNull",
    "format",
    "placeholder",
    "additionalProperties",
    "defaultObjectUI",
    "depends_on",
    "minimum",
    "maximum",
  ];
  for (const name of copy) if (field[name] !== undefined) out[name] = field[name];
  if (field.default !== undefined) out.default = field.default;
  const choices = toChoices(field.choices);
  if (choices) out.choices = choices;
  if (field.properties) out.properties = toFields(field.properties);
  if (field.dynamic) out.dynamic = true;
  if (settings && isSecretSetting(key, field)) out.secret = true;
  return out;
}

function toFields(fields, opts) {
  return Object.entries(fields ?? {})
    .map(([key, field]) => toField(key, field, opts))
    .filter(Boolean);
}

/** The actions users can configure in cloud mode: not hidden, not browser-only. */
function cloudActions(def) {
  return Object.entries(def.actions ?? {}).filter(([, a]) => !a.hidden && (a.platform ?? "cloud") === "cloud");
}

const STOP = new Set(
  "the and for with from into that this your when will are has have can its send sends data event events user users".split(
    " ",
  ),
);

function keywordsFor(actions) {
  const words = new Set();
  for (const a of actions) {
    words.add(a.title.toLowerCase());
    for (const w of `${a.title} ${a.description}`.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? [])
      if (!STOP.has(w)) words.add(w);
  }
  return [...words].slice(0, 60);
}

// Segment's names carry its own history ("Mixpanel (Actions)" beside a classic "Mixpanel", "Braze Cloud Mode
// (Actions)" beside a device-mode one). Sluice has only cloud-mode actions, so the qualifiers say nothing here.
const NAME_OVERRIDES = { customerio: "Customer.io Journeys", "iterable-audiences": "Iterable Audiences" };
const QUALIFIERS = [/\s*\((actions)\)$/i, /^Actions\s+/, /\s+Actions$/, /\s+Cloud Mode$/i, /\s+Cloud$/];

/** The name a user knows the destination by: Segment's without "(Actions)", "Cloud Mode" and the like. */
function displayName(slug, name) {
  if (NAME_OVERRIDES[slug]) return NAME_OVERRIDES[slug];
  let out = name;
  for (const pattern of QUALIFIERS) out = out.replace(pattern, "");
  return out.trim() || name;
}

/**
 * The catalog entry of one definition. `logoFor(name, slug)` answers a CatalogLogo or null (simple-icons at
 * generation time; built-ins bring their own).
 */
function toCatalogDestination(slug, def, { builtin = false, logo = null } = {}) {
  const actions = cloudActions(def).map(([key, a]) => {
    const action = {
      key,
      title: a.title ?? key,
      description: a.description ?? "",
      fields: toFields(a.fields),
      // Field defaults are not applied at runtime: the stored mapping must hold them (see the reference, G6).
      defaultMapping: defaultValues(a.fields ?? {}),
      supportsBatching: typeof a.performBatch === "function",
    };
    if (a.defaultSubscription) action.defaultTrigger = a.defaultSubscription;
    return action;
  });
  const byKey = new Map(actions.map((a) => [a.key, a]));
  // Presets may name browser-only actions (Amplitude's sessionId) or carry no trigger (`specificEvent` ones are
  // Segment-internal): only automatic presets of actions this catalog offers.
  const presets = (def.presets ?? [])
    .filter((p) => p.type !== "specificEvent" && typeof p.subscribe === "string" && byKey.has(p.partnerAction))
    .map((p) => ({
      name: p.name ?? byKey.get(p.partnerAction).title,
      actionKey: p.partnerAction,
      trigger: p.subscribe,
      mapping: { ...byKey.get(p.partnerAction).defaultMapping, ...(p.mapping ?? {}) },
    }));
  return {
    slug,
    name: builtin ? def.name : displayName(slug, def.name),
    segmentName: def.name,
    description: def.description ?? "",
    category: categoryFor(slug, def),
    keywords: keywordsFor(actions),
    logo,
    builtin,
    settings: toFields(def.authentication?.fields, { settings: true }),
    actions,
    presets,
    supportsBatching: actions.some((a) => a.supportsBatching),
    hasAuthenticationTest: typeof def.authentication?.testAuthentication === "function",
  };
}

module.exports = {
  displayName,
  toCatalogDestination,
  cloudActions,
  isSecretSetting,
};
