import { describe, expect, it, vi } from "vitest";
import { callRoute, createTestAppKey, seedMember } from "@/lib/testing/fixtures";

// Creating a source and rotating a key forget the new key in this process's cache of unknown keys (a client may
// have tried it before it existed: a copied snippet, a key pasted early), so it works from the first call on.

const ingest = vi.hoisted(() => ({ invalidated: [] as string[] }));
vi.mock("@/lib/ingest", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/ingest")>();
  return {
    ...actual,
    invalidateWriteKey: (key: string) => {
      ingest.invalidated.push(key);
      actual.invalidateWriteKey(key);
    },
  };
});

const sources = await import("@/app/api/workspaces/[workspaceId]/sources/route");
const rotate = await import("@/app/api/workspaces/[workspaceId]/sources/[sourceId]/rotate-key/route");

describe("write keys new to the cache", () => {
  it("are invalidated on create and on rotate (the old key too)", async () => {
    const { workspace } = await seedMember("owner");
    const bearer = await createTestAppKey(workspace.id, "full");
    const created = await callRoute(sources.POST, {
      method: "POST",
      bearer,
      params: { workspaceId: workspace.id },
      body: { type: "nodejs", name: "Server" },
    });
    expect(created.status).toBe(201);
    expect(ingest.invalidated).toEqual([created.body.writeKey]);

    const rotated = await callRoute(rotate.POST, {
      method: "POST",
      bearer,
      params: { workspaceId: workspace.id, sourceId: created.body.id },
    });
    expect(rotated.status).toBe(200);
    expect(ingest.invalidated).toEqual([created.body.writeKey, created.body.writeKey, rotated.body.writeKey]);
  });
});
