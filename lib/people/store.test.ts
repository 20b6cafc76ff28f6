import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { discardExpiredAnonymous } from "./anonymous";
import {
  addDevice,
  deleteDevice,
  deleteRelationships,
  deletePerson,
  identify,
  identifyObject,
  mergePeople,
  parseObjectRef,
  suppressPerson,
  trackActivity,
  unsuppressPerson,
} from "./index";

const DAY = 24 * 60 * 60 * 1000;

async function person(workspaceId: string, externalId: string) {
  return db.person.findFirst({
    where: { workspaceId, externalId },
    include: { events: true, devices: true, relationships: true },
  });
}

describe("people store", () => {
  it("resolves a person by id, email (any case) and cio_id, and refuses identifiers of two people", async () => {
    const ws = (await createTestWorkspace()).id;
    const a = await identify(ws, { identifiers: { id: "u1" }, attributes: { email: "Ann@Example.com", plan: "free" } });
    expect(a.created).toBe(true);
    const row = await person(ws, "u1");
    expect(row?.email).toBe("ann@example.com");
    const byEmail = await identify(ws, { identifiers: { email: "ANN@example.com" }, attributes: { plan: "pro" } });
    expect(byEmail.personId).toBe(row!.id);
    const byCio = await identify(ws, { identifiers: { cio_id: row!.cioId }, attributes: { id: "u1-renamed" } });
    expect(byCio.personId).toBe(row!.id);
    expect((await db.person.findUnique({ where: { id: row!.id } }))?.externalId).toBe("u1-renamed");

    await identify(ws, { identifiers: { id: "u2" }, attributes: { email: "bob@example.com" } });
    await expect(identify(ws, { identifiers: { id: "u2", email: "ann@example.com" } })).rejects.toThrow(
      /Identifier conflict/,
    );
    await expect(identify(ws, { identifiers: { id: "u3" }, attributes: { email: "bob@example.com" } })).rejects.toThrow(
      /already belongs to another person \(id "u2"\)/,
    );
    expect(await db.person.count({ where: { workspaceId: ws } })).toBe(2); // nothing was merged or created
    await expect(identify(ws, { identifiers: { cio_id: "nobody" } })).rejects.toThrow(/No person/);
  });

  it("keeps omitted attributes, removes null and empty ones, and records when each changed", async () => {
    const ws = (await createTestWorkspace()).id;
    const t0 = new Date("2026-11-01T00:00:00Z");
    await identify(
      ws,
      { identifiers: { id: "u1" }, attributes: { plan: "free", seats: 2, city: "Oslo" } },
      { now: t0 },
    );
    const t1 = new Date("2026-11-05T00:00:00Z");
    await identify(
      ws,
      { identifiers: { id: "u1" }, attributes: { plan: "pro", seats: null, city: undefined } },
      { now: t1 },
    );
    const row = await person(ws, "u1");
    expect(JSON.parse(row!.attributes)).toEqual({ plan: "pro", city: "Oslo" });
    expect(JSON.parse(row!.attributeTimes)).toEqual({ plan: t1.toISOString(), city: t0.toISOString() });
  });

  it("attaches anonymous activity within the merge window on identify and discards older activity", async () => {
    const ws = (await createTestWorkspace()).id;
    const now = new Date();
    await trackActivity(ws, {
      anonymousId: "anon-1",
      type: "page",
      name: "/pricing",
      eventId: "p1",
      timestamp: new Date(now.getTime() - 2 * DAY),
    });
    await trackActivity(ws, {
      anonymousId: "anon-1",
      type: "page",
      name: "/old",
      eventId: "p0",
      timestamp: new Date(now.getTime() - 40 * DAY),
    });
    await trackActivity(ws, { anonymousId: "anon-2", type: "event", name: "Other visitor", eventId: "p2" });
    const out = await identify(ws, { identifiers: { id: "u1" }, anonymousId: "anon-1" }, { now });
    expect(out.attached).toBe(1);
    const row = await person(ws, "u1");
    expect(row!.events.map((e) => e.name)).toEqual(["/pricing"]);
    expect(await db.personEvent.count({ where: { workspaceId: ws, anonymousId: "anon-1" } })).toBe(1); // /old is gone
    // Later anonymous activity under the identified anonymousId goes straight to the person.
    const later = await trackActivity(ws, { anonymousId: "anon-1", type: "screen", name: "Home", eventId: "p3" });
    expect(later.personId).toBe(row!.id);
  });

  it("uses the workspace's merge window", async () => {
    const ws = (await createTestWorkspace()).id;
    await db.workspaceSettings.update({ where: { workspaceId: ws }, data: { anonymousMergeWindow: 1 } });
    await trackActivity(ws, {
      anonymousId: "a",
      type: "page",
      name: "/two-days-ago",
      timestamp: new Date(Date.now() - 2 * DAY),
    });
    expect((await identify(ws, { identifiers: { id: "u1" }, anonymousId: "a" })).attached).toBe(0);
  });

  it("drops an event whose id it has seen", async () => {
    const ws = (await createTestWorkspace()).id;
    const first = await trackActivity(ws, {
      identifiers: { id: "u1" },
      type: "event",
      name: "Signed Up",
      eventId: "m1",
    });
    const again = await trackActivity(ws, {
      identifiers: { id: "u1" },
      type: "event",
      name: "Signed Up",
      eventId: "m1",
    });
    expect(first.ignored).toBeUndefined();
    expect(again.ignored).toBe("duplicate");
    expect((await person(ws, "u1"))!.events).toHaveLength(1);
  });

  it("suppresses (deletes and blocks re-adding) and unsuppresses", async () => {
    const ws = (await createTestWorkspace()).id;
    await identify(ws, { identifiers: { id: "u1" }, attributes: { email: "s@example.com" } });
    await suppressPerson(ws, { id: "u1" });
    expect(await person(ws, "u1")).toBeNull();
    expect((await identify(ws, { identifiers: { id: "u1" } })).ignored).toBe("suppressed");
    expect((await identify(ws, { identifiers: { id: "other" }, attributes: { email: "S@example.com" } })).ignored).toBe(
      "suppressed",
    );
    expect((await trackActivity(ws, { identifiers: { id: "u1" }, type: "event", name: "x" })).ignored).toBe(
      "suppressed",
    );
    await unsuppressPerson(ws, { id: "u1" });
    // Unsuppressing by id lifts the email blocked with it too: the person comes back with both.
    expect((await identify(ws, { identifiers: { id: "u1" }, attributes: { email: "s@example.com" } })).created).toBe(
      true,
    );
    expect((await person(ws, "u1"))!.email).toBe("s@example.com");
    await deletePerson(ws, { id: "u1" });
    expect(await person(ws, "u1")).toBeNull();
  });

  it("merges the secondary's identifiers, missing attributes, events, devices and relationships into the primary", async () => {
    const ws = (await createTestWorkspace()).id;
    await identify(ws, { identifiers: { id: "p" }, attributes: { plan: "pro" } });
    await identify(ws, {
      identifiers: { id: "s" },
      attributes: { email: "s@example.com", plan: "free", city: "Rome" },
    });
    await trackActivity(ws, { identifiers: { id: "s" }, type: "event", name: "Old Event" });
    await addDevice(ws, { id: "s" }, { token: "tok-1", platform: "ios" });
    await identifyObject(ws, parseObjectRef("1", "acme"), { name: "Acme" }, [
      { identifiers: { id: "s" }, attributes: { role: "admin" } },
    ]);
    await mergePeople(ws, { id: "p" }, { id: "s" });
    const p = await person(ws, "p");
    expect(await person(ws, "s")).toBeNull();
    expect(p!.email).toBe("s@example.com");
    expect(JSON.parse(p!.attributes)).toEqual({ plan: "pro", email: "s@example.com", city: "Rome" });
    expect(p!.events.map((e) => e.name)).toEqual(["Old Event"]);
    expect(p!.devices.map((d) => d.token)).toEqual(["tok-1"]);
    expect(p!.relationships.map((r) => JSON.parse(r.attributes))).toEqual([{ role: "admin" }]);
    await deleteDevice(ws, { id: "p" }, "tok-1");
    expect((await person(ws, "p"))!.devices).toHaveLength(0);
  });

  it("an alias from an anonymous id attaches that visitor's held activity", async () => {
    const ws = (await createTestWorkspace()).id;
    await trackActivity(ws, { anonymousId: "anon-9", type: "page", name: "/" });
    await mergePeople(ws, { id: "u9" }, { id: "anon-9" });
    expect((await person(ws, "u9"))!.events.map((e) => e.name)).toEqual(["/"]);
  });

  it("holds a not-yet-identified visitor's relationships for the merge window and attaches them on identify", async () => {
    const ws = (await createTestWorkspace()).id;
    const now = new Date();
    const acme = parseObjectRef("1", "acme");
    const old = parseObjectRef("1", "old-co");
    await identifyObject(ws, acme, { name: "Acme" }, [{ anonymousId: "anon-g", attributes: { role: "admin" } }], {
      now: new Date(now.getTime() - 2 * DAY),
    });
    await identifyObject(ws, old, { name: "Old Co" }, [{ anonymousId: "anon-g" }], {
      now: new Date(now.getTime() - 40 * DAY),
    });
    // The objects exist at once; the relationships wait, tied to nobody yet.
    expect(await db.dataObject.count({ where: { workspaceId: ws } })).toBe(2);
    expect(await db.relationship.count({ where: { object: { workspaceId: ws } } })).toBe(0);
    expect(await db.heldRelationship.count({ where: { workspaceId: ws } })).toBe(2);

    await identify(ws, { identifiers: { id: "u1" }, anonymousId: "anon-g" }, { now });
    const row = await db.person.findFirst({
      where: { workspaceId: ws, externalId: "u1" },
      include: { relationships: { include: { object: true } } },
    });
    // Within the window (2 days ago) it attaches with its attributes; 40 days ago is past the 30-day window.
    expect(row!.relationships.map((r) => [r.object.objectId, JSON.parse(r.attributes)])).toEqual([
      ["acme", { role: "admin" }],
    ]);
    expect(await db.heldRelationship.count({ where: { workspaceId: ws } })).toBe(0);
    // Once identified, a group call under the anonymousId relates the person directly.
    await identifyObject(ws, old, {}, [{ anonymousId: "anon-g" }]);
    expect(await db.relationship.count({ where: { personId: row!.id } })).toBe(2);
  });

  it("discards held relationships nobody identified within the window, and deletes them with the object", async () => {
    const ws = (await createTestWorkspace()).id;
    const now = new Date();
    await identifyObject(ws, parseObjectRef("1", "a"), {}, [{ anonymousId: "v1" }], {
      now: new Date(now.getTime() - 31 * DAY),
    });
    await identifyObject(ws, parseObjectRef("1", "b"), {}, [{ anonymousId: "v2" }], { now });
    await identifyObject(ws, parseObjectRef("1", "c"), {}, [{ anonymousId: "v3" }], { now });
    await discardExpiredAnonymous(db, ws, now);
    expect(
      (await db.heldRelationship.findMany({ where: { workspaceId: ws } })).map((h) => h.anonymousId).sort(),
    ).toEqual(["v2", "v3"]);
    await deleteRelationships(ws, parseObjectRef("1", "b"), [{ anonymousId: "v2" }]);
    expect(await db.heldRelationship.count({ where: { workspaceId: ws, anonymousId: "v2" } })).toBe(0);
    await identify(ws, { identifiers: { id: "late" }, anonymousId: "v1" });
    expect(await db.relationship.count({ where: { object: { workspaceId: ws } } })).toBe(0);
  });
});
