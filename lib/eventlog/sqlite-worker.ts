import { moduleThread } from "@/lib/module-thread";
import { encodeRows } from "./sqlite";
import type { EventLogBackend, EventRow, PruneRequest } from "./types";

// SQLite backend on a worker thread: the commit (and its fsync, milliseconds on a real disk) runs off the event
// loop, so requests keep being parsed while a group commits and the next group forms meanwhile. The thread runs
// sqlite-thread.mjs outside Next's bundle (lib/module-thread.ts). One message per group: the rows as one string; the
// answer one transferred array of numbers (each row's id, 0 for a duplicate), so neither side clones objects.

type Reply = { id: number; ids?: Float64Array; error?: string };

export function createSqliteWorkerBackend(file: string): EventLogBackend {
  const thread = moduleThread<Reply>("lib/eventlog/sqlite-thread.mjs", { file }, { name: "event log" });
  const call = async (message: object): Promise<Reply> => {
    const reply = await thread.request(message);
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply;
  };
  return {
    async write(rows: EventRow[], prunes: PruneRequest[]): Promise<ArrayLike<number>> {
      return (await call({ rows: encodeRows(rows), prunes })).ids!;
    },
    async run(sql: string, params: unknown[]): Promise<void> {
      await call({ run: { sql, params } });
    },
    close: () => thread.close(),
  };
}
