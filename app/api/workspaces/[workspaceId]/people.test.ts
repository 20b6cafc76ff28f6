import { describe, expect, it } from "vitest";
import { identify, identifyObject, parseObjectRef, trackActivity } from "@/lib/people";
import { callRoute, seedMember, seedMemberWorkspace } from "@/lib/testing/fixtures";
import * as people from "./people/route";
import * as person from "./people/[personId]/route";
import * as activity from "./people/[personId]/activity/route";
import * as suppress from "./people/[personId]/suppress/route";
import * as objects from "./objects/route";
import * as object from "./objects/[typeId]/[objectId]/route";

// The People and Objects management API over the real store.

async function seedPeople(ws: string) {
  for (let i = 0; i < 5; i++) {
    await identify(ws, {
      identifiers: { id: `u${i}` },
      attributes: { email: `p${i}@example.com`, plan: i % 2 ? "pro" : "free", ...(i === 3 && { vip: true }) },
    });
  }
  await trackActivity(ws, { identifiers: { id: "u1" }, type: "event", name: "Signed Up", data: { via: "ad" } });
  await trackActivity(ws, { identifiers: { id: "u1" }, type: "page", name: "/pricing" });
  await identifyObject(ws, parseObjectRef("1", "acme"), { name: "Acme" }, [
    { identifiers: { id: "u1" }, attributes: { role: "admin" } },
  ]);
}

describe("People API", () => {
  it("lists with search, filters, counts and cursor paging", async () => {
    const { workspace, cookie } = await seedMember();
    await seedPeople(workspace.id);
    const list = (query: string) =>
      callRoute(people.GET, {
        url: `/api/workspaces/${workspace.id}/people?${query}`,
        params: { workspaceId: workspace.id },
        cookie,
      });

    const first = await list("limit=2");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 5, matching: null });
    expect(first.body.people.map((p: { externalId: string }) => p.externalId)).toEqual(["u4", "u3"]);
    const second = await list(`limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.people.map((p: { externalId: string }) => p.externalId)).toEqual(["u2", "u1"]);
    const third = await list(`limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body).toMatchObject({ nextCursor: null });
    expect(third.body.people.map((p: { externalId: string }) => p.externalId)).toEqual(["u0"]);

    expect((await list("search=P3@EXAMPLE")).body.people.map((p: { externalId: string }) => p.externalId)).toEqual([
      "u3",
    ]);
    expect((await list("search=pro")).body.matching).toBe(2); // an attribute value
    expect((await list("search=100%25")).body.matching).toBe(0); // LIKE wildcards are literal
    expect((await list("has=vip")).body.people.map((p: { externalId: string }) => p.externalId)).toEqual(["u3"]);
    expect((await list("attr=plan&value=free")).body.matching).toBe(3);
    expect((await list("seenDays=1")).body.matching).toBe(5);
    expect((await list("cursor=garbage")).status).toBe(400);
    expect((await list("limit=500")).status).toBe(422);
  });

  it("shows a person's identifiers, attributes with change times, relationships and activity; deletes and suppresses", async () => {
    const { workspaceId, cookie } = await seedMemberWorkspace();
    await seedPeople(workspaceId);
    const list = await callRoute(people.GET, {
      url: `/api/workspaces/${workspaceId}/people?search=u1`,
      params: { workspaceId },
      cookie,
    });
    const id = list.body.people.find((p: { externalId: string }) => p.externalId === "u1").id;
    const params = { workspaceId, personId: id };
    const got = await callRoute(person.GET, { url: "/", params, cookie });
    expect(got.body).toMatchObject({ externalId: "u1", email: "p1@example.com", cioId: expect.any(String) });
    expect(got.body.attributeList).toEqual([
      { name: "email", value: "p1@example.com", changedAt: expect.any(String) },
      { name: "plan", value: "pro", changedAt: expect.any(String) },
    ]);
    expect(got.body.relationships).toEqual([
      {
        objectTypeId: 1,
        objectTypeName: "Object type 1",
        objectId: "acme",
        attributes: { role: "admin" },
        objectAttributes: { name: "Acme" },
      },
    ]);
    const acts = await callRoute(activity.GET, { url: "/?limit=1", params, cookie });
    expect(acts.body.activity).toHaveLength(1);
    const rest = await callRoute(activity.GET, { url: `/?limit=5&cursor=${acts.body.nextCursor}`, params, cookie });
    expect([...acts.body.activity, ...rest.body.activity].map((a: { name: string }) => a.name).sort()).toEqual([
      "/pricing",
      "Signed Up",
    ]);

    const objs = await callRoute(objects.GET, { url: "/", params: { workspaceId }, cookie });
    expect(objs.body).toMatchObject({
      types: [{ typeId: 1, objectCount: 1 }],
      objects: [{ objectId: "acme", peopleCount: 1 }],
    });
    const acme = await callRoute(object.GET, {
      url: "/",
      params: { workspaceId, typeId: "1", objectId: "acme" },
      cookie,
    });
    expect(acme.body.people).toMatchObject([{ externalId: "u1", attributes: { role: "admin" } }]);
    expect(
      (await callRoute(object.GET, { url: "/", params: { workspaceId, typeId: "x", objectId: "acme" }, cookie }))
        .status,
    ).toBe(404);

    expect((await callRoute(suppress.POST, { method: "POST", url: "/", params, cookie })).status).toBe(204);
    expect((await callRoute(person.GET, { url: "/", params, cookie })).status).toBe(404);
    expect((await identify(workspaceId, { identifiers: { id: "u1" } })).ignored).toBe("suppressed");
    const u2 = (await callRoute(people.GET, { url: "/?search=u2", params: { workspaceId }, cookie })).body.people[0].id;
    expect(
      (await callRoute(person.DELETE, { method: "DELETE", url: "/", params: { workspaceId, personId: u2 }, cookie }))
        .status,
    ).toBe(204);
  });

  it("is the workspace's own: another workspace's person is not found", async () => {
    const a = await seedMember();
    const b = await seedMember();
    await seedPeople(a.workspace.id);
    const id = (await callRoute(people.GET, { url: "/", params: { workspaceId: a.workspace.id }, cookie: a.cookie }))
      .body.people[0].id;
    expect(
      (
        await callRoute(person.GET, {
          url: "/",
          params: { workspaceId: b.workspace.id, personId: id },
          cookie: b.cookie,
        })
      ).status,
    ).toBe(404);
    expect(
      (await callRoute(people.GET, { url: "/", params: { workspaceId: a.workspace.id }, cookie: b.cookie })).status,
    ).toBe(404);
  });
});
