// Summarizes a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_CPU_PROF=1 npm run bench:ingest): self time
// per function and per area. Usage: node bench/cpuprofile-top.mjs <file.cpuprofile> [top=25] [from-s to-s]
// from/to: only samples in that window, in seconds after the profile started (bench:ingest prints them).
import fs from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/cpuprofile-top.mjs <file.cpuprofile> [top]");
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const top = Number(topArg ?? 25);

// Self time per node: sample counts weighted by the time deltas that follow each sample.
const self = new Map();
const from = fromArg === undefined ? -Infinity : Number(fromArg) * 1e6;
const to = toArg === undefined ? Infinity : Number(toArg) * 1e6;
let at = 0; // µs since the profile started
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i];
  if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
});

const area = (url, name) => {
  if (!url) return name.startsWith("(") ? name : "native/other";
  if (url.includes("/.next/server/")) return ".next/server (app bundle: lib/ingest, lib/eventlog…)";
  if (url.includes("next/dist")) return "next (framework)";
  if (url.includes("node_modules")) return "other node_modules";
  if (url.startsWith("node:")) return "node core";
  return url.split("/").slice(-2).join("/");
};

// Next's server chunks are minified: map each frame back through the chunk's source map when there is one.
const maps = new Map();
function original(url, line, column) {
  if (!url.includes("/.next/")) return undefined;
  if (!maps.has(url)) {
    try {
      const file = url.startsWith("file:") ? fileURLToPath(url) : url;
      maps.set(url, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8"))));
    } catch {
      maps.set(url, undefined);
    }
  }
  const e = maps.get(url)?.findEntry(line, column);
  return e?.originalSource
    ? `${e.originalSource.replace(/^.*?\/\/\/?|^.*\[project\]\//, "")}:${e.originalLine + 1}`
    : undefined;
}

function frameKey(n) {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  const name = functionName || "(anonymous)";
  const where = url
    ? (original(url, lineNumber, columnNumber) ??
      `${url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${lineNumber + 1}`)
    : "";
  return `${name} ${where}`;
}

const byFn = new Map();
const byArea = new Map();
let total = 0;
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  total += t;
  const key = frameKey(n);
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const { url, functionName } = n.callFrame;
  const name = functionName || "(anonymous)";
  const a = area(url, name);
  byArea.set(a, (byArea.get(a) ?? 0) + t);
}

const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nby area (self time):`);
[...byArea].sort((a, b) => b[1] - a[1]).forEach(([k, t]) => console.log(`  ${pct(t)}  ${k}`));
console.log(`\ntop ${top} functions (self time):`);
[...byFn]
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([k, t]) => console.log(`  ${pct(t)}  ${k}`));

// Inclusive time (self + callees, each function counted once per stack): where a whole path's time goes.
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const inclusive = new Map();
for (const [id, t] of self) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) {
    const key = frameKey(nodeById.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
}
console.log(`\ntop ${top} functions (inclusive, Sluice's and actions-core's code):`);
[...inclusive]
  .filter(([k]) => /lib\/|src\//.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([k, t]) => console.log(`  ${pct(t)}  ${k}`));

// CALLERS=<text>: the stacks (innermost first, 8 frames) under which the functions matching <text> spent their self time.
if (process.env.CALLERS) {
  const stacks = new Map();
  for (const [id, t] of self) {
    const key = frameKey(nodeById.get(id));
    if (!key.includes(process.env.CALLERS)) continue;
    const chain = [];
    for (let cur = parentOf.get(id); cur !== undefined && chain.length < 8; cur = parentOf.get(cur))
      chain.push(frameKey(nodeById.get(cur)));
    const k = `${key}\n      < ${chain.join("\n      < ")}`;
    stacks.set(k, (stacks.get(k) ?? 0) + t);
  }
  console.log(`\ncallers of ${process.env.CALLERS}:`);
  [...stacks]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .forEach(([k, t]) => console.log(`  ${pct(t)}  ${k}`));
}
