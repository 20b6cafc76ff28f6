import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate.mjs";
import { securePrivateDir } from "@/lib/db/file-modes.mjs";

// The data folder holds password hashes, sessions, write keys, secrets and every event: 0700, files 0600.
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-modes-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("file modes", () => {
  it("creates the SQLite folder 0700 and the database, its -wal and -shm 0600", async () => {
    const dataDir = path.join(tempDir(), "data");
    const file = path.join(dataDir, "sluice.db");
    await migrate(`file:${file}`);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    const db = new Database(file); // a WAL connection, as the app's, creates the -wal and -shm files
    try {
      db.pragma("journal_mode = WAL");
      db.exec("CREATE TABLE IF NOT EXISTS t (x)");
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it("fixes an install made with the old modes at start", async () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, "sluice.db");
    const db = new Database(file);
    try {
      db.pragma("journal_mode = WAL");
      db.exec("CREATE TABLE t (x)");
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.chmodSync(f, 0o644);
      fs.writeFileSync(path.join(dataDir, "auth-secret"), "s", { mode: 0o644 });
      securePrivateDir(dataDir, ["auth-secret", "encryption-key"]);
      await migrate(`file:${file}`);
      expect(modeOf(dataDir)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`, path.join(dataDir, "auth-secret")]) {
        expect(modeOf(f), f).toBe(0o600);
      }
    } finally {
      db.close();
    }
  });

  it("generates the secrets 0600 in a data folder it creates 0700", async () => {
    const dataDir = path.join(tempDir(), "fresh");
    const saved = { dir: process.env.SLUICE_DATA_DIR, key: process.env.SLUICE_ENCRYPTION_KEY };
    process.env.SLUICE_DATA_DIR = dataDir;
    delete process.env.SLUICE_ENCRYPTION_KEY;
    try {
      const { getEncryptionSecret } = await import("@/lib/env");
      expect(getEncryptionSecret()).toMatch(/^[\w-]{43}$/);
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, "encryption-key"))).toBe(0o600);
    } finally {
      process.env.SLUICE_DATA_DIR = saved.dir;
      if (saved.key !== undefined) process.env.SLUICE_ENCRYPTION_KEY = saved.key;
      if (saved.dir === undefined) delete process.env.SLUICE_DATA_DIR;
    }
  });
});
