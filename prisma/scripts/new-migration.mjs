// npm run db:migration -- <name>
// Writes the next migration for both flavours: prisma/migrations/{postgresql,sqlite}/<timestamp>_<name>/.
// Prisma's CLI cannot download its schema engine here, so this drives Prisma's wasm schema engine in-process
// and diffs the schema snapshot saved with the previous migration against prisma/schema.prisma (no database
// is touched). Each migration folder keeps a schema.prisma snapshot for the next diff.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { deriveSqliteSchema } from "./generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

async function loadEngine() {
  const entry = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(pathToFileURL(entry).href);
  const wasm = fs.readFileSync(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bg.SchemaEngine;
}

function lastSnapshot(dir) {
  if (!fs.existsSync(dir)) return null;
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const name of names.reverse()) {
    const file = path.join(dir, name, "schema.prisma");
    if (fs.existsSync(file)) return file;
  }
  if (names.length) throw new Error(`${dir}: the last migration has no schema.prisma snapshot`);
  return null;
}

async function diff(SchemaEngine, flavour, schemaPath) {
  const content = fs.readFileSync(schemaPath, "utf8");
  // The engine wants an adapter even for a pure datamodel diff; an in-memory SQLite one is never queried here.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ":memory:" }));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, content]] }, () => {}, adapter);
  const dir = path.join(root, "prisma/migrations", flavour);
  const previous = lastSnapshot(dir);
  const from = previous
    ? { tag: "schemaDatamodel", files: [{ path: previous, content: fs.readFileSync(previous, "utf8") }] }
    : { tag: "empty" };
  const res = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  engine.free?.();
  let sql = res.stdout ?? "";
  // Prisma writes `BigInt @id @default(autoincrement())` as "BIGINT PRIMARY KEY" on SQLite, which is not a rowid
  // alias and so never auto-increments; INTEGER PRIMARY KEY AUTOINCREMENT is SQLite's 64-bit equivalent.
  if (flavour === "sqlite")
    sql = sql.replace(/"id" BIGINT NOT NULL PRIMARY KEY/g, '"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT');
  return { dir, sql, content };
}

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const SchemaEngine = await loadEngine();
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const results = [
  await diff(SchemaEngine, "postgresql", path.join(root, "prisma/schema.prisma")),
  await diff(SchemaEngine, "sqlite", deriveSqliteSchema()),
];
if (results.every((r) => !r.sql.trim() || /empty migration/i.test(r.sql))) {
  console.log("No schema changes.");
  process.exit(0);
}
for (const [flavour, r] of [
  ["postgresql", results[0]],
  ["sqlite", results[1]],
]) {
  const dir = path.join(r.dir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), r.sql);
  fs.writeFileSync(path.join(dir, "schema.prisma"), r.content);
  fs.writeFileSync(path.join(r.dir, "migration_lock.toml"), `provider = "${flavour}"\n`);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
}
