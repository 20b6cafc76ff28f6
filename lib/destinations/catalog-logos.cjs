// Brand logos from simple-icons, matched on the destination's name at catalog-generation time (the UI shows a
// letter tile when there is none). Only the SVG path and colour go into the catalog.
const icons = require("simple-icons");

const normalize = (s) =>
  s
    .toLowerCase()
    .replace(/\+/g, "plus")
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");

// Words that say which Segment flavour a destination is, not which brand.
const NOISE =
  /\((actions?|web|cloud|beta|legacy|classic)\)|\bactions?\b|\baudiences?\b|\bcohorts?\b|\bsandbox\b|\bdev\b/gi;
// A first word alone is a brand only if it is not one of these.
const GENERIC = new Set([
  "the",
  "data",
  "cloud",
  "web",
  "open",
  "live",
  "one",
  "first",
  "party",
  "google",
  "amazon",
  "aws",
  "microsoft",
  "ms",
  "engage",
  "segment",
]);

let index = null;
function byName() {
  if (index) return index;
  index = new Map();
  for (const icon of Object.values(icons)) {
    if (!icon || typeof icon !== "object" || !icon.path) continue;
    for (const key of [normalize(icon.title), icon.slug]) if (key && !index.has(key)) index.set(key, icon);
  }
  return index;
}

function candidates(name, slug) {
  const words = name
    .replace(NOISE, " ")
    .split(/[\s\-_/:]+/)
    .filter(Boolean);
  const out = [normalize(name), normalize(slug)];
  // Longest prefix first: "Google Analytics 4" → "googleanalytics4", "googleanalytics", then stop at "google".
  for (let n = words.length; n >= 1; n--) {
    if (n === 1 && GENERIC.has(words[0].toLowerCase())) break;
    out.push(normalize(words.slice(0, n).join(" ")));
  }
  return out.filter((c) => c.length >= 3);
}

// Matches on the name that are another brand of the same name.
const WRONG_BRAND = new Set(["canvas", "eagleeye-audiences", "launchpad"]);

function logoFor(name, slug) {
  if (WRONG_BRAND.has(slug)) return null;
  const map = byName();
  for (const c of candidates(name, slug)) {
    const icon = map.get(c);
    if (icon) return { svgPath: icon.path, hex: `#${icon.hex}`, title: icon.title };
  }
  return null;
}

module.exports = { logoFor };
