// Derives the SQLite schema from prisma/schema.prisma and generates both Prisma clients, offline.
// Prisma's CLI downloads a native schema engine before `generate`; that host is unreachable here, so
// PRISMA_SCHEMA_ENGINE_BINARY points at a stub that fails loudly (generate itself never calls it).
// Migrations never go through the CLI: see prisma/scripts/new-migration.mjs and lib/db/migrate.mjs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const source = path.join(root, "prisma/schema.prisma");
const derived = path.join(root, "prisma/sqlite/schema.prisma");

export function deriveSqliteSchema() {
  const text = fs.readFileSync(source, "utf8");
  const out = text
    .replace(/provider\s*=\s*"postgresql"/, 'provider = "sqlite"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/pg"/, 'output   = "../../lib/generated/sqlite"');
  if (out === text || !out.includes('"sqlite"') || !out.includes("generated/sqlite")) {
    throw new Error("prisma/schema.prisma: datasource provider or generator output line not found");
  }
  fs.mkdirSync(path.dirname(derived), { recursive: true });
  fs.writeFileSync(
    derived,
    "// GENERATED from prisma/schema.prisma by prisma/scripts/generate.mjs — do not edit\n" + out,
  );
  return derived;
}

function generate(schema) {
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schema],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "prisma/scripts/no-schema-engine.sh"),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(source)) process.exit(0);
  generate(source);
  generate(deriveSqliteSchema());
  console.log("prisma: generated lib/generated/pg and lib/generated/sqlite");
}
