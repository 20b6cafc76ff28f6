// @ts-check
import Database from "better-sqlite3";
import { EVENT_INSERT_COLUMNS, EVENT_WIDTH, pruneRejectedSql } from "./schema.mjs";

// The SQLite event log's connection: one dedicated better-sqlite3 connection, one IMMEDIATE transaction per group,
// one prepared single-row INSERT run per row (its `changes` says whether it was a duplicate, its rowid is the new
// id: no RETURNING rows to build and match back). WAL + synchronous=FULL: a commit is on disk (fsync of the WAL)
// before it returns. Used on the main thread (sqlite.ts) and, by default, on a worker thread (sqlite-thread.mjs),
// so both paths run this one implementation. Plain JavaScript: the thread runs it outside Next's bundle.
//
// A group's rows travel as one string (encodeValues): the column values in table order, each row EVENT_WIDTH of
// them, separated by NUL — which no value contains (columns.ts replaces it) — with null written as \u0001. One
// string crosses to the thread as one copy; an array of a thousand values is cloned value by value.

const SEPARATOR = "\u0000";
const NULL = "\u0001";

const INSERT_SQL = `INSERT INTO "Event" (${EVENT_INSERT_COLUMNS}) VALUES (${Array.from({ length: EVENT_WIDTH }, () => "?").join(",")}) ON CONFLICT ("sourceId","messageId") DO NOTHING`;

/**
 * The flat column values (strings without NUL, or null) as one string. A string that starts with \u0001 gets
 * another in front, so null and every string decode back apart.
 * @param {readonly unknown[]} values
 * @returns {string}
 */
export function encodeValues(values) {
  let text = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) text += SEPARATOR;
    if (v === null || v === undefined) {
      text += NULL;
      continue;
    }
    const s = String(v);
    text += s.charCodeAt(0) === 1 ? NULL + s : s;
  }
  return text;
}

/**
 * encodeValues's inverse ("" is no values: a row has EVENT_WIDTH of them, so never a lone empty string).
 * @param {string} text
 * @returns {(string | null)[]}
 */
export function decodeValues(text) {
  if (text === "") return [];
  const values = /** @type {(string | null)[]} */ (text.split(SEPARATOR));
  for (let i = 0; i < values.length; i++) {
    const s = /** @type {string} */ (values[i]);
    if (s.charCodeAt(0) === 1) values[i] = s.length === 1 ? null : s.slice(1);
  }
  return values;
}

/** @typedef {{ sourceId: string; keep: number }} PruneRequest */

/**
 * Opens the event log's connection on `file`.
 * @param {string} file
 */
export function openSqliteEventLog(file) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  const insert = db.prepare(INSERT_SQL);
  const prune = db.prepare(pruneRejectedSql("sqlite"));
  const writeAll = db.transaction(
    /** @param {(string | null)[]} p @param {readonly PruneRequest[]} prunes */
    (p, prunes) => {
      const ids = new Float64Array(p.length / EVENT_WIDTH);
      for (let i = 0, n = 0; i < p.length; i += EVENT_WIDTH, n++) {
        const info = insert.run(
          p[i],
          p[i + 1],
          p[i + 2],
          p[i + 3],
          p[i + 4],
          p[i + 5],
          p[i + 6],
          p[i + 7],
          p[i + 8],
          p[i + 9],
          p[i + 10],
          p[i + 11],
        );
        if (info.changes) ids[n] = Number(info.lastInsertRowid);
      }
      for (const x of prunes) prune.run(x.sourceId, x.sourceId, x.keep);
      return ids;
    },
  );
  /** @type {Map<string, import("better-sqlite3").Statement>} */
  const statements = new Map();
  return {
    /**
     * Inserts the encoded rows in one transaction; answers each row's new id, 0 for a duplicate.
     * @param {string} encoded
     * @param {readonly PruneRequest[]} prunes
     * @returns {Float64Array}
     */
    write(encoded, prunes) {
      return writeAll.immediate(decodeValues(encoded), prunes);
    },
    /**
     * One statement (`?` placeholders) in its own transaction.
     * @param {string} sql
     * @param {readonly unknown[]} params
     */
    run(sql, params) {
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      stmt.run(...params);
    },
    close() {
      db.close();
    },
  };
}
