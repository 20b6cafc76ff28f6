import { describe, expect, it } from "vitest";
import { db, getDbKind } from "@/lib/db";
import { runOnEventLog } from "@/lib/eventlog";
import { createTestWorkspace } from "@/lib/testing/fixtures";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(getDbKind() === "sqlite")("Prisma transactions on SQLite", () => {
  it("hold the write lock from BEGIN: a commit on another connection meanwhile waits instead of failing them", async () => {
    const ws = await createTestWorkspace();
    const run = runOnEventLog()!;
    let other: Promise<void> | undefined;
    await db.$transaction(async (tx) => {
      await tx.workspace.findUnique({ where: { id: ws.id }, select: { id: true } }); // the transaction's snapshot
      // Another connection (the event log's thread) writes while this transaction is open.
      other = run(`UPDATE "Workspace" SET "name" = ? WHERE "id" = ?`, ["other connection", ws.id]);
      await sleep(200);
      // With a deferred BEGIN that write has committed by now, and this one fails (SQLITE_BUSY_SNAPSHOT).
      await tx.workspace.update({ where: { id: ws.id }, data: { name: "transaction" }, select: { id: true } });
    });
    await other;
    const row = await db.workspace.findUnique({ where: { id: ws.id }, select: { name: true } });
    expect(row?.name).toBe("other connection"); // it waited for the transaction's commit, then wrote
  });
});
