// The data folder and what is in it hold password hashes, session ids, write keys, the secrets and every
// event's personal data: only Sluice's own user may read them (folder 0700, files 0600). Files are created
// with those modes, and an install made before this gets its modes fixed at start. Plain JavaScript, shared
// by migrate.mjs (the SQLite file), lib/env.ts (the generated secrets) and lib/startup.ts.
import fs from "node:fs";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700; an existing folder keeps its mode. */
export function makePrivateDir(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

function chmodIfPresent(file, mode) {
  try {
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
}

/** Sluice's data folder 0700 and the files it keeps there 0600, whatever their modes were. */
export function securePrivateDir(dir, fileNames) {
  chmodIfPresent(dir, PRIVATE_DIR_MODE);
  for (const name of fileNames) chmodIfPresent(`${dir}/${name}`, PRIVATE_FILE_MODE);
}

/** A SQLite database 0600 with its -wal and -shm, created empty with that mode when missing: SQLite gives
 *  the -wal and -shm files it creates the database file's mode. */
export function securePrivateSqlite(file) {
  try {
    fs.closeSync(
      fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE),
    );
  } catch (err) {
    if (err.code !== "EEXIST") throw err;
  }
  for (const suffix of ["", "-wal", "-shm", "-journal"]) chmodIfPresent(`${file}${suffix}`, PRIVATE_FILE_MODE);
}
