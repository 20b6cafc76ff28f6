// What the production build was made from: a SHA-256 over the sources and configuration that `next build`
// reads. `npm run build` records it next to the build (postbuild); `npm start` (server.js) rebuilds when the
// sources no longer match, so `git pull && npm start` never serves the previous version. Plain CommonJS: it
// runs before Next, from server.js and from package.json.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOTS = ["app", "components", "lib", "prisma", "public"];
const FILES = [
  "package.json",
  "package-lock.json",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "instrumentation.ts",
];
const SKIP = /(^|\/)(generated|node_modules)(\/|$)|\.test\.tsx?$/;

function listFiles(dir, root, out) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return; // an optional folder (public/) may not exist
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (SKIP.test(rel)) continue;
    if (entry.isDirectory()) listFiles(rel, root, out);
    else if (entry.isFile()) out.push(rel);
  }
}

/** The fingerprint of the sources under `root` (the project folder). */
function sourceFingerprint(root) {
  const files = FILES.filter((f) => fs.existsSync(path.join(root, f)));
  for (const dir of ROOTS) listFiles(dir, root, files);
  const hash = crypto.createHash("sha256");
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

const recordFile = (root) => path.join(root, ".next", "sluice-source-fingerprint");

/** Records that the build in .next was made from the current sources. */
function recordBuildFingerprint(root) {
  fs.writeFileSync(recordFile(root), `${sourceFingerprint(root)}\n`);
}

/**
 * Why the build in .next cannot be served as it is, or null when it can: missing, or made from other sources.
 * A build without a record (made by plain `next build`) is taken as current.
 */
function staleBuildReason(root) {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return "no production build yet";
  if (!fs.existsSync(recordFile(root))) return null;
  const recorded = fs.readFileSync(recordFile(root), "utf8").trim();
  return recorded === sourceFingerprint(root) ? null : "the code changed since the last build";
}

module.exports = { recordBuildFingerprint, staleBuildReason };

if (require.main === module) recordBuildFingerprint(path.resolve(__dirname, ".."));
