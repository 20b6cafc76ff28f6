// Where the fuzzed server keeps its data: a fresh SQLite file, or a throwaway PostgreSQL database. seed() runs
// once the server has applied its migrations: a workspace, an enabled and a disabled source, a read-only App
// API key for the events API (stored hashed, as Sluice stores them).
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createThrowawayPostgres } from "../../lib/db/throwaway.mjs";

const ids = () => {
  const id = () => `fuzz_${crypto.randomBytes(8).toString("hex")}`;
  return {
    workspaceId: id(),
    sourceId: id(),
    disabledId: id(),
    keyId: id(),
    writeKey: crypto.randomBytes(24).toString("base64url"),
    disabledKey: crypto.randomBytes(24).toString("base64url"),
    appKey: `sk_fuzz_${crypto.randomBytes(24).toString("base64url")}`,
  };
};

const INSERTS = (p) => [
  `INSERT INTO "Workspace" ("id","name","updatedAt") VALUES (${p(1)},'Fuzz',${p(2)})`,
  `INSERT INTO "Source" ("id","workspaceId","type","name","writeKey","enabled","updatedAt") VALUES (${p(1)},${p(2)},'http','Fuzz',${p(3)},${p(4)},${p(5)})`,
  `INSERT INTO "AppApiKey" ("id","workspaceId","name","prefix","hash","scope") VALUES (${p(1)},${p(2)},'Fuzz','sk_fuzz',${p(3)},'read')`,
];

export async function createStore(adminUrl, dir) {
  const s = ids();
  const hash = crypto.createHash("sha256").update(s.appKey).digest("hex");
  if (!adminUrl) {
    const file = path.join(dir, "sluice.db");
    return {
      url: `file:${file}`,
      async seed() {
        const db = new Database(file);
        db.pragma("busy_timeout = 5000");
        const now = new Date().toISOString().replace("Z", "+00:00");
        const [workspace, source, appKey] = INSERTS(() => "?").map((sql) => db.prepare(sql));
        workspace.run(s.workspaceId, now);
        source.run(s.sourceId, s.workspaceId, s.writeKey, 1, now);
        source.run(s.disabledId, s.workspaceId, s.disabledKey, 0, now);
        appKey.run(s.keyId, s.workspaceId, hash);
        db.close();
        return s;
      },
      close: async () => {},
    };
  }
  const database = await createThrowawayPostgres(adminUrl, "sluice_fuzz");
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  return {
    url: database.url,
    async seed() {
      const [workspace, source, appKey] = INSERTS((n) => `$${n}`);
      const now = new Date();
      await pool.query(workspace, [s.workspaceId, now]);
      await pool.query(source, [s.sourceId, s.workspaceId, s.writeKey, true, now]);
      await pool.query(source, [s.disabledId, s.workspaceId, s.disabledKey, false, now]);
      await pool.query(appKey, [s.keyId, s.workspaceId, hash]);
      return s;
    },
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}
