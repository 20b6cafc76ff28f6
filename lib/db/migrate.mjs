// Applies pending migrations from prisma/migrations/<flavour>/ at start-up (never `db push`).
// Plain JavaScript so the start script, the test setup and `npm run db:migrate` share it before any
// TypeScript is compiled. Each migration runs in its own transaction and is recorded in _sluice_migrations;
// on PostgreSQL an advisory lock lets several processes start at once.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makePrivateDir, securePrivateSqlite } from "./file-modes.mjs";

// Relative to the working directory (the project root for npm scripts, next and tests), so this module also
// works from inside the Next.js server bundle.
const root = process.cwd();

export const DEFAULT_DATABASE_URL = "file:./data/sluice.db";

export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The SQLite file path of a file: URL, resolved against the working directory. */
export function sqlitePath(url) {
  const p = url.replace(/^file:/, "");
  return p === ":memory:" ? p : path.resolve(p);
}

function listMigrations(flavour) {
  const dir = path.join(root, "prisma/migrations", flavour);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

async function migratePostgres(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied = [];
  try {
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_sluice_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query('SELECT name FROM "_sluice_migrations"')).rows.map((r) => r.name));
    for (const m of listMigrations("postgresql")) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO "_sluice_migrations" (name) VALUES ($1)', [m.name]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${err.message}`);
      }
      applied.push(m.name);
    }
  } finally {
    await client.end();
  }
  return applied;
}

async function migrateSqlite(url) {
  const { default: Database } = await import("better-sqlite3");
  const file = sqlitePath(url);
  if (file !== ":memory:") {
    makePrivateDir(path.dirname(file));
    securePrivateSqlite(file); // before SQLite opens it: its -wal and -shm take the file's mode
  }
  const db = new Database(file);
  const applied = [];
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(
      "CREATE TABLE IF NOT EXISTS \"_sluice_migrations\" (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
    );
    const done = new Set(db.prepare('SELECT name FROM "_sluice_migrations"').pluck().all());
    for (const m of listMigrations("sqlite")) {
      if (done.has(m.name)) continue;
      // BEGIN IMMEDIATE takes the write lock first, so two starting processes cannot both apply it.
      db.exec("BEGIN IMMEDIATE");
      try {
        if (!db.prepare('SELECT 1 FROM "_sluice_migrations" WHERE name = ?').get(m.name)) {
          db.exec(m.sql);
          db.prepare('INSERT INTO "_sluice_migrations" (name) VALUES (?)').run(m.name);
          applied.push(m.name);
        }
        db.exec("COMMIT");
      } catch (err) {
        db.exec("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${err.message}`);
      }
    }
  } finally {
    db.close();
  }
  return applied;
}

/** Applies every pending migration to the database at `url`; returns the names applied. */
export async function migrate(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  return isPostgresUrl(url) ? migratePostgres(url) : migrateSqlite(url);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const applied = await migrate();
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
}
